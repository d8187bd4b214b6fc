/**
 * Production (MODEL.md §3 "Production"): Leontief with partial criticality.
 *
 * `x[i][k] = min over requirement slots r of i of (1 - c_r * (1 - a_r[k]))`, where `a_r[k]`
 * is `a[j][k]` for a single-item slot and `min(1, sum_{j in group} e_j * a[j][k])` for an
 * anyOf group. Items with no requirements have x = 1; outages act on supply, not on x.
 *
 * Deviation (needed for MODEL.md §8.7, "no shock, no loss"): where an anyOf group's
 * efficiencies sum below 1, `min(1, sum e_j a_j)` would be below 1 with full access, so the
 * sum is divided by `min(1, sum_j e_j)` (`groupNorm`). Groups whose efficiencies reach 1, as
 * in every example of MODEL.md, are unchanged.
 * `a` must already hold the derived access of categories (variants.ts), so a requirement on
 * a category sees its variants' weighted access. Derived categories themselves are skipped
 * here: their level is derived from their variants afterwards.
 */
import type { CompiledDataset } from '../compile.js';

/** The anyOf normalizer `min(1, sum of the slot's efficiencies)`; 1 for a single input. */
export function groupNorm(c: CompiledDataset, slot: number): number {
  let sum = 0;
  for (let q = c.slotInputOffsets[slot]!; q < c.slotInputOffsets[slot + 1]!; q++) {
    sum += c.slotEfficiency[q]!;
  }
  return sum >= 1 || !(sum > 0) ? 1 : sum;
}

/** Value of one slot at node (i, k) given access `a`. */
export function slotValue(c: CompiledDataset, slot: number, k: number, a: Float64Array): number {
  const nC = c.nCountries;
  const lo = c.slotInputOffsets[slot]!;
  const hi = c.slotInputOffsets[slot + 1]!;
  let access: number;
  if (hi - lo === 1) {
    access = a[c.slotInput[lo]! * nC + k]!;
  } else {
    access = 0;
    for (let q = lo; q < hi; q++) access += c.slotEfficiency[q]! * a[c.slotInput[q]! * nC + k]!;
    access /= groupNorm(c, slot);
    if (access > 1) access = 1;
  }
  return 1 - c.slotCriticality[slot]! * (1 - access);
}

/**
 * Write x for every item not marked in `skip` (derived categories). Returns nothing; the
 * caller compares with the previous x for convergence.
 */
export function produce(
  c: CompiledDataset,
  a: Float64Array,
  skip: Uint8Array,
  x: Float64Array,
): void {
  for (let i = 0; i < c.nItems; i++) {
    if (!skip[i]) produceItem(c, a, i, x);
  }
}

/** Write the x row of item i from the access of its inputs. */
export function produceItem(c: CompiledDataset, a: Float64Array, i: number, x: Float64Array): void {
  const nC = c.nCountries;
  const row = i * nC;
  x.fill(1, row, row + nC);
  for (let slot = c.reqOffsets[i]!; slot < c.reqOffsets[i + 1]!; slot++) {
    const crit = c.slotCriticality[slot]!;
    const lo = c.slotInputOffsets[slot]!;
    const hi = c.slotInputOffsets[slot + 1]!;
    if (hi - lo === 1) {
      const jRow = c.slotInput[lo]! * nC;
      for (let k = 0; k < nC; k++) {
        const v = 1 - crit * (1 - a[jRow + k]!);
        if (v < x[row + k]!) x[row + k] = v;
      }
    } else {
      const norm = groupNorm(c, slot);
      for (let k = 0; k < nC; k++) {
        let access = 0;
        for (let q = lo; q < hi; q++) {
          access += c.slotEfficiency[q]! * a[c.slotInput[q]! * nC + k]!;
        }
        access /= norm;
        const v = 1 - crit * (1 - (access > 1 ? 1 : access));
        if (v < x[row + k]!) x[row + k] = v;
      }
    }
  }
}

/**
 * The x entries of item i for the listed countries only (`ks[from..to)`), from the access of
 * its inputs there. The solver lists the countries where i is a node (it has capacity): x
 * elsewhere multiplies nothing, so computing it would be wasted work.
 */
export function produceItemAt(
  c: CompiledDataset,
  a: Float64Array,
  i: number,
  ks: Int32Array,
  from: number,
  to: number,
  x: Float64Array,
): void {
  const nC = c.nCountries;
  const row = i * nC;
  for (let q = from; q < to; q++) x[row + ks[q]!] = 1;
  for (let slot = c.reqOffsets[i]!; slot < c.reqOffsets[i + 1]!; slot++) {
    const crit = c.slotCriticality[slot]!;
    const lo = c.slotInputOffsets[slot]!;
    const hi = c.slotInputOffsets[slot + 1]!;
    if (hi - lo === 1) {
      const jRow = c.slotInput[lo]! * nC;
      for (let q = from; q < to; q++) {
        const k = ks[q]!;
        const v = 1 - crit * (1 - a[jRow + k]!);
        if (v < x[row + k]!) x[row + k] = v;
      }
    } else {
      const norm = groupNorm(c, slot);
      for (let q = from; q < to; q++) {
        const k = ks[q]!;
        let access = 0;
        for (let r = lo; r < hi; r++) access += c.slotEfficiency[r]! * a[c.slotInput[r]! * nC + k]!;
        access /= norm;
        const v = 1 - crit * (1 - (access > 1 ? 1 : access));
        if (v < x[row + k]!) x[row + k] = v;
      }
    }
  }
}
