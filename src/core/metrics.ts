/**
 * Concentration and dependence (MODEL.md §2), on the compiled form. No scenario needed.
 *
 * HHI[i] = sum_k (100 s[i][k])^2 over countries (ROW excluded and reported as `unattributed`),
 * CR1/CR3 the largest and three largest country shares, countriesTo75 the fewest countries
 * whose shares reach 75% (the ETO Chip Explorer's measure). Organization concentration is
 * computed separately over organization shares. An item with no quantified share gets null
 * metrics and lists its known suppliers instead: unknown shares are never made up.
 */
import type { CompiledDataset } from './compile.js';
import { variantStructure } from './equilibrium/variants.js';
import type { Perspective } from './perspective.js';

/** Cumulative share that counts as reaching a threshold despite float rounding. */
const EPS = 1e-9;

export interface CountryShare {
  country: string;
  share: number;
}

export interface ConcentrationRow {
  item: string;
  name: string;
  area: string;
  hhi: number | null;
  cr1: number | null;
  cr3: number | null;
  top: CountryShare | null;
  countriesTo75: number | null;
  /** The ROW share: supply no listed country holds. */
  unattributed: number;
  quantified: boolean;
  /** Countries named as suppliers whose share is unknown. */
  unquantified: string[];
}

export interface OrgConcentrationRow {
  item: string;
  name: string;
  area: string;
  hhi: number | null;
  cr1: number | null;
  cr3: number | null;
  top: { organization: string; name: string; country: string; share: number } | null;
  organizationsTo75: number | null;
  unattributed: number;
  /** Organizations named with an unknown share. */
  unquantified: string[];
}

/** Country shares of item i, ROW excluded, largest first. */
export function countryShares(c: CompiledDataset, i: number): CountryShare[] {
  const out: CountryShare[] = [];
  const base = i * c.nCountries;
  for (let k = 0; k < c.nCountries; k++) {
    const s = c.share[base + k]!;
    if (k !== c.rowIndex && s > 0) out.push({ country: c.countryCodes[k]!, share: s });
  }
  return out.sort((a, b) => b.share - a.share || a.country.localeCompare(b.country));
}

/** Herfindahl-Hirschman index on shares in 0..1, scaled to 0..10,000. */
export function hhi(shares: readonly number[]): number {
  let h = 0;
  for (const s of shares) h += 100 * s * (100 * s);
  return h;
}

/** Sum of the n largest shares of a list sorted largest first. */
export function concentrationRatio(sortedShares: readonly number[], n: number): number {
  let s = 0;
  for (let q = 0; q < Math.min(n, sortedShares.length); q++) s += sortedShares[q]!;
  return s;
}

/** The fewest entries (sorted largest first) whose shares reach `threshold`; null if none. */
export function countToReach(sortedShares: readonly number[], threshold = 0.75): number | null {
  let s = 0;
  for (let q = 0; q < sortedShares.length; q++) {
    s += sortedShares[q]!;
    if (s >= threshold - EPS) return q + 1;
  }
  return null;
}

export function unquantifiedCountries(c: CompiledDataset, i: number): string[] {
  const out: string[] = [];
  for (let q = c.unquantifiedOffsets[i]!; q < c.unquantifiedOffsets[i + 1]!; q++) {
    out.push(c.countryCodes[c.unquantifiedCountry[q]!]!);
  }
  return out.sort();
}

export function itemConcentration(c: CompiledDataset, i: number): ConcentrationRow {
  const it = c.dataset.items[i]!;
  const head = { item: it.id, name: it.name, area: it.area };
  const unquantified = unquantifiedCountries(c, i);
  if (!c.quantified[i]) {
    return {
      ...head,
      hhi: null,
      cr1: null,
      cr3: null,
      top: null,
      countriesTo75: null,
      unattributed: 1,
      quantified: false,
      unquantified,
    };
  }
  const shares = countryShares(c, i);
  const values = shares.map((s) => s.share);
  return {
    ...head,
    hhi: hhi(values),
    cr1: concentrationRatio(values, 1),
    cr3: concentrationRatio(values, 3),
    top: shares[0] ?? null,
    countriesTo75: countToReach(values),
    unattributed: c.share[i * c.nCountries + c.rowIndex]!,
    quantified: true,
    unquantified,
  };
}

