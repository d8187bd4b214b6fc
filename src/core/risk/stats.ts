/**
 * Summary statistics of a Monte Carlo distribution (MODEL.md §5).
 *
 * - `mean`: the arithmetic mean, summed in run order (so it is the same bytes whatever the
 *   order in which workers finished).
 * - `p5`, `p50`, `p95`: quantiles with linear interpolation between order statistics
 *   (Hyndman and Fan 1996, definition 7; R's and NumPy's default): for sorted values
 *   `v[0..n-1]`, `h = (n - 1) q`, `Q(q) = v[floor h] + (h - floor h) (v[floor h + 1] - v[floor h])`.
 * - `cvar95`: the mean of the worst `ceil(0.05 n)` runs. For a loss (value at risk) the worst
 *   are the largest; for a gain (capability index) the smallest. With n = 100 it is the mean
 *   of the 5 worst runs; with n < 20 it is the single worst run.
 */

export interface Distribution {
  mean: number;
  p5: number;
  p50: number;
  p95: number;
  cvar95: number;
}

/** Which tail is bad: `loss` (large values) or `gain` (small values). */
export type Tail = 'loss' | 'gain';

export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) return NaN;
  let sum = 0;
  for (let q = 0; q < values.length; q++) sum += values[q]!;
  return sum / values.length;
}

/** Quantile `q` in 0..1 of already sorted values (Hyndman-Fan type 7). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Number of runs in the 5% tail: `ceil(0.05 n)`, at least 1. */
export function tailCount(n: number, level = 0.95): number {
  return Math.max(1, Math.ceil((1 - level) * n - 1e-9));
}

/** Mean of the worst `ceil((1 - level) n)` values. */
export function cvar(values: ArrayLike<number>, tail: Tail, level = 0.95): number {
  const n = values.length;
  if (n === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const k = tailCount(n, level);
  let sum = 0;
  if (tail === 'loss') for (let q = n - k; q < n; q++) sum += sorted[q]!;
  else for (let q = 0; q < k; q++) sum += sorted[q]!;
  return sum / k;
}

export function summarize(values: ArrayLike<number>, tail: Tail): Distribution {
  const sorted = Float64Array.from(values).sort();
  return {
    mean: mean(values),
    p5: quantileSorted(sorted, 0.05),
    p50: quantileSorted(sorted, 0.5),
    p95: quantileSorted(sorted, 0.95),
    cvar95: cvar(values, tail),
  };
}
