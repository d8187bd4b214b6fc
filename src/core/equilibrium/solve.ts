/**
 * The capability equilibrium of one scenario (MODEL.md §3 "Fixed point").
 *
 * Start from x = 1 and alternate allocation (allocate.ts) and production (production.ts)
 * until the largest change in x is below `tolerance` or `maxSweeps` sweeps have run. Supply
 * is `S[j][k] = (s[j][k] + added[j][k]) * (1 - outage[j][k]) * x[j][k]`.
 *
 * NOTE: MODEL.md says every operation is monotone. That holds for `fixed` allocation and for
 * production, so `fixed` decreases to the greatest fixed point. Max-min fair `market`
 * allocation is not monotone per buyer (blocking one buyer frees supply for another), so in
 * `market` mode the iteration is not guaranteed to be monotone; non-convergence is reported
 * through `converged`, never hidden.
 *
 * Performance: an item's allocation depends only on its own supply row, so only items whose
 * x changed in the last sweep are reallocated; everything runs in typed arrays allocated once.
 */
import type { CompiledDataset } from '../compile.js';
import type { AllowedTable } from './allowed.js';
import { compileAllowed } from './allowed.js';
import {
  allocateFixed,
  allocateMarket,
  allocateProportional,
  createAllocationWorkspace,
  snap,
} from './allocate.js';
import type { DemandOptions, DemandRule, DemandTable } from './demand.js';
import { computeDemand, demandWithAdded } from './demand.js';
import { produceItemAt } from './production.js';
import { consumersOf, sweepOrder } from './sweep-order.js';
import type { Reallocation, ScenarioDiff } from './scenario-diff.js';
import type { VariantStructure } from './variants.js';
import { deriveCategoryLevel, deriveOneAccess, variantStructure } from './variants.js';

export interface SolveOptions {
  /** Sweeps before giving up (MODEL.md §3). Default 1000. */
  maxSweeps?: number | undefined;
  /** Largest change in x that counts as converged. Default 1e-9. */
  tolerance?: number | undefined;
  /** Precomputed demand (computeDemand), reused across scenarios. Default: computed here. */
  demand?: DemandTable | undefined;
  /** Used only when `demand` is not given. */
  demandOptions?: DemandOptions | undefined;
  /**
   * Stocks a buyer can draw on this step, per (item, buyer) as a fraction of one step's
   * baseline need (dynamics.ts): production sees `min(1, a + relief)` while `a`, the access
   * the market gives, is reported as is. Default none.
   */
  relief?: Float64Array | undefined;
}

export const SOLVE_DEFAULTS = { maxSweeps: 1000, tolerance: 1e-9 } as const;

export interface EquilibriumResult {
  readonly converged: boolean;
  /** Sweeps run. */
  readonly iterations: number;
  /** Largest change in x in the last sweep. */
  readonly maxChange: number;
  readonly reallocation: Reallocation;
  /** x[i * nCountries + k]: operating level of node (i, k). */
  readonly x: Float64Array;
  /** a[j * nCountries + m]: access of buyer m to j (derived categories: variants' mean). */
  readonly a: Float64Array;
  /** S[j * nCountries + k]: available supply at the equilibrium. */
  readonly supply: Float64Array;
  /** (s + added) * (1 - outage): capacity before production losses. */
  readonly capacity: Float64Array;
  /** Demand used, including what added capacity consumes. */
  readonly demand: Float64Array;
  readonly demandRule: readonly DemandRule[];
  /** Baseline capacity shares used (DemandTable.baseShare: local items follow demand). */
  readonly baseShare: Float64Array;
  /** Per item: `1 - sum_k S[i][k] / sum_k s[i][k]` (derived categories: variants' mean). */
  readonly worldLoss: Float64Array;
  readonly diff: ScenarioDiff;
  readonly allowed: AllowedTable;
  readonly variants: VariantStructure;
}

export function resolveSolveOptions(options: SolveOptions = {}): {
  maxSweeps: number;
  tolerance: number;
} {
  return {
    maxSweeps: options.maxSweeps ?? SOLVE_DEFAULTS.maxSweeps,
    tolerance: options.tolerance ?? SOLVE_DEFAULTS.tolerance,
  };
}

