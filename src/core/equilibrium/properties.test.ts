// Model invariants of solveEquilibrium on random small datasets (seeded fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CompiledDataset } from '../compile.js';
import { resolvePerspective } from '../perspective.js';
import { perspectiveOutputs } from './outputs.js';
import { produce } from './production.js';
import type { Reallocation } from './scenario-diff.js';
import { emptyDiff, outage, restrict, scenarioDiff } from './scenario-diff.js';
import { solveEquilibrium } from './solve.js';
import type { MiniSpec } from './test-support.js';
import { at, compileMini, countryOf, itemOf } from './test-support.js';
import { why } from './why.js';

const CODES = ['AAA', 'BBB', 'CCC', 'DDD'];

const weight = fc.double({ min: 0.01, max: 1, noNaN: true });

/** A random valid dataset: shares, requirements (cycles allowed), variants, demand, GDP. */
const dataset: fc.Arbitrary<MiniSpec> = fc.integer({ min: 1, max: 5 }).chain((n) => {
  const ids = Array.from({ length: n }, (_, i) => `i${i}`);
  return fc
    .record({
      sizes: fc.array(
        fc.option(fc.double({ min: 1, max: 1000, noNaN: true }), { nil: undefined }),
        {
          minLength: n,
          maxLength: n,
        },
      ),
      parents: fc.array(fc.option(fc.nat(), { nil: undefined, freq: 4 }), {
        minLength: n,
        maxLength: n,
      }),
      shares: fc.array(
        fc.record({
          w: fc.array(fc.option(weight, { nil: undefined }), { minLength: 4, maxLength: 4 }),
          total: fc.double({ min: 0.3, max: 1, noNaN: true }),
        }),
        { minLength: n, maxLength: n },
      ),
      reqs: fc.array(
        fc.tuple(
          fc.nat(n - 1),
          fc.nat(n - 1),
          weight,
          fc.option(fc.constantFrom('g1', 'g2'), { nil: undefined }),
          weight,
        ),
        { maxLength: 2 * n },
      ),
      demand: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(3), weight), { maxLength: 4 }),
      gdp: fc.option(fc.array(weight, { minLength: 4, maxLength: 4 }), { nil: undefined }),
    })
    .map((r): MiniSpec => {
      const shares: [string, string, number][] = [];
      r.shares.forEach((row, i) => {
        const sum = row.w.reduce<number>((s, w) => s + (w ?? 0), 0);
        row.w.forEach((w, k) => {
          if (w !== undefined) shares.push([ids[i]!, CODES[k]!, (w / sum) * row.total]);
        });
      });
      const seen = new Set<string>();
      const requirements: MiniSpec['requirements'] = [];
      for (const [i, j, c, g, e] of r.reqs) {
        const key = `${i}:${j}`;
        if (i === j || seen.has(key)) continue;
        seen.add(key);
        requirements.push([ids[i]!, ids[j]!, c, g, e]);
      }
      const demandSeen = new Set<string>();
      const demand: [string, string, number][] = [];
      for (const [i, k, w] of r.demand) {
        if (demandSeen.has(`${i}:${k}`)) continue;
        demandSeen.add(`${i}:${k}`);
        demand.push([ids[i]!, CODES[k]!, w / 4]);
      }
      return {
        items: ids.map((id, i) => {
          const p = r.parents[i];
          const size = r.sizes[i];
          return {
            id,
            ...(size !== undefined ? { marketSizeUsd: size } : {}),
            // Parents only point backwards, so the variant forest has no cycle.
            ...(p !== undefined && i > 0 ? { variantOf: ids[p % i]! } : {}),
          };
        }),
        shares,
        requirements,
        demand,
        countries: CODES.map((code, k): [string, number | undefined] => [code, r.gdp?.[k]]),
      };
    });
});

const severity = fc.double({ min: 0, max: 1, noNaN: true });

function allPairsShock(c: CompiledDataset, item: number, sev: number, from: number, to: number) {
  return restrict(c, { items: [item], from: [from], to: [to], severity: sev });
}

