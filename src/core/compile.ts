/**
 * Compile a Dataset into integer ids and typed arrays (ARCHITECTURE.md, "Performance shape").
 *
 * Every algorithm in core runs on this form; objects are for I/O only. The compiled form is
 * immutable: scenarios are applied as diffs on top of it, so one compilation serves thousands
 * of runs.
 *
 * Country shares follow MODEL.md §1:
 * - shares are fractions 0..1; an item's country shares summing to more than 1 (at most 1.05)
 *   are normalized to 1; the remainder below 1 goes to ROW (the last country column);
 * - where an item has organization shares only, its country shares are the sums over each
 *   organization's headquarters country;
 * - providers with a blank share ("a supplier, share unknown") are kept in `unquantified*`
 *   and never turned into numbers. An item with no quantified share at all is marked
 *   `quantified[i] = 0`; metrics report it as unquantified instead of computing a
 *   concentration;
 * - a category is derived (`derivedCategory`) when an item below it carries shares: it is then
 *   the weighted mean of its variants (equilibrium/variants.ts) and its own figures are no
 *   longer used directly. An unquantified variant of a derived category runs on the shares of
 *   its nearest quantified ancestor (`sharesFrom`): the category's figures cover all of its
 *   types, so they are the best estimate for a type without figures of its own. Without this,
 *   quantifying one variant would silently drop the category's figures for the others. Such
 *   an item stays `quantified[i] = 0`. (Variants of a category that is not derived keep no
 *   shares: the category itself carries their value, and copying would count it twice.)
 */
import type { Dataset } from './dataset.js';
import { ROW } from './dataset.js';

export interface CompiledDataset {
  readonly dataset: Dataset;
  readonly nItems: number;
  readonly nCountries: number;
  readonly itemIds: readonly string[];
  readonly itemIndex: ReadonlyMap<string, number>;
  /** Country codes, sorted, with ROW last (index `rowIndex`). */
  readonly countryCodes: readonly string[];
  readonly countryIndex: ReadonlyMap<string, number>;
  readonly rowIndex: number;
  readonly areaIds: readonly string[];
  /** Area index per item. */
  readonly itemArea: Int32Array;
  readonly stageIds: readonly string[];
  /** Stage index per item, -1 where the item has no stage. */
  readonly itemStage: Int32Array;
  /** V[i]: market size in USD, 1 where unknown (MODEL.md §1: default 1 for weighting). */
  readonly marketSize: Float64Array;
  readonly hasMarketSize: Uint8Array;
  /** s[i][k], row-major nItems x nCountries, normalized; the ROW column holds the remainder. */
  readonly share: Float64Array;
  /** 1 where the item has at least one quantified country (or organization) share. */
  readonly quantified: Uint8Array;
  /** 1 for a category with a quantified item below it (see the header). */
  readonly derivedCategory: Uint8Array;
  /**
   * Per item, the ancestor category whose shares the item's `share` row copies because the
   * item has none of its own (see the header); -1 where the row is the item's own.
   */
  readonly sharesFrom: Int32Array;
  /** Sum of the quantified country shares before normalization (ROW rows included). */
  readonly rawShareSum: Float64Array;
  /** Per item, countries listed as suppliers with an unknown share (CSR). */
  readonly unquantifiedOffsets: Int32Array;
  readonly unquantifiedCountry: Int32Array;
  readonly orgIds: readonly string[];
  readonly orgIndex: ReadonlyMap<string, number>;
  /** Headquarters country index per organization. */
  readonly orgCountry: Int32Array;
  /** Organization shares per item (CSR); NaN where the share is unknown. */
  readonly orgShareOffsets: Int32Array;
  readonly orgShareOrg: Int32Array;
  readonly orgShareValue: Float64Array;
  /**
   * Requirements per item as slots (CSR): a slot is one single-item requirement or one anyOf
   * group. `slotInput*` lists the slot's alternatives with their efficiencies.
   */
  readonly reqOffsets: Int32Array;
  readonly slotCriticality: Float64Array;
  readonly slotInputOffsets: Int32Array;
  readonly slotInput: Int32Array;
  readonly slotEfficiency: Float64Array;
  /** Variants of each category item (CSR) and the parent of each item (-1 for none). */
  readonly variantOffsets: Int32Array;
  readonly variantChild: Int32Array;
  readonly variantParent: Int32Array;
  /** Explicit demand d[j][m] (row-major), valid where hasExplicitDemand[j] is 1. */
  readonly explicitDemand: Float64Array;
  readonly hasExplicitDemand: Uint8Array;
  readonly blocIds: readonly string[];
  readonly blocIndex: ReadonlyMap<string, number>;
  readonly blocOffsets: Int32Array;
  readonly blocMember: Int32Array;
  /** GDP in USD per country, NaN where unknown. */
  readonly gdp: Float64Array;
}