export function solveEquilibrium(
  c: CompiledDataset,
  diff: ScenarioDiff,
  options: SolveOptions = {},
): EquilibriumResult {
  const { maxSweeps, tolerance } = resolveSolveOptions(options);
  const nC = c.nCountries;
  const nI = c.nItems;
  const table = options.demand ?? computeDemand(c, options.demandOptions);
  const d = demandWithAdded(c, table, diff.added);
  const allowed = compileAllowed(c, diff);
  const vs = variantStructure(c);
  const ws = createAllocationWorkspace(nC);

  const capacity = new Float64Array(nI * nC);
  for (let p = 0; p < capacity.length; p++) {
    capacity[p] = (table.baseShare[p]! + diff.added[p]!) * (1 - diff.outage[p]!);
  }
  const x = new Float64Array(nI * nC).fill(1);
  const xNext = new Float64Array(nI * nC);
  const a = new Float64Array(nI * nC).fill(1);
  const relief = options.relief;
  // What production sees: the market's access plus stocks drawn this step.
  const aSeen = relief ? new Float64Array(nI * nC).fill(1) : a;
  const supply = new Float64Array(nI * nC);

  // Gauss-Seidel sweeps in dependency order (inputs before their consumers, variants before
  // their category): within one sweep a change travels the whole chain, so a DAG settles in
  // one sweep and a cycle in one sweep per turn of the loop. Every operator is monotone and
  // we start from x = 1, so this converges to the same greatest fixed point as sweeping all
  // items at once (MODEL.md §3), only in fewer sweeps.
  const baseTotal = new Float64Array(nI);
  for (let j = 0; j < nI; j++) {
    let t = 0;
    for (let k = 0; k < nC; k++) t += table.baseShare[j * nC + k]!;
    baseTotal[j] = t;
  }
  // Per item, the countries where it is a node (baseline or added capacity): only there does
  // its operating level matter, so production is computed there only (CSR).
  const nodeOffsets = new Int32Array(nI + 1);
  for (let i = 0; i < nI; i++) {
    let n = 0;
    for (let p = i * nC; p < (i + 1) * nC; p++) if (table.baseShare[p]! + diff.added[p]! > 0) n++;
    nodeOffsets[i + 1] = nodeOffsets[i]! + n;
  }
  const nodeCountry = new Int32Array(nodeOffsets[nI]!);
  for (let i = 0, q = 0; i < nI; i++) {
    for (let k = 0; k < nC; k++) {
      if (table.baseShare[i * nC + k]! + diff.added[i * nC + k]! > 0) nodeCountry[q++] = k;
    }
  }
  // Per item, its buyers (d > 0) and their total demand (CSR).
  const buyerOffsets = new Int32Array(nI + 1);
  const demandTotal = new Float64Array(nI);
  for (let j = 0; j < nI; j++) {
    let n = 0;
    for (let p = j * nC; p < (j + 1) * nC; p++) {
      if (d[p]! > 0) {
        n++;
        demandTotal[j]! += d[p]!;
      }
    }
    buyerOffsets[j + 1] = buyerOffsets[j]! + n;
  }
  const buyerCountry = new Int32Array(buyerOffsets[nI]!);
  for (let j = 0, q = 0; j < nI; j++) {
    for (let k = 0; k < nC; k++) if (d[j * nC + k]! > 0) buyerCountry[q++] = k;
  }
  const order = sweepOrder(c, vs);
  const consumers = consumersOf(c, vs);
  // Items whose inputs' access changed since they were last produced; all at first.
  const stale = new Uint8Array(nI).fill(1);
  let iterations = 0;
  let maxChange = Infinity;
  while (iterations < maxSweeps) {
    iterations++;
    maxChange = 0;
    for (let q = 0; q < order.length; q++) {
      const i = order[q]!;
      if (vs.derived[i]) {
        deriveOneAccess(c, vs, i, a);
        if (relief) deriveOneAccess(c, vs, i, aSeen);
        continue;
      }
      if (!stale[i] && iterations > 1) continue;
      stale[i] = 0;
      const from = nodeOffsets[i]!;
      const to = nodeOffsets[i + 1]!;
      produceItemAt(c, aSeen, i, nodeCountry, from, to, xNext);
      let changed = 0;
      for (let q = from; q < to; q++) {
        const p = i * nC + nodeCountry[q]!;
        const delta = Math.abs(xNext[p]! - x[p]!);
        if (delta > changed) changed = delta;
      }
      if (changed > maxChange) maxChange = changed;
      if (changed > 0 || iterations === 1) {
        for (let q = from; q < to; q++) {
          const p = i * nC + nodeCountry[q]!;
          x[p] = xNext[p]!;
        }
        // A change in access must also keep the sweeps going: consumers visited earlier in
        // this sweep (across a cycle) have not seen it yet.
        const accessChange = allocateItem(i);
        if (accessChange > maxChange) maxChange = accessChange;
        if (accessChange > 0) {
          for (let r = consumers.offsets[i]!; r < consumers.offsets[i + 1]!; r++) {
            stale[consumers.items[r]!] = 1;
          }
        }
        if (relief) {
          for (let p = i * nC; p < (i + 1) * nC; p++) aSeen[p] = Math.min(1, a[p]! + relief[p]!);
        }
      }
    }
    if (maxChange < tolerance) break;
  }
  deriveCategoryLevel(c, vs, x);
  for (let p = 0; p < supply.length; p++) supply[p] = capacity[p]! * x[p]!;

  return {
    converged: maxChange < tolerance,
    iterations,
    maxChange,
    reallocation: diff.reallocation,
    x,
    a,
    supply,
    capacity,
    demand: d,
    demandRule: table.rule,
    worldLoss: worldLoss(c, vs, supply, table.baseShare),
    baseShare: table.baseShare,
    diff,
    allowed,
    variants: vs,
  };

  /** Allocate item j from its current supply; returns the largest change in its access row. */
  function allocateItem(j: number): number {
    const row = j * nC;
    const mat0 = allowed.matrix[j];
    if (!mat0 && !table.isLocal[j]) {
      // Unrestricted item: every buyer gets the same ratio (proportional rationing in both
      // modes; `fixed` divides by the baseline total). Supply comes only from the item's
      // nodes and demand only from its buyers, so only those are visited: this is the path
      // almost every item takes in every sweep. Non-buyers keep a = 1.
      let sumS = 0;
      for (let q = nodeOffsets[j]!; q < nodeOffsets[j + 1]!; q++) {
        const p = row + nodeCountry[q]!;
        sumS += capacity[p]! * x[p]!;
      }
      const denom = diff.reallocation === 'fixed' ? baseTotal[j]! : demandTotal[j]!;
      const r = denom > 0 ? snap(Math.min(1, sumS / denom)) : 1;
      let change = 0;
      for (let q = buyerOffsets[j]!; q < buyerOffsets[j + 1]!; q++) {
        const p = row + buyerCountry[q]!;
        const delta = Math.abs(r - a[p]!);
        if (delta > change) change = delta;
        a[p] = r;
      }
      return change;
    }
    for (let k = 0; k < nC; k++) {
      ws.rowS[k] = capacity[row + k]! * x[row + k]!;
      ws.rowD[k] = d[row + k]!;
    }
    const mat = allowed.matrix[j] ?? null;
    if (table.isLocal[j]) {
      // Made where it is used (demand.ts): not traded, so each country draws on its own node.
      for (let k = 0; k < nC; k++) {
        const dk = ws.rowD[k]!;
        ws.rowA[k] = dk > 0 ? Math.min(1, ws.rowS[k]! / dk) : 1;
      }
    } else if (diff.reallocation === 'fixed') {
      for (let k = 0; k < nC; k++) ws.rowBase[k] = table.baseShare[row + k]!;
      allocateFixed(nC, ws.rowS, ws.rowBase, ws.rowD, mat, ws.rowA);
    } else if (mat) {
      allocateMarket(ws, ws.rowS, ws.rowD, mat, ws.rowA);
    } else {
      allocateProportional(nC, ws.rowS, ws.rowD, ws.rowA);
    }
    let change = 0;
    for (let k = 0; k < nC; k++) {
      const delta = Math.abs(ws.rowA[k]! - a[row + k]!);
      if (delta > change) change = delta;
    }
    a.set(ws.rowA, row);
    return change;
  }
}

/** World output lost per item (MODEL.md §3 "Outputs"); derived categories: weighted mean. */
export function worldLoss(
  c: CompiledDataset,
  vs: VariantStructure,
  supply: Float64Array,
  baseShare: Float64Array = c.share,
): Float64Array {
  const nC = c.nCountries;
  const out = new Float64Array(c.nItems);
  for (let i = 0; i < c.nItems; i++) {
    let sumS = 0;
    let sumBase = 0;
    for (let k = 0; k < nC; k++) {
      sumS += supply[i * nC + k]!;
      sumBase += baseShare[i * nC + k]!;
    }
    out[i] = sumBase > 0 ? 1 - sumS / sumBase : 0;
  }
  for (const g of vs.bottomUp) {
    let loss = 0;
    for (let r = c.variantOffsets[g]!; r < c.variantOffsets[g + 1]!; r++) {
      const v = c.variantChild[r]!;
      loss += vs.fraction[v]! * out[v]!;
    }
    out[g] = loss;
  }
  return out;
}