describe('solveEquilibrium invariants', () => {
  it('no shock, no loss: x = a = 1 and VaR = 0 on random datasets, in both modes', () => {
    fc.assert(
      fc.property(dataset, fc.constantFrom<Reallocation>('market', 'fixed'), (spec, mode) => {
        const c = compileMini(spec);
        const r = solveEquilibrium(c, emptyDiff(c, mode));
        expect(r.converged).toBe(true);
        for (const v of r.x) expect(v).toBeCloseTo(1, 12);
        for (const v of r.a) expect(v).toBeCloseTo(1, 12);
        for (const code of [...CODES, 'ROW']) {
          const o = perspectiveOutputs(c, r, resolvePerspective(c, code));
          expect(o.valueAtRisk).toBeCloseTo(0, 9);
        }
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it('fixed mode is monotone: raising a severity never raises any x or a', () => {
    fc.assert(
      fc.property(
        dataset,
        fc.nat(),
        fc.nat(3),
        fc.nat(3),
        severity,
        severity,
        (spec, pick, from, to, s1, s2) => {
          const c = compileMini(spec);
          const item = pick % c.nItems;
          const [lo, hi] = s1 <= s2 ? [s1, s2] : [s2, s1];
          const run = (sev: number) =>
            solveEquilibrium(
              c,
              scenarioDiff(
                c,
                [
                  allPairsShock(c, item, sev, from, to),
                  outage(c, { items: [item], countries: [to], severity: sev / 2 }),
                ],
                { reallocation: 'fixed' },
              ),
            );
          const r1 = run(lo);
          const r2 = run(hi);
          for (let p = 0; p < r1.x.length; p++) {
            expect(r2.x[p]!).toBeLessThanOrEqual(r1.x[p]! + 1e-7);
            expect(r2.a[p]!).toBeLessThanOrEqual(r1.a[p]! + 1e-7);
          }
        },
      ),
      { seed: 8, numRuns: 150 },
    );
  });

  it('market mode ends at a fixed point: x is the production of the access it reports', () => {
    fc.assert(
      fc.property(
        dataset,
        fc.nat(),
        fc.nat(3),
        fc.nat(3),
        severity,
        (spec, pick, from, to, sev) => {
          const c = compileMini(spec);
          const r = solveEquilibrium(
            c,
            scenarioDiff(c, [allPairsShock(c, pick % c.nItems, sev, from, to)]),
          );
          expect(r.converged).toBe(true);
          const again = new Float64Array(r.x.length);
          produce(c, r.a, r.variants.derived, again);
          for (let p = 0; p < again.length; p++) {
            if (r.variants.derived[Math.floor(p / c.nCountries)]) continue;
            expect(again[p]!).toBeCloseTo(r.x[p]!, 8);
          }
          for (const v of r.x) expect(v >= 0 && v <= 1).toBe(true);
          for (const v of r.a) expect(v >= 0 && v <= 1 + 1e-12).toBe(true);
        },
      ),
      { seed: 9, numRuns: 150 },
    );
  });

  it('a requirement cycle (A needs B, B needs A, c = 0.5) converges to x = 6/7, 5/7', () => {
    const c = compileMini({
      items: ['a', 'b'],
      shares: [
        ['a', 'AAA', 1],
        ['b', 'AAA', 1],
      ],
      requirements: [
        ['a', 'b', 0.5],
        ['b', 'a', 0.5],
      ],
    });
    const shock = outage(c, {
      items: [itemOf(c, 'a')],
      countries: [countryOf(c, 'AAA')],
      severity: 0.5,
    });
    for (const mode of ['market', 'fixed'] as const) {
      const r = solveEquilibrium(c, scenarioDiff(c, [shock], { reallocation: mode }));
      expect(r.converged).toBe(true);
      // x_A = 1 - 0.5 (1 - a_B), a_B = x_B; x_B = 1 - 0.5 (1 - a_A), a_A = 0.5 x_A.
      expect(at(c, r.x, 'a', 'AAA')).toBeCloseTo(6 / 7, 8);
      expect(at(c, r.x, 'b', 'AAA')).toBeCloseTo(5 / 7, 8);
      // The why chain follows the cycle once and stops at A's own outage.
      const a = itemOf(c, 'a');
      const b = itemOf(c, 'b');
      expect(why(c, r, a, countryOf(c, 'AAA'))).toEqual([a, b, a]);
    }
  });

  it('reports non-convergence instead of hiding it', () => {
    const c = compileMini({
      items: ['a', 'b'],
      shares: [
        ['a', 'AAA', 1],
        ['b', 'AAA', 1],
      ],
      requirements: [
        ['a', 'b', 1],
        ['b', 'a', 1],
      ],
    });
    const shock = outage(c, {
      items: [itemOf(c, 'a')],
      countries: [countryOf(c, 'AAA')],
      severity: 0.5,
    });
    const r = solveEquilibrium(c, scenarioDiff(c, [shock]), { maxSweeps: 3 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(3);
    // With the full budget the essential cycle collapses to 0.
    const full = solveEquilibrium(c, scenarioDiff(c, [shock]));
    expect(at(c, full.x, 'a', 'AAA')).toBeLessThan(1e-6);
  });
});
