/**
 * Categories and their variants in the equilibrium (MODEL.md §3 "Variants").
 *
 * A category is *derived* when at least one of its variants carries shares (or is itself a
 * derived category): its access is then the mean of its variants' access weighted by market
 * size, and it is not an ordinary node of its own. A category whose variants carry no shares
 * stays an ordinary item with its own shares.
 *
 * Weights (where MODEL.md says "equal weights where sizes are missing"): a variant without a
 * market size takes the mean size of its siblings that have one; when none has, all weigh
 * the same. This reduces to both stated cases and never drops a variant.
 */
import type { CompiledDataset } from '../compile.js';

export interface VariantStructure {
  /** 1 where the item is a derived category. */
  readonly derived: Uint8Array;
  /** Per item: its weight within its parent (weights of one parent's variants sum to 1). */
  readonly fraction: Float64Array;
  /** Derived categories, every category after all of its variants (bottom-up). */
  readonly bottomUp: Int32Array;
  /** All items, every parent before its variants (top-down). */
  readonly topDown: Int32Array;
}

const structureCache = new WeakMap<CompiledDataset, VariantStructure>();

/** The variant structure of a compilation (computed once, then reused by every solve). */
export function variantStructure(c: CompiledDataset): VariantStructure {
  let vs = structureCache.get(c);
  if (!vs) {
    vs = buildVariantStructure(c);
    structureCache.set(c, vs);
  }
  return vs;
}

function buildVariantStructure(c: CompiledDataset): VariantStructure {
  const n = c.nItems;
  const derived = new Uint8Array(n);
  const fraction = new Float64Array(n);
  const depth = new Int32Array(n).fill(-1);
  const depthOf = (i: number): number => {
    // Iterative walk up the parent chain; validation rejects variant cycles, the guard
    // below only keeps an unvalidated dataset from looping forever.
    let d = 0;
    let p = c.variantParent[i]!;
    while (p >= 0 && d <= n) {
      d++;
      p = c.variantParent[p]!;
    }
    if (d > n) throw new Error(`variant cycle through item "${c.itemIds[i]}"`);
    return d;
  };
  for (let i = 0; i < n; i++) depth[i] = depthOf(i);
  const topDown = Int32Array.from({ length: n }, (_, i) => i).sort(
    (p, q) => depth[p]! - depth[q]! || p - q,
  );
  // Deepest first: a category is decided after all of its variants.
  const bottom: number[] = [];
  for (let q = n - 1; q >= 0; q--) {
    const g = topDown[q]!;
    const lo = c.variantOffsets[g]!;
    const hi = c.variantOffsets[g + 1]!;
    if (hi === lo) continue;
    if (!c.derivedCategory[g]) continue;
    let known = 0;
    let knownSum = 0;
    for (let r = lo; r < hi; r++) {
      const v = c.variantChild[r]!;
      if (c.hasMarketSize[v]) {
        known++;
        knownSum += c.marketSize[v]!;
      }
    }
    derived[g] = 1;
    bottom.push(g);
    const fill = known > 0 ? knownSum / known : 1;
    let total = 0;
    for (let r = lo; r < hi; r++) {
      const v = c.variantChild[r]!;
      const w = known > 0 && c.hasMarketSize[v] ? c.marketSize[v]! : fill;
      fraction[v] = w;
      total += w;
    }
    for (let r = lo; r < hi; r++) fraction[c.variantChild[r]!]! /= total;
  }
  return { derived, fraction, bottomUp: Int32Array.from(bottom), topDown };
}

/**
 * Access of derived categories: `a[g][m] = sum_v fraction[v] * a[v][m]`, bottom-up so that
 * nested categories see their variants' values first.
 */
export function deriveCategoryAccess(
  c: CompiledDataset,
  vs: VariantStructure,
  a: Float64Array,
): void {
  for (const g of vs.bottomUp) deriveOneAccess(c, vs, g, a);
}

/** Access row of one derived category from its variants' (snapped to 1 within 1e-12). */
export function deriveOneAccess(
  c: CompiledDataset,
  vs: VariantStructure,
  g: number,
  a: Float64Array,
): void {
  const nC = c.nCountries;
  const row = g * nC;
  for (let m = 0; m < nC; m++) a[row + m] = 0;
  for (let r = c.variantOffsets[g]!; r < c.variantOffsets[g + 1]!; r++) {
    const v = c.variantChild[r]!;
    const w = vs.fraction[v]!;
    const vRow = v * nC;
    for (let m = 0; m < nC; m++) a[row + m]! += w * a[vRow + m]!;
  }
  // Weights summing to 1 - 1e-16 must not turn full access into a loss.
  for (let m = 0; m < nC; m++) if (a[row + m]! > 1 - 1e-12) a[row + m] = 1;
}

/**
 * Operating level of derived categories, for reporting: the mean of the variants' levels at
 * k weighted by `fraction[v] * s[v][k]` (their capacity there); 1 where no variant is made
 * in k. Nested categories weigh by their own compiled shares.
 */
export function deriveCategoryLevel(
  c: CompiledDataset,
  vs: VariantStructure,
  x: Float64Array,
): void {
  for (const g of vs.bottomUp) deriveOneLevel(c, vs, g, x);
}

export function deriveOneLevel(
  c: CompiledDataset,
  vs: VariantStructure,
  g: number,
  x: Float64Array,
): void {
  const nC = c.nCountries;
  const row = g * nC;
  for (let k = 0; k < nC; k++) {
    let num = 0;
    let den = 0;
    for (let r = c.variantOffsets[g]!; r < c.variantOffsets[g + 1]!; r++) {
      const v = c.variantChild[r]!;
      const w = vs.fraction[v]! * c.share[v * nC + k]!;
      num += w * x[v * nC + k]!;
      den += w;
    }
    x[row + k] = den > 0 ? num / den : 1;
  }
}
