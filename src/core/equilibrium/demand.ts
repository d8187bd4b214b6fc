/**
 * Baseline demand `d[j][m]`, the fraction of world demand for j that comes from m
 * (MODEL.md §1, §3 "Demand"), by precedence, with the rule used reported per item:
 *
 * 1. `explicit`: demand rows in the dataset. Rows summing below 1 leave the rest to ROW (as
 *    shares do); rows summing above 1 are normalized.
 * 2. `network`: proportional to `sum_{i requires j} c[i][j] * V[i] * s[i][m]`. For an anyOf
 *    group the weight is the slot criticality times the member's efficiency (a fab that
 *    would use DUV at 60% efficiency needs DUV tools in proportion). A requirement on a
 *    derived category (variants.ts) is passed down to its variants, each taking its weight
 *    fraction of the category's consumers.
 * 3. `category`: a variant with neither of the above inherits the demand of its derived
 *    category when that one has explicit (or inherited) demand.
 * 4. `gdp`: proportional to the countries' GDP. With `worldGdpUsd` given, ROW takes
 *    `1 - sum(known GDP) / worldGdpUsd`; otherwise the known GDPs are normalized and ROW
 *    gets nothing (the compiled dataset does not know world GDP).
 * 5. `supply`: where no country has a GDP, each country demands what it supplies (`d = s`),
 *    so that a dataset without a country table still runs and an empty scenario loses nothing.
 *
 * Demand is a property of the dataset, not of a scenario: compute it once and pass it to
 * every solve. Build projects add consumer capacity; `demandWithAdded` adds the demand that
 * new capacity creates, on the same scale as the network rule, without renormalizing (the
 * world wants more of j, existing buyers keep theirs).
 */
import type { CompiledDataset } from '../compile.js';
import type { VariantStructure } from './variants.js';
import { variantStructure } from './variants.js';

export type DemandRule = 'explicit' | 'network' | 'category' | 'gdp' | 'supply';

export interface DemandTable {
  /** d[j * nCountries + m]; each row sums to 1. */
  readonly d: Float64Array;
  /**
   * Baseline capacity shares the equilibrium runs on: `c.share`, except that an item with no
   * quantified supplier (a process done in-house, or a data gap) is made where it is used,
   * so its row is its demand row (see `isLocal`).
   */
  readonly baseShare: Float64Array;
  /**
   * 1 for items made where they are used: no quantified supplier, not a derived category, and
   * no quantified category to take shares from (`c.sharesFrom`).
   */
  readonly isLocal: Uint8Array;
  readonly rule: readonly DemandRule[];
  /** Per item, `sum over consumers of c * e * V` (inherited parts included); 0 for none. */
  readonly consumerWeight: Float64Array;
}

export interface DemandOptions {
  /** World GDP in USD; when above the sum of known GDPs, ROW takes the rest. Default unknown. */
  worldGdpUsd?: number | undefined;
}

/** Raw network weights `W[j][m]` from consumers' capacity `cap[i][m]`, passed down to variants. */
function networkWeights(
  c: CompiledDataset,
  vs: VariantStructure,
  cap: Float64Array,
  out: Float64Array,
): void {
  const nC = c.nCountries;
  for (let i = 0; i < c.nItems; i++) {
    const v = c.marketSize[i]!;
    const capRow = i * nC;
    for (let slot = c.reqOffsets[i]!; slot < c.reqOffsets[i + 1]!; slot++) {
      const crit = c.slotCriticality[slot]!;
      for (let q = c.slotInputOffsets[slot]!; q < c.slotInputOffsets[slot + 1]!; q++) {
        const w = crit * c.slotEfficiency[q]! * v;
        const row = c.slotInput[q]! * nC;
        for (let m = 0; m < nC; m++) out[row + m]! += w * cap[capRow + m]!;
      }
    }
  }
  // Parents before children, so nested categories pass down what they inherited.
  for (const g of vs.topDown) {
    if (!vs.derived[g]) continue;
    for (let r = c.variantOffsets[g]!; r < c.variantOffsets[g + 1]!; r++) {
      const v = c.variantChild[r]!;
      const f = vs.fraction[v]!;
      for (let m = 0; m < nC; m++) out[v * nC + m]! += f * out[g * nC + m]!;
    }
  }
}

