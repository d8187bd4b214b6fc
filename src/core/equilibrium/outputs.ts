/**
 * Outputs of an equilibrium for a perspective country or bloc (MODEL.md §3 "Outputs"):
 *
 * - production value lost `VaR[m] = sum_i V[i] * max(0, s[i][m] - S[i][m])`, per area and total,
 *   where `S = (s + added)(1 - outage) x` is what the node still supplies. MODEL.md writes
 *   `s (1 - x)`, which leaves out capacity lost to an outage at the node itself (a fire in
 *   Japan would cost Japan nothing); without outages or builds the two are equal. New capacity
 *   offsets losses but never counts as a gain;
 * - capability index `CI[m] = sum_i V[i] s[i][m] x[i][m] / sum_i V[i] s[i][m]` (1 = untouched,
 *   and 1 where m makes nothing);
 * - for a bloc, numerators and denominators are summed over its members.
 *
 * Derived categories (variants.ts) are left out of the sums: their value is already counted
 * in their variants', and counting both would count it twice.
 */
import type { CompiledDataset } from '../compile.js';
import type { Perspective } from '../perspective.js';
import type { EquilibriumResult } from './solve.js';

export interface PerspectiveOutputs {
  readonly perspective: string;
  /** Production value lost, USD where market sizes are known (weight 1 otherwise). */
  readonly valueAtRisk: number;
  /** Per area, indexed like `c.areaIds`. */
  readonly valueAtRiskByArea: Float64Array;
  /** sum_i V[i] s[i][m] over members: the baseline production value. */
  readonly baselineValue: number;
  readonly capabilityIndex: number;
}

export function perspectiveOutputs(
  c: CompiledDataset,
  r: EquilibriumResult,
  p: Perspective,
): PerspectiveOutputs {
  const nC = c.nCountries;
  const byArea = new Float64Array(c.areaIds.length);
  let lost = 0;
  let base = 0;
  for (let i = 0; i < c.nItems; i++) {
    if (r.variants.derived[i]) continue;
    const v = c.marketSize[i]!;
    for (const m of p.members) {
      const p = i * nC + m;
      const value = v * c.share[p]!;
      if (value === 0) continue;
      const loss = v * lostShare(c.share[p]!, r.supply[p]!);
      base += value;
      lost += loss;
      byArea[c.itemArea[i]!]! += loss;
    }
  }
  return {
    perspective: p.id,
    valueAtRisk: lost,
    valueAtRiskByArea: byArea,
    baselineValue: base,
    capabilityIndex: base > 0 ? (base - lost) / base : 1,
  };
}

/** capability[i][m] = x[i][m] for the items m makes (s[i][m] > 0). */
export function capabilities(
  c: CompiledDataset,
  r: EquilibriumResult,
  country: number,
): { item: number; capability: number }[] {
  const out: { item: number; capability: number }[] = [];
  for (let i = 0; i < c.nItems; i++) {
    if (c.share[i * c.nCountries + country]! > 0) {
      out.push({ item: i, capability: r.x[i * c.nCountries + country]! });
    }
  }
  return out;
}

/** access[j][m] = a[j][m] for the items m uses (d[j][m] > 0). */
export function accesses(
  c: CompiledDataset,
  r: EquilibriumResult,
  country: number,
): { item: number; access: number }[] {
  const out: { item: number; access: number }[] = [];
  for (let j = 0; j < c.nItems; j++) {
    if (r.demand[j * c.nCountries + country]! > 0) {
      out.push({ item: j, access: r.a[j * c.nCountries + country]! });
    }
  }
  return out;
}

/** World output lost per item, `1 - sum_k S[i][k] / sum_k s[i][k]` (computed by the solver). */
export function worldOutputLost(r: EquilibriumResult): Float64Array {
  return r.worldLoss;
}

/** Baseline share minus what the node still supplies, never below 0 (builds are no gain). */
export function lostShare(baseline: number, supplied: number): number {
  return supplied >= baseline ? 0 : baseline - supplied;
}
