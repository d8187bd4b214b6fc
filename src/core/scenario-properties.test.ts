/**
 * Invariants of scenarios through the equilibrium (issue acceptance): severity 0 equals no
 * shock; results do not depend on the order of items, countries or shocks in the files.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileDataset } from './compile.js';
import type { Dataset } from './dataset.js';
import { emptyDataset } from './dataset.js';
import { solveEquilibrium } from './equilibrium/solve.js';
import type { Scenario, Shock } from './scenario.js';
import { isRestrict, resolveScenario } from './scenario.js';

const COUNTRIES = ['CHN', 'USA', 'JPN', 'NLD', 'KOR', 'TWN'];

/** A random layered dataset: item n may require items below it. */
const datasetArb = fc
  .record({
    n: fc.integer({ min: 2, max: 7 }),
    seed: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 120, maxLength: 120 }),
  })
  .map(({ n, seed }): Dataset => {
    let q = 0;
    const r = () => seed[q++ % seed.length]!;
    const ds = emptyDataset();
    for (let i = 0; i < n; i++) {
      ds.items.push({
        id: `i${i}`,
        name: `i${i}`,
        area: i % 2 ? 'ic' : 'materials',
        kind: 'material',
        marketSizeUsd: 1 + Math.floor(r() * 100),
      });
      let left = 1;
      for (const k of COUNTRIES) {
        if (r() < 0.5) continue;
        const s = Math.min(left, Math.round(r() * 60) / 100);
        if (s <= 0) continue;
        ds.shares.push({ item: `i${i}`, provider: k, share: s });
        left -= s;
      }
      for (let j = 0; j < i; j++) {
        if (r() < 0.35)
          ds.requirements.push({
            item: `i${i}`,
            requires: `i${j}`,
            criticality: r() < 0.5 ? 1 : 0.5,
            efficiency: 1,
          });
      }
    }
    ds.countries = COUNTRIES.map((code, k) => ({ code, name: code, gdpUsd: 1 + k }));
    return ds;
  });

const shockArb = (n: number) =>
  fc
    .record({
      from: fc.subarray(COUNTRIES, { minLength: 1 }),
      to: fc.subarray(COUNTRIES, { minLength: 1 }),
      items: fc.subarray(
        [...Array(n).keys()].map((i) => `i${i}`),
        { minLength: 1 },
      ),
      severity: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map((s): Shock => ({ restrict: s }));

const scenarioOf = (shocks: Shock[], reallocation: 'market' | 'fixed' = 'market'): Scenario => ({
  id: 't',
  assumptions: { reallocation },
  shocks,
  sources: [],
});

function solveById(ds: Dataset, scenario: Scenario) {
  const c = compileDataset(ds);
  const { diff, problems } = resolveScenario(c, scenario);
  expect(problems).toEqual([]);
  const r = solveEquilibrium(c, diff);
  const byId = new Map<string, number>();
  for (let i = 0; i < c.nItems; i++) {
    for (let k = 0; k < c.nCountries; k++) {
      byId.set(`x|${c.itemIds[i]}|${c.countryCodes[k]}`, r.x[i * c.nCountries + k]!);
      byId.set(`a|${c.itemIds[i]}|${c.countryCodes[k]}`, r.a[i * c.nCountries + k]!);
    }
  }
  return byId;
}

function expectSame(a: Map<string, number>, b: Map<string, number>) {
  expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
  for (const [k, v] of a) expect(Math.abs(v - b.get(k)!), k).toBeLessThan(1e-9);
}

const withShocks = datasetArb.chain((ds) =>
  fc.tuple(fc.constant(ds), fc.array(shockArb(ds.items.length), { minLength: 1, maxLength: 4 })),
);

describe('scenario invariants (property-based)', () => {
  it('a shock of severity 0 changes nothing', () => {
    fc.assert(
      fc.property(withShocks, ([ds, shocks]) => {
        const zero = shocks.map((s): Shock =>
          isRestrict(s) ? { restrict: { ...s.restrict, severity: 0 } } : s,
        );
        const r = solveById(ds, scenarioOf(zero));
        for (const v of r.values()) expect(v).toBe(1);
      }),
      { numRuns: 60 },
    );
  });

  it('the order of shocks does not matter', () => {
    fc.assert(
      fc.property(withShocks, ([ds, shocks]) => {
        expectSame(
          solveById(ds, scenarioOf(shocks)),
          solveById(ds, scenarioOf([...shocks].reverse())),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('the order of items, shares, requirements and countries in the files does not matter', () => {
    fc.assert(
      fc.property(withShocks, fc.boolean(), ([ds, shocks], fixed) => {
        const shuffled: Dataset = {
          ...ds,
          items: [...ds.items].reverse(),
          shares: [...ds.shares].reverse(),
          requirements: [...ds.requirements].reverse(),
          countries: [...ds.countries].reverse(),
        };
        const mode = fixed ? 'fixed' : 'market';
        expectSame(
          solveById(ds, scenarioOf(shocks, mode)),
          solveById(shuffled, scenarioOf(shocks, mode)),
        );
      }),
      { numRuns: 60 },
    );
  });
});
