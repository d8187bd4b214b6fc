// allocate(S, d, allowed) -> a: exact max-min fairness on hand cases and random instances.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateFixed,
  allocateMarket,
  allocateProportional,
  createAllocationWorkspace,
} from './allocate.js';

const TOL = 1e-9;

function market(S: number[], d: number[], allowed: number[] | null) {
  const n = S.length;
  const ws = createAllocationWorkspace(n);
  const a = new Float64Array(n);
  const flows = new Float64Array(n * n);
  allocateMarket(
    ws,
    Float64Array.from(S),
    Float64Array.from(d),
    allowed ? Float64Array.from(allowed) : null,
    a,
    flows,
  );
  return { a: Array.from(a), flows };
}

/** Cap on f[k][m]: allowed * S[k], uncapped by `allowed` for a country's own supply. */
/** The permitted flow of a pair: restricted pairs carry `allowed` of their proportional share. */
function capOf(S: number[], d: number[], allowed: number[] | null, k: number, m: number): number {
  const n = S.length;
  const al = allowed && k !== m ? allowed[k * n + m]! : 1;
  const sumD = d.reduce((x, y) => x + y, 0);
  return (al < 1 ? (sumD > 0 ? (al * d[m]!) / sumD : 0) : 1) * S[k]!;
}

/**
 * Max-min fairness, checked from the flows alone: buyer m could be raised without lowering
 * anyone at or below its ratio iff some path reaches m in the residual graph from a supplier
 * with spare supply or one that feeds a strictly richer buyer. Returns the violating buyer.
 */
function fairnessViolation(
  S: number[],
  d: number[],
  allowed: number[] | null,
  a: number[],
  f: Float64Array,
): number | null {
  const n = S.length;
  for (let m = 0; m < n; m++) {
    if (!(d[m]! > 0) || a[m]! >= 1 - TOL) continue;
    const seenK = new Array<boolean>(n).fill(false);
    const seenB = new Array<boolean>(n).fill(false);
    const stack: number[] = [];
    for (let k = 0; k < n; k++) {
      let used = 0;
      let feedsRicher = false;
      for (let b = 0; b < n; b++) {
        used += f[k * n + b]!;
        if (f[k * n + b]! > TOL && a[b]! > a[m]! + TOL) feedsRicher = true;
      }
      if (S[k]! > 0 && (used < S[k]! - TOL || feedsRicher)) {
        seenK[k] = true;
        stack.push(k);
      }
    }
    while (stack.length > 0) {
      const k = stack.pop()!;
      for (let b = 0; b < n; b++) {
        if (seenB[b] || !(d[b]! > 0) || f[k * n + b]! >= capOf(S, d, allowed, k, b) - TOL) continue;
        if (b === m) return m;
        seenB[b] = true;
        for (let k2 = 0; k2 < n; k2++) {
          if (!seenK[k2] && f[k2 * n + b]! > TOL) {
            seenK[k2] = true;
            stack.push(k2);
          }
        }
      }
    }
  }
  return null;
}