export function computeDemand(c: CompiledDataset, options: DemandOptions = {}): DemandTable {
  const nC = c.nCountries;
  const vs = variantStructure(c);
  const isLocal = new Uint8Array(c.nItems);
  let anyLocal = false;
  for (let i = 0; i < c.nItems; i++) {
    if (!c.quantified[i] && !vs.derived[i] && c.sharesFrom[i]! < 0) {
      isLocal[i] = 1;
      anyLocal = true;
    }
  }
  const gdpShare = gdpDemand(c, options.worldGdpUsd);
  // An item made where it is used has the capacity pattern of its own demand, which depends
  // on its consumers' capacity: iterate to the fixed point (downstream to upstream chains
  // settle in as many rounds as they are long; cycles converge geometrically).
  const baseShare = c.share.slice();
  let table = demandFrom(c, vs, baseShare, gdpShare);
  for (let round = 0; anyLocal && round < 200; round++) {
    let change = 0;
    for (let i = 0; i < c.nItems; i++) {
      if (!isLocal[i]) continue;
      for (let p = i * nC; p < (i + 1) * nC; p++) {
        change = Math.max(change, Math.abs(table.d[p]! - baseShare[p]!));
        baseShare[p] = table.d[p]!;
      }
    }
    if (change < 1e-12) break;
    table = demandFrom(c, vs, baseShare, gdpShare);
  }
  return { ...table, baseShare, isLocal };
}

function demandFrom(
  c: CompiledDataset,
  vs: VariantStructure,
  cap: Float64Array,
  gdpShare: Float64Array | null,
): { d: Float64Array; rule: DemandRule[]; consumerWeight: Float64Array } {
  const nC = c.nCountries;
  const d = new Float64Array(c.nItems * nC);
  const rule = new Array<DemandRule>(c.nItems).fill('supply');
  const consumerWeight = new Float64Array(c.nItems);
  const w = new Float64Array(c.nItems * nC);
  networkWeights(c, vs, cap, w);

  for (const j of vs.topDown) {
    const row = j * nC;
    let sumW = 0;
    for (let m = 0; m < nC; m++) sumW += w[row + m]!;
    consumerWeight[j] = sumW;
    const parent = c.variantParent[j]!;
    if (c.hasExplicitDemand[j]) {
      rule[j] = 'explicit';
      let sum = 0;
      for (let m = 0; m < nC; m++) sum += c.explicitDemand[row + m]!;
      for (let m = 0; m < nC; m++) d[row + m] = c.explicitDemand[row + m]! / Math.max(sum, 1);
      if (sum < 1) d[row + c.rowIndex]! += 1 - sum;
    } else if (sumW > 0) {
      rule[j] = 'network';
      for (let m = 0; m < nC; m++) d[row + m] = w[row + m]! / sumW;
    } else if (
      parent >= 0 &&
      vs.derived[parent] &&
      (rule[parent] === 'explicit' || rule[parent] === 'category')
    ) {
      rule[j] = 'category';
      d.copyWithin(row, parent * nC, parent * nC + nC);
    } else if (gdpShare) {
      rule[j] = 'gdp';
      d.set(gdpShare, row);
    } else {
      rule[j] = 'supply';
      for (let m = 0; m < nC; m++) d[row + m] = cap[row + m]!;
    }
  }
  return { d, rule, consumerWeight };
}

/** GDP-proportional demand shares over countries, or null where no country has a GDP. */
function gdpDemand(c: CompiledDataset, worldGdpUsd: number | undefined): Float64Array | null {
  const nC = c.nCountries;
  const out = new Float64Array(nC);
  let known = 0;
  for (let m = 0; m < nC; m++) {
    const g = c.gdp[m]!;
    if (m !== c.rowIndex && Number.isFinite(g) && g > 0) {
      out[m] = g;
      known += g;
    }
  }
  if (known <= 0) return null;
  const world = worldGdpUsd !== undefined && worldGdpUsd > known ? worldGdpUsd : known;
  for (let m = 0; m < nC; m++) out[m]! /= world;
  out[c.rowIndex]! += 1 - known / world;
  return out;
}

/**
 * Demand including what added capacity consumes: for every input j of a built item i,
 * `d[j][m] += c * e * V[i] * added[i][m] / consumerWeight[j]`, the network rule's scale
 * (its weights over baseline shares sum to consumerWeight, since each share row sums to 1).
 * Returns `table.d` itself when nothing is added.
 */
export function demandWithAdded(
  c: CompiledDataset,
  table: DemandTable,
  added: Float64Array,
): Float64Array {
  let any = false;
  for (let p = 0; p < added.length; p++) {
    if (added[p] !== 0) {
      any = true;
      break;
    }
  }
  if (!any) return table.d;
  const nC = c.nCountries;
  const extra = new Float64Array(c.nItems * nC);
  networkWeights(c, variantStructure(c), added, extra);
  const d = table.d.slice();
  for (let j = 0; j < c.nItems; j++) {
    const cw = table.consumerWeight[j]!;
    if (!(cw > 0)) continue;
    for (let m = 0; m < nC; m++) d[j * nC + m]! += extra[j * nC + m]! / cw;
  }
  return d;
}
