import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortPairs, waterLevel } from './ration.js';

/** Reference: sort everything, then sweep. */
function byLevelSort(q: number[], w: number[], available: number): number {
  const qa = Float64Array.from(q);
  const wa = Float64Array.from(w);
  if (q.reduce((s, x, k) => s + x * w[k]!, 0) <= available) return Infinity;
  sortPairs(qa, wa, q.length);
  let left = available;
  let wLeft = w.reduce((s, x) => s + x, 0);
  for (let k = 0; k < q.length; k++) {
    const level = left / wLeft;
    if (level <= qa[k]!) return level;
    left -= wa[k]! * qa[k]!;
    wLeft -= wa[k]!;
  }
  return Infinity;
}

describe('waterLevel (Inoue-Todo rationing)', () => {
  it('fills the smallest requests first', () => {
    // Asks 0.25x of 10 and 1.125x of 10, 10 available: the first gets its 2.5, the second
    // 7.5 = 0.75x.
    expect(waterLevel(Float64Array.of(0.25, 1.125), Float64Array.of(10, 10), 2, 10)).toBeCloseTo(
      0.75,
      12,
    );
    expect(waterLevel(Float64Array.of(1, 1), Float64Array.of(10, 5), 2, 15)).toBe(Infinity);
    expect(waterLevel(Float64Array.of(1, 1), Float64Array.of(10, 5), 2, 0)).toBe(0);
  });

  it('agrees with sorting, and delivers exactly what is available', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: 0, max: 3, noNaN: true }),
            fc.double({ min: 0.01, max: 10, noNaN: true }),
          ),
          {
            minLength: 1,
            maxLength: 60,
          },
        ),
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        (reqs, frac) => {
          const q = reqs.map((r) => r[0]);
          const w = reqs.map((r) => r[1]);
          const asked = q.reduce((s, x, k) => s + x * w[k]!, 0);
          fc.pre(asked > 1e-6);
          const available = frac * asked;
          const level = waterLevel(Float64Array.from(q), Float64Array.from(w), q.length, available);
          const ref = byLevelSort(q, w, available);
          if (ref === Infinity) {
            expect(level).toBe(Infinity);
            return;
          }
          expect(level).toBeCloseTo(ref, 9);
          const given = q.reduce((s, x, k) => s + Math.min(x, level) * w[k]!, 0);
          expect(given).toBeCloseTo(available, 9);
        },
      ),
      { numRuns: 500, seed: 1 },
    );
  });

  it('handles many distinct layers (the sorted fallback)', () => {
    const m = 200;
    const q = Float64Array.from({ length: m }, (_, k) => 2 ** (k / 10) / 1e6);
    const w = new Float64Array(m).fill(1);
    const ref = byLevelSort(Array.from(q), Array.from(w), 1);
    expect(waterLevel(q, w, m, 1)).toBeCloseTo(ref, 12);
  });
});
