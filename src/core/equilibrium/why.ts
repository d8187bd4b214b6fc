/**
 * The "why" chain (MODEL.md §3 "Outputs"): from a loss back to its root cause.
 *
 * Two kinds of step alternate:
 * - production at node (i, k): the slot that binds the min in x[i][k]; for an anyOf group,
 *   the member with the largest shortfall `e_j * (1 - a[j][k])`; the chain goes on to the
 *   access of that input for buyer k;
 * - access of buyer m to j: a derived category goes to the variant with the largest weighted
 *   shortfall. Otherwise, if j is restricted to m the restriction is the cause and the chain
 *   stops; if j lost more supply to lower production upstream than to its own outage, the
 *   chain goes on to the supplier node (j, k) with the largest production shortfall; else
 *   j's own outage (or a restriction on other buyers crowding m out) is the cause: stop.
 *
 * A visited set on (item, country, step kind) guards against cycles in the requirements.
 */
import type { CompiledDataset } from '../compile.js';
import { isRestrictedTo } from './allowed.js';
import { slotValue } from './production.js';
import type { EquilibriumResult } from './solve.js';

/** Levels within this of 1 are no loss. */
const LOSS_EPS = 1e-9;

export interface WhyStep {
  readonly item: number;
  readonly country: number;
  /** `production`: node (item, country) runs below 1; `access`: buyer country lacks item. */
  readonly kind: 'production' | 'access';
}

/** Steps from the loss at (item, country) to its root cause; empty when there is no loss. */
export function whyPath(
  c: CompiledDataset,
  r: EquilibriumResult,
  item: number,
  country: number,
): WhyStep[] {
  const nC = c.nCountries;
  const vs = r.variants;
  const steps: WhyStep[] = [];
  const seen = new Set<number>();
  let i = item;
  let k = country;
  let kind: WhyStep['kind'];
  if (r.x[i * nC + k]! < 1 - LOSS_EPS) kind = 'production';
  else if (r.a[i * nC + k]! < 1 - LOSS_EPS) kind = 'access';
  else return steps;

  for (;;) {
    const key = ((i * nC + k) << 1) | (kind === 'production' ? 0 : 1);
    if (seen.has(key)) break;
    seen.add(key);
    steps.push({ item: i, country: k, kind });
    if (vs.derived[i]) {
      // A category's loss is its variants' loss: follow the one weighing most.
      const arr = kind === 'production' ? r.x : r.a;
      let best = -1;
      let worst = 0;
      for (let q = c.variantOffsets[i]!; q < c.variantOffsets[i + 1]!; q++) {
        const v = c.variantChild[q]!;
        const capW = kind === 'production' ? r.baseShare[v * nC + k]! : 1;
        const loss = vs.fraction[v]! * capW * (1 - arr[v * nC + k]!);
        if (loss > worst) {
          worst = loss;
          best = v;
        }
      }
      if (best < 0) break;
      i = best;
      continue;
    }
    if (kind === 'production') {
      let bind = -1;
      let lowest = 1 - LOSS_EPS;
      for (let slot = c.reqOffsets[i]!; slot < c.reqOffsets[i + 1]!; slot++) {
        const v = slotValue(c, slot, k, r.a);
        if (v < lowest) {
          lowest = v;
          bind = slot;
        }
      }
      if (bind < 0) break;
      let j = -1;
      let shortfall = -1;
      for (let q = c.slotInputOffsets[bind]!; q < c.slotInputOffsets[bind + 1]!; q++) {
        const cand = c.slotInput[q]!;
        const s = c.slotEfficiency[q]! * (1 - r.a[cand * nC + k]!);
        if (s > shortfall) {
          shortfall = s;
          j = cand;
        }
      }
      i = j;
      kind = 'access';
      continue;
    }
    // Access of buyer k to item i.
    if (isRestrictedTo(r.allowed, i, k, r.capacity)) break;
    let outLoss = 0;
    let prodLoss = 0;
    let supplier = -1;
    let biggest = 0;
    for (let q = 0; q < nC; q++) {
      const p = i * nC + q;
      const built = r.baseShare[p]! + r.diff.added[p]!;
      outLoss += built * r.diff.outage[p]!;
      const lost = r.capacity[p]! * (1 - r.x[p]!);
      prodLoss += lost;
      if (lost > biggest) {
        biggest = lost;
        supplier = q;
      }
    }
    if (!(prodLoss > LOSS_EPS && prodLoss >= outLoss) || supplier < 0) break;
    k = supplier;
    kind = 'production';
  }
  return steps;
}

/** Item indices from the loss at (item, country) back to its root cause. */
export function why(
  c: CompiledDataset,
  r: EquilibriumResult,
  item: number,
  country: number,
): number[] {
  const out: number[] = [];
  for (const s of whyPath(c, r, item, country)) {
    if (out[out.length - 1] !== s.item) out.push(s.item);
  }
  if (out.length === 0) out.push(item);
  return out;
}