/** The excess over 100% that is treated as rounding (MODEL.md §1). */
export const SHARE_SUM_TOLERANCE = 0.05;

function indexOf(ids: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  ids.forEach((id, i) => m.set(id, i));
  return m;
}

function csr<T>(
  n: number,
  rows: readonly T[],
  key: (row: T) => number,
): { offsets: Int32Array; order: T[] } {
  const offsets = new Int32Array(n + 1);
  for (const r of rows) offsets[key(r) + 1]!++;
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const cursor = offsets.slice(0, n);
  const order = new Array<T>(rows.length);
  for (const r of rows) order[cursor[key(r)]!++] = r;
  return { offsets, order };
}

/**
 * Compile a dataset that has passed validation. References that do not resolve (an
 * unvalidated dataset) throw a plain Error naming the reference.
 */
export function compileDataset(dataset: Dataset): CompiledDataset {
  const itemIds = dataset.items.map((it) => it.id);
  const itemIndex = indexOf(itemIds);
  const nItems = itemIds.length;
  const orgIds = dataset.organizations.map((o) => o.id);
  const orgIndex = indexOf(orgIds);

  const codes = new Set<string>();
  for (const c of dataset.countries) codes.add(c.code);
  for (const o of dataset.organizations) codes.add(o.country);
  for (const s of dataset.shares) if (!orgIndex.has(s.provider)) codes.add(s.provider);
  for (const d of dataset.demand) codes.add(d.country);
  for (const b of dataset.blocs) for (const m of b.members) codes.add(m);
  codes.delete(ROW);
  const countryCodes = [...codes].sort();
  countryCodes.push(ROW);
  const countryIndex = indexOf(countryCodes);
  const nCountries = countryCodes.length;
  const rowIndex = nCountries - 1;

  const item = (id: string): number => {
    const i = itemIndex.get(id);
    if (i === undefined) throw new Error(`compileDataset: unknown item "${id}"`);
    return i;
  };
  const country = (code: string): number => {
    const k = countryIndex.get(code);
    if (k === undefined) throw new Error(`compileDataset: unknown country "${code}"`);
    return k;
  };

  const areaIds = [...new Set(dataset.items.map((it) => it.area))];
  const areaIndex = indexOf(areaIds);
  const stageIds = [...new Set(dataset.items.flatMap((it) => (it.stage ? [it.stage] : [])))];
  const stageIndex = indexOf(stageIds);
  const itemArea = new Int32Array(nItems);
  const itemStage = new Int32Array(nItems).fill(-1);
  const marketSize = new Float64Array(nItems).fill(1);
  const hasMarketSize = new Uint8Array(nItems);
  const variantParent = new Int32Array(nItems).fill(-1);
  dataset.items.forEach((it, i) => {
    itemArea[i] = areaIndex.get(it.area)!;
    if (it.stage) itemStage[i] = stageIndex.get(it.stage)!;
    if (it.marketSizeUsd !== undefined && it.marketSizeUsd > 0) {
      marketSize[i] = it.marketSizeUsd;
      hasMarketSize[i] = 1;
    }
    if (it.variantOf) variantParent[i] = item(it.variantOf);
  });
  const variants = csr(
    nItems,
    [...variantParent.keys()].filter((i) => variantParent[i]! >= 0),
    (i) => variantParent[i]!,
  );

  // Shares: country rows first; organization rows feed country shares only for items
  // that have no quantified country row.
  const share = new Float64Array(nItems * nCountries);
  const quantified = new Uint8Array(nItems);
  const rawShareSum = new Float64Array(nItems);
  const hasCountryRow = new Uint8Array(nItems);
  const unq: { i: number; k: number }[] = [];
  const orgRows: { i: number; o: number; v: number }[] = [];
  for (const s of dataset.shares) {
    const i = item(s.item);
    const o = orgIndex.get(s.provider);
    if (o !== undefined) {
      orgRows.push({ i, o, v: s.share ?? Number.NaN });
      continue;
    }
    const k = country(s.provider);
    if (s.share === null) {
      unq.push({ i, k });
      continue;
    }
    hasCountryRow[i] = 1;
    share[i * nCountries + k]! += s.share;
  }
  for (const r of orgRows) {
    if (hasCountryRow[r.i] || Number.isNaN(r.v)) continue;
    share[r.i * nCountries + orgCountry(r.o)]! += r.v;
  }
  function orgCountry(o: number): number {
    return country(dataset.organizations[o]!.country);
  }
  for (const r of orgRows) {
    // An organization with an unknown share makes its country an unquantified supplier
    // where the item has no country rows.
    if (!hasCountryRow[r.i] && Number.isNaN(r.v)) unq.push({ i: r.i, k: orgCountry(r.o) });
  }
  for (let i = 0; i < nItems; i++) {
    const base = i * nCountries;
    let sum = 0;
    for (let k = 0; k < nCountries; k++) sum += share[base + k]!;
    rawShareSum[i] = sum;
    if (sum > 0) quantified[i] = 1;
    if (sum > 1) {
      for (let k = 0; k < nCountries; k++) share[base + k]! /= sum;
    } else {
      share[base + rowIndex]! += 1 - sum;
    }
  }
  // A category is derived when some item below it carries shares (MODEL.md §3 "Variants").
  const derivedCategory = new Uint8Array(nItems);
  for (let i = 0; i < nItems; i++) {
    if (!quantified[i]) continue;
    let p = variantParent[i]!;
    for (let guard = 0; p >= 0 && !derivedCategory[p] && guard <= nItems; guard++) {
      derivedCategory[p] = 1;
      p = variantParent[p]!;
    }
  }
  const sharesFrom = new Int32Array(nItems).fill(-1);
  for (let i = 0; i < nItems; i++) {
    const parent = variantParent[i]!;
    if (quantified[i] || derivedCategory[i] || parent < 0 || !derivedCategory[parent]) continue;
    let p = parent;
    for (let guard = 0; p >= 0 && !quantified[p] && guard <= nItems; guard++) p = variantParent[p]!;
    if (p < 0 || !quantified[p]) continue;
    sharesFrom[i] = p;
    share.copyWithin(i * nCountries, p * nCountries, (p + 1) * nCountries);
  }
  const unqDedup = [...new Map(unq.map((u) => [u.i * nCountries + u.k, u])).values()].filter(
    (u) => share[u.i * nCountries + u.k] === 0 || u.k === rowIndex,
  );
  const unqCsr = csr(nItems, unqDedup, (u) => u.i);

  const orgCountryArr = new Int32Array(orgIds.length);
  dataset.organizations.forEach((o, idx) => (orgCountryArr[idx] = country(o.country)));
  const orgCsr = csr(nItems, orgRows, (r) => r.i);

  // Requirements as slots: each ungrouped row is a slot; rows of one item sharing a group
  // form one anyOf slot whose criticality is the largest of its rows'.
  interface Slot {
    i: number;
    c: number;
    inputs: { j: number; e: number }[];
  }
  const slots: Slot[] = [];
  const groupSlot = new Map<string, Slot>();
  for (const r of dataset.requirements) {
    const i = item(r.item);
    const j = item(r.requires);
    if (r.group) {
      const key = `${i}\u0000${r.group}`;
      let slot = groupSlot.get(key);
      if (!slot) {
        slot = { i, c: r.criticality, inputs: [] };
        groupSlot.set(key, slot);
        slots.push(slot);
      }
      slot.c = Math.max(slot.c, r.criticality);
      slot.inputs.push({ j, e: r.efficiency });
    } else {
      slots.push({ i, c: r.criticality, inputs: [{ j, e: 1 }] });
    }
  }
  const slotCsr = csr(nItems, slots, (s) => s.i);
  const nSlots = slots.length;
  const slotCriticality = new Float64Array(nSlots);
  const slotInputOffsets = new Int32Array(nSlots + 1);
  slotCsr.order.forEach((s, idx) => {
    slotCriticality[idx] = s.c;
    slotInputOffsets[idx + 1] = slotInputOffsets[idx]! + s.inputs.length;
  });
  const slotInput = new Int32Array(slotInputOffsets[nSlots]!);
  const slotEfficiency = new Float64Array(slotInput.length);
  slotCsr.order.forEach((s, idx) => {
    s.inputs.forEach((inp, q) => {
      slotInput[slotInputOffsets[idx]! + q] = inp.j;
      slotEfficiency[slotInputOffsets[idx]! + q] = inp.e;
    });
  });

  const explicitDemand = new Float64Array(nItems * nCountries);
  const hasExplicitDemand = new Uint8Array(nItems);
  for (const d of dataset.demand) {
    const j = item(d.item);
    hasExplicitDemand[j] = 1;
    explicitDemand[j * nCountries + country(d.country)]! += d.share;
  }

  const blocIds = dataset.blocs.map((b) => b.id);
  const blocOffsets = new Int32Array(blocIds.length + 1);
  dataset.blocs.forEach((b, idx) => (blocOffsets[idx + 1] = blocOffsets[idx]! + b.members.length));
  const blocMember = new Int32Array(blocOffsets[blocIds.length]!);
  dataset.blocs.forEach((b, idx) =>
    b.members.forEach((m, q) => (blocMember[blocOffsets[idx]! + q] = country(m))),
  );

  const gdp = new Float64Array(nCountries).fill(Number.NaN);
  for (const c of dataset.countries) {
    if (c.gdpUsd !== undefined && c.code !== ROW) gdp[country(c.code)] = c.gdpUsd;
  }

  return {
    dataset,
    nItems,
    nCountries,
    itemIds,
    itemIndex,
    countryCodes,
    countryIndex,
    rowIndex,
    areaIds,
    itemArea,
    stageIds,
    itemStage,
    marketSize,
    hasMarketSize,
    share,
    quantified,
    derivedCategory,
    sharesFrom,
    rawShareSum,
    unquantifiedOffsets: unqCsr.offsets,
    unquantifiedCountry: Int32Array.from(unqCsr.order, (u) => u.k),
    orgIds,
    orgIndex,
    orgCountry: orgCountryArr,
    orgShareOffsets: orgCsr.offsets,
    orgShareOrg: Int32Array.from(orgCsr.order, (r) => r.o),
    orgShareValue: Float64Array.from(orgCsr.order, (r) => r.v),
    reqOffsets: slotCsr.offsets,
    slotCriticality,
    slotInputOffsets,
    slotInput,
    slotEfficiency,
    variantOffsets: variants.offsets,
    variantChild: Int32Array.from(variants.order),
    variantParent,
    explicitDemand,
    hasExplicitDemand,
    blocIds,
    blocIndex: indexOf(blocIds),
    blocOffsets,
    blocMember,
    gdp,
  };
}