/** Organization shares of item i, largest first; unknown shares listed separately. */
export function organizationShares(
  c: CompiledDataset,
  i: number,
): { known: { org: number; share: number }[]; unknown: number[] } {
  const known: { org: number; share: number }[] = [];
  const unknown: number[] = [];
  const sums = new Map<number, number>();
  for (let q = c.orgShareOffsets[i]!; q < c.orgShareOffsets[i + 1]!; q++) {
    const o = c.orgShareOrg[q]!;
    const v = c.orgShareValue[q]!;
    if (Number.isNaN(v)) unknown.push(o);
    else sums.set(o, (sums.get(o) ?? 0) + v);
  }
  for (const [org, share] of sums) known.push({ org, share });
  known.sort((a, b) => b.share - a.share || c.orgIds[a.org]!.localeCompare(c.orgIds[b.org]!));
  return { known, unknown: unknown.filter((o) => !sums.has(o)) };
}

export function itemOrgConcentration(c: CompiledDataset, i: number): OrgConcentrationRow {
  const it = c.dataset.items[i]!;
  const { known, unknown } = organizationShares(c, i);
  let total = 0;
  for (const k of known) total += k.share;
  // Organization shares summing a little over 1 are rounding, as for countries.
  const scale = total > 1 ? 1 / total : 1;
  const values = known.map((k) => k.share * scale);
  const top = known[0];
  const org = top ? c.dataset.organizations[top.org]! : undefined;
  const any = known.length > 0;
  return {
    item: it.id,
    name: it.name,
    area: it.area,
    hhi: any ? hhi(values) : null,
    cr1: any ? concentrationRatio(values, 1) : null,
    cr3: any ? concentrationRatio(values, 3) : null,
    top:
      top && org
        ? { organization: org.id, name: org.name, country: org.country, share: values[0]! }
        : null,
    organizationsTo75: any ? countToReach(values) : null,
    unattributed: any ? Math.max(0, 1 - total * scale) : 1,
    unquantified: unknown.map((o) => c.orgIds[o]!).sort(),
  };
}

export interface ModelShares {
  /**
   * Where the item's country shares come from: its own country rows, its organizations'
   * headquarters, its nearest quantified category (`from`), its variants (a derived category:
   * the mean of its variants' shares weighted as the equilibrium weighs them, MODEL.md §3;
   * its own rows, if any, are not used), or nowhere (`none`: no quantified supplier, so the
   * model treats the item as made where it is used).
   */
  origin: 'countries' | 'organizations' | 'category' | 'variants' | 'none';
  from: string | null;
  /**
   * The country shares the model runs on, ROW left out, largest first. For `variants`, the
   * part of the category whose variants have no shares (made where used) and ROW are left out,
   * so the list may sum to well under 1.
   */
  shares: CountryShare[];
}

/** The country shares the model runs on for item i, and where they come from. */
export function modelShares(c: CompiledDataset, i: number): ModelShares {
  const id = c.itemIds[i]!;
  const origin = originOf(
    c,
    i,
    c.dataset.shares.some((s) => s.item === id && s.share !== null && !c.orgIndex.has(s.provider)),
  );
  if (origin === 'variants') {
    const shares: CountryShare[] = [];
    variantMix(c, i).forEach((s, k) => {
      if (k !== c.rowIndex && s > 1e-12) shares.push({ country: c.countryCodes[k]!, share: s });
    });
    shares.sort((a, b) => b.share - a.share || a.country.localeCompare(b.country));
    return { origin, from: null, shares };
  }
  return {
    origin,
    from: origin === 'category' ? c.itemIds[c.sharesFrom[i]!]! : null,
    shares: origin === 'none' ? [] : countryShares(c, i),
  };
}

/** `modelShares(c, i).origin` for every item, in one pass over the share rows. */
export function modelShareOrigins(c: CompiledDataset): ModelShares['origin'][] {
  const own = new Uint8Array(c.nItems);
  for (const s of c.dataset.shares) {
    if (s.share !== null && !c.orgIndex.has(s.provider)) own[c.itemIndex.get(s.item)!] = 1;
  }
  return c.itemIds.map((_, i) => originOf(c, i, own[i] === 1));
}

function originOf(c: CompiledDataset, i: number, ownCountryRow: boolean): ModelShares['origin'] {
  if (c.derivedCategory[i]) return 'variants';
  if (ownCountryRow) return 'countries';
  if (c.quantified[i]) return 'organizations';
  return c.sharesFrom[i]! >= 0 ? 'category' : 'none';
}

/**
 * A derived category's country shares: `sum_v fraction[v] * s[v]` over its variants, nested
 * categories first (the weights the equilibrium uses for access, equilibrium/variants.ts). A
 * variant made where it is used contributes nothing.
 */