describe('allocateMarket(ws, S, d, allowed, a, flows)', () => {
  it('gives 0.1/0.3 exactly where one buyer is cut off from the big supplier', () => {
    // Countries: 0 NLD, 1 JPN, 2 CHN, 3 USA.
    const allowed = new Array<number>(16).fill(1);
    allowed[0 * 4 + 2] = 0;
    const { a } = market([0.9, 0.1, 0, 0], [0, 0, 0.3, 0.7], allowed);
    expect(a[2]).toBeCloseTo(1 / 3, 12);
    expect(a[3]).toBe(1);
    expect(a[0]).toBe(1); // no demand
  });

  it('lets a buyer use its own supply even when the restriction names it on both sides', () => {
    const allowed = [0, 0, 0, 0];
    const { a } = market([0.5, 0.5], [0.5, 0.5], allowed);
    expect(a).toEqual([1, 1]);
  });

  it('gives 0 to a buyer with no permitted supplier and shares the rest', () => {
    const allowed = [1, 0, 1, 1, 0, 1, 1, 0, 1];
    // Supplier 0 only; buyer 1 is blocked from it; buyers 0 and 2 split 0.6 for 0.8.
    const { a } = market([0.6, 0, 0], [0.4, 0.2, 0.4], allowed);
    expect(a[1]).toBe(0);
    expect(a[0]).toBeCloseTo(0.75, 12);
    expect(a[2]).toBeCloseTo(0.75, 12);
  });

  it('is not monotone per buyer: blocking one buyer frees supply for another', () => {
    // MODEL.md §3 calls every operation monotone; max-min fairness is not, per buyer.
    expect(market([1, 0], [0.5, 1], null).a).toEqual([
      expect.closeTo(2 / 3, 12),
      expect.closeTo(2 / 3, 12),
    ]);
    const blocked = market([1, 0], [0.5, 1], [1, 0, 1, 1]).a;
    expect(blocked[0]).toBe(1); // rose from 2/3
    expect(blocked[1]).toBe(0);
  });

  // Shares and demand as data carry them: 0, or at least a millionth of the world.
  const amount = fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1, noNaN: true }));
  const instance = fc.integer({ min: 1, max: 6 }).chain((n) =>
    fc.record({
      S: fc.array(amount, { minLength: n, maxLength: n }),
      d: fc.array(amount, { minLength: n, maxLength: n }),
      allowed: fc.option(
        fc.array(
          fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
          {
            minLength: n * n,
            maxLength: n * n,
          },
        ),
        { nil: null },
      ),
    }),
  );

  it('never exceeds supply, the allowed caps or demand, and matches a to the flows', () => {
    fc.assert(
      fc.property(instance, ({ S, d, allowed }) => {
        const n = S.length;
        const { a, flows } = market(S, d, allowed);
        for (let k = 0; k < n; k++) {
          let sent = 0;
          for (let m = 0; m < n; m++) {
            const f = flows[k * n + m]!;
            expect(f).toBeGreaterThanOrEqual(0);
            expect(f).toBeLessThanOrEqual(capOf(S, d, allowed, k, m) + TOL);
            sent += f;
          }
          expect(sent).toBeLessThanOrEqual(S[k]! + TOL);
        }
        for (let m = 0; m < n; m++) {
          expect(a[m]).toBeGreaterThanOrEqual(0);
          expect(a[m]).toBeLessThanOrEqual(1);
          if (!(d[m]! > 0)) {
            expect(a[m]).toBe(1);
            continue;
          }
          let got = 0;
          for (let k = 0; k < n; k++) got += flows[k * n + m]!;
          expect(got).toBeLessThanOrEqual(d[m]! + TOL);
          expect(Math.abs(got - a[m]! * d[m]!)).toBeLessThan(1e-8);
        }
      }),
      { seed: 20240601, numRuns: 400 },
    );
  });

  it('is max-min fair: each unsatisfied buyer is blocked by buyers at or below its ratio', () => {
    fc.assert(
      fc.property(instance, ({ S, d, allowed }) => {
        const { a, flows } = market(S, d, allowed);
        const n = S.length;
        // The brief's one-hop form: every supplier m could draw more from is exhausted,
        // and only by buyers whose ratio is at most m's.
        for (let m = 0; m < n; m++) {
          if (!(d[m]! > 0) || a[m]! >= 1 - TOL) continue;
          for (let k = 0; k < n; k++) {
            if (flows[k * n + m]! >= capOf(S, d, allowed, k, m) - TOL) continue;
            let used = 0;
            for (let b = 0; b < n; b++) {
              used += flows[k * n + b]!;
              if (flows[k * n + b]! > TOL) expect(a[b]!).toBeLessThanOrEqual(a[m]! + 1e-8);
            }
            expect(used).toBeGreaterThanOrEqual(S[k]! - 1e-8);
          }
        }
        // The full form, through rerouting chains.
        expect(fairnessViolation(S, d, allowed, a, flows)).toBeNull();
      }),
      { seed: 7, numRuns: 400 },
    );
  });

  it('never raises the lowest ratio when a restriction tightens', () => {
    fc.assert(
      fc.property(
        instance,
        fc.nat(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (inst, pick, cut) => {
          const n = inst.S.length;
          const loose = inst.allowed ?? new Array<number>(n * n).fill(1);
          const tight = loose.slice();
          tight[pick % (n * n)]! *= cut;
          const minOf = (a: number[]) => Math.min(...a.filter((_, m) => inst.d[m]! > 0), 1);
          expect(minOf(market(inst.S, inst.d, tight).a)).toBeLessThanOrEqual(
            minOf(market(inst.S, inst.d, loose).a) + 1e-9,
          );
        },
      ),
      { seed: 11, numRuns: 300 },
    );
  });

  it('equals proportional rationing when nothing is restricted', () => {
    fc.assert(
      fc.property(instance, ({ S, d }) => {
        const n = S.length;
        const p = new Float64Array(n);
        allocateProportional(n, Float64Array.from(S), Float64Array.from(d), p);
        const full = new Array<number>(n * n).fill(1);
        const { a } = market(S, d, full);
        for (let m = 0; m < n; m++) expect(a[m]).toBeCloseTo(p[m]!, 9);
      }),
      { seed: 3, numRuns: 200 },
    );
  });
});

describe('allocateFixed(n, S, base, d, allowed, a)', () => {
  it('keeps baseline sourcing: a = min(1, sum allowed * S / sum s)', () => {
    const a = new Float64Array(4);
    const allowed = new Float64Array(16).fill(1);
    allowed[0 * 4 + 2] = 0;
    const base = Float64Array.of(0.9, 0.1, 0, 0);
    allocateFixed(4, base, base, Float64Array.of(0, 0, 0.3, 0.7), allowed, a);
    expect(Array.from(a)).toEqual([1, 1, expect.closeTo(0.1, 12), 1]);
  });
});
