/**
 * Timing helpers for the benchmarks: warm-up runs (not recorded) then repeated timed runs,
 * summarized by median and minimum. Wall-clock time from performance.now().
 */
import { performance } from 'node:perf_hooks';

export interface Timing {
  /** Timed runs, milliseconds, in run order. */
  samples: number[];
  medianMs: number;
  minMs: number;
}

export interface MeasureOptions {
  warmup: number;
  repeats: number;
}

export function summarize(samples: number[]): Timing {
  const sorted = samples.slice().sort((p, q) => p - q);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return { samples, medianMs: Number.NaN, minMs: Number.NaN };
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { samples, medianMs: median, minMs: sorted[0]! };
}

/** Run `fn` `warmup` times, then time it `repeats` times; returns the last result too. */
export function measure<T>(fn: () => T, options: MeasureOptions): { timing: Timing; result: T } {
  let result: T | undefined;
  for (let w = 0; w < options.warmup; w++) result = fn();
  const samples: number[] = [];
  for (let r = 0; r < options.repeats; r++) {
    const t0 = performance.now();
    result = fn();
    samples.push(performance.now() - t0);
  }
  if (result === undefined) result = fn();
  return { timing: summarize(samples), result: result as T };
}

/** Time one call (for one-off steps such as loading a dataset). */
export function timeOnce<T>(fn: () => T): { ms: number; result: T } {
  const t0 = performance.now();
  const result = fn();
  return { ms: performance.now() - t0, result };
}