function variantMix(c: CompiledDataset, g: number): Float64Array {
  const vs = variantStructure(c);
  const nC = c.nCountries;
  const mix = new Float64Array(nC);
  for (let r = c.variantOffsets[g]!; r < c.variantOffsets[g + 1]!; r++) {
    const v = c.variantChild[r]!;
    const w = vs.fraction[v]!;
    if (vs.derived[v]) {
      const sub = variantMix(c, v);
      for (let k = 0; k < nC; k++) mix[k]! += w * sub[k]!;
    } else if (c.quantified[v] || c.sharesFrom[v]! >= 0) {
      for (let k = 0; k < nC; k++) mix[k]! += w * c.share[v * nC + k]!;
    }
  }
  return mix;
}

/** Sum of s[i][k] over the given countries. */
export function controlledBy(c: CompiledDataset, i: number, members: Int32Array): number {
  let s = 0;
  const base = i * c.nCountries;
  for (const k of members) s += c.share[base + k]!;
  return s;
}

export interface ExposureRow {
  item: string;
  name: string;
  area: string;
  domestic: number;
  foreign: number;
  controlledBy: Record<string, number>;
  /** min(1, s/d) where explicit demand is known; null otherwise. */
  selfSufficiency: number | null;
  quantified: boolean;
}

/**
 * Dependence of a perspective (a country or bloc) on item i: domestic = s[i][m] (summed over a
 * bloc's members), foreign = 1 - domestic, controlledBy[B] for each bloc given, and
 * selfSufficiency = min(1, s[i][m] / d[i][m]) where demand rows exist.
 */
export function itemExposure(
  c: CompiledDataset,
  i: number,
  perspective: Perspective,
  blocs: readonly number[],
): ExposureRow {
  const it = c.dataset.items[i]!;
  const domestic = controlledBy(c, i, perspective.members);
  const byBloc: Record<string, number> = {};
  for (const b of blocs) {
    byBloc[c.blocIds[b]!] = controlledBy(
      c,
      i,
      c.blocMember.subarray(c.blocOffsets[b]!, c.blocOffsets[b + 1]!),
    );
  }
  let selfSufficiency: number | null = null;
  if (c.hasExplicitDemand[i]) {
    let d = 0;
    for (const k of perspective.members) d += c.explicitDemand[i * c.nCountries + k]!;
    if (d > 0) selfSufficiency = Math.min(1, domestic / d);
  }
  return {
    item: it.id,
    name: it.name,
    area: it.area,
    domestic,
    foreign: 1 - domestic,
    controlledBy: byBloc,
    selfSufficiency,
    quantified: c.quantified[i] === 1,
  };
}

export interface GroupShare {
  /** The area or stage id. */
  id: string;
  items: number;
  /** Items with quantified shares: only these enter the weighted share. */
  quantifiedItems: number;
  /** Items whose market size is known (others weigh 1 USD, per MODEL.md §1). */
  sizedItems: number;
  /** sum V[i] s[i][m] / sum V[i] over the quantified items; null if none is quantified. */
  share: number | null;
}

function groupShares(
  c: CompiledDataset,
  ids: readonly string[],
  groupOf: Int32Array,
  perspective: Perspective,
): GroupShare[] {
  const n = ids.length;
  const num = new Float64Array(n);
  const den = new Float64Array(n);
  const items = new Int32Array(n);
  const quant = new Int32Array(n);
  const sized = new Int32Array(n);
  // Mixing sized and unsized items would weigh the unsized at 1 USD against billions: when a
  // group has sized items, the unsized ones are left out of the weighted share.
  const groupHasSized = new Uint8Array(n);
  for (let i = 0; i < c.nItems; i++) {
    const g = groupOf[i]!;
    if (g >= 0 && c.quantified[i] && c.hasMarketSize[i]) groupHasSized[g] = 1;
  }
  for (let i = 0; i < c.nItems; i++) {
    const g = groupOf[i]!;
    if (g < 0) continue;
    items[g]!++;
    if (c.hasMarketSize[i]) sized[g]!++;
    if (!c.quantified[i]) continue;
    quant[g]!++;
    if (groupHasSized[g] && !c.hasMarketSize[i]) continue;
    const v = c.marketSize[i]!;
    num[g]! += v * controlledBy(c, i, perspective.members);
    den[g]! += v;
  }
  return ids.map((id, g) => ({
    id,
    items: items[g]!,
    quantifiedItems: quant[g]!,
    sizedItems: sized[g]!,
    share: den[g]! > 0 ? num[g]! / den[g]! : null,
  }));
}

/** areaShare[a][m] = sum_{i in a} V[i] s[i][m] / sum_{i in a} V[i] (MODEL.md §2). */
export function areaShares(c: CompiledDataset, perspective: Perspective): GroupShare[] {
  return groupShares(c, c.areaIds, c.itemArea, perspective);
}

/** The same value-weighted share per stage. */
export function stageShares(c: CompiledDataset, perspective: Perspective): GroupShare[] {
  return groupShares(c, c.stageIds, c.itemStage, perspective);
}
