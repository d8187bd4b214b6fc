// MODEL.md §8: every worked example is a test, under its own name.
import { describe, expect, it } from 'vitest';
import type { CompiledDataset } from '../compile.js';
import { resolvePerspective } from '../perspective.js';
import { perspectiveOutputs } from './outputs.js';
import type { Reallocation, Shock } from './scenario-diff.js';
import { emptyDiff, outage, restrict, scenarioDiff } from './scenario-diff.js';
import { solveEquilibrium } from './solve.js';
import { at, compileMini, countryOf, itemOf } from './test-support.js';
import { why } from './why.js';

const EXACT = 9; // toBeCloseTo digits: 1e-9

function block(c: CompiledDataset, item: string, from: string, to: string): Shock {
  return restrict(c, {
    items: [itemOf(c, item)],
    from: [countryOf(c, from)],
    to: [countryOf(c, to)],
    severity: 1,
  });
}

function solve(c: CompiledDataset, shocks: Shock[], reallocation: Reallocation = 'market') {
  const r = solveEquilibrium(c, scenarioDiff(c, shocks, { reallocation }));
  expect(r.converged).toBe(true);
  return r;
}

describe('MODEL.md §8 worked examples', () => {
  it('1. reallocation: NLD restricts DUV to CHN (market 1/3, fixed 0.1; USA keeps 1)', () => {
    const c = compileMini({
      items: ['duv'],
      shares: [
        ['duv', 'NLD', 0.9],
        ['duv', 'JPN', 0.1],
      ],
      demand: [
        ['duv', 'CHN', 0.3],
        ['duv', 'USA', 0.7],
      ],
    });
    const shock = [block(c, 'duv', 'NLD', 'CHN')];
    const market = solve(c, shock, 'market');
    expect(at(c, market.a, 'duv', 'CHN')).toBeCloseTo(0.1 / 0.3, EXACT);
    expect(at(c, market.a, 'duv', 'USA')).toBeCloseTo(1, EXACT);
    const fixed = solve(c, shock, 'fixed');
    expect(at(c, fixed.a, 'duv', 'CHN')).toBeCloseTo(0.1, EXACT);
    expect(at(c, fixed.a, 'duv', 'USA')).toBeCloseTo(1, EXACT);
  });

  const x2 = {
    items: ['x'],
    shares: [
      ['x', 'TWN', 0.6],
      ['x', 'KOR', 0.4],
    ] as [string, string, number][],
    demand: [
      ['x', 'USA', 0.5],
      ['x', 'CHN', 0.5],
    ] as [string, string, number][],
  };

  it('2. shortage shared fairly: TWN outage 0.5 leaves 0.7 for demand 1, a = 0.7 for both', () => {
    const c = compileMini(x2);
    const r = solve(c, [
      outage(c, { items: [itemOf(c, 'x')], countries: [countryOf(c, 'TWN')], severity: 0.5 }),
    ]);
    expect(at(c, r.a, 'x', 'USA')).toBeCloseTo(0.7, EXACT);
    expect(at(c, r.a, 'x', 'CHN')).toBeCloseTo(0.7, EXACT);
    expect(r.worldLoss[itemOf(c, 'x')]).toBeCloseTo(0.3, EXACT);
  });

  it('3. restriction without shortage: TWN restricts X to CHN, a[CHN] = 0.8, a[USA] = 1', () => {
    const c = compileMini(x2);
    const r = solve(c, [block(c, 'x', 'TWN', 'CHN')]);
    expect(at(c, r.a, 'x', 'CHN')).toBeCloseTo(0.8, EXACT);
    expect(at(c, r.a, 'x', 'USA')).toBeCloseTo(1, EXACT);
  });

  const cascade = (criticality: number) =>
    compileMini({
      items: [
        { id: 'resist', marketSizeUsd: 300, area: 'materials' },
        { id: 'chip', marketSizeUsd: 5000 },
      ],
      shares: [
        ['resist', 'JPN', 0.9],
        ['resist', 'KOR', 0.1],
        ['chip', 'KOR', 0.6],
        ['chip', 'TWN', 0.4],
      ],
      requirements: [['chip', 'resist', criticality]],
      demand: [
        ['chip', 'USA', 0.5],
        ['chip', 'CHN', 0.5],
      ],
      blocs: [{ id: 'east', members: ['KOR', 'TWN'] }],
    });

  it('4. cascade: JPN restricts resist to KOR; chip supply falls to 0.5, a[chip] = 0.5', () => {
    const c = cascade(1);
    const r = solve(c, [block(c, 'resist', 'JPN', 'KOR')]);
    // Resist demand is derived from where chips are made.
    expect(r.demandRule[itemOf(c, 'resist')]).toBe('network');
    expect(at(c, r.demand, 'resist', 'KOR')).toBeCloseTo(0.6, EXACT);
    expect(at(c, r.demand, 'resist', 'TWN')).toBeCloseTo(0.4, EXACT);
    expect(at(c, r.a, 'resist', 'KOR')).toBeCloseTo(0.1 / 0.6, EXACT);
    expect(at(c, r.a, 'resist', 'TWN')).toBeCloseTo(1, EXACT);
    expect(at(c, r.x, 'chip', 'KOR')).toBeCloseTo(1 / 6, EXACT);
    expect(at(c, r.x, 'chip', 'TWN')).toBeCloseTo(1, EXACT);
    expect(r.worldLoss[itemOf(c, 'chip')]).toBeCloseTo(0.5, EXACT);
    expect(at(c, r.a, 'chip', 'USA')).toBeCloseTo(0.5, EXACT);
    expect(at(c, r.a, 'chip', 'CHN')).toBeCloseTo(0.5, EXACT);
    // The why chain: the US lacks chips because Korean fabs lack resist (restricted).
    const chip = itemOf(c, 'chip');
    const resist = itemOf(c, 'resist');
    expect(why(c, r, chip, countryOf(c, 'USA'))).toEqual([chip, resist]);
    expect(why(c, r, chip, countryOf(c, 'KOR'))).toEqual([chip, resist]);
    // Outputs for KOR: chips lose 5000 * 0.6 * 5/6 = 2500 of 3030.
    const kor = perspectiveOutputs(c, r, resolvePerspective(c, 'KOR'));
    expect(kor.valueAtRisk).toBeCloseTo(2500, 6);
    expect(kor.baselineValue).toBeCloseTo(3030, 6);
    expect(kor.capabilityIndex).toBeCloseTo(530 / 3030, EXACT);
    expect(kor.valueAtRiskByArea[c.areaIds.indexOf('ic')]).toBeCloseTo(2500, 6);
    expect(kor.valueAtRiskByArea[c.areaIds.indexOf('materials')]).toBeCloseTo(0, EXACT);
    const east = perspectiveOutputs(c, r, resolvePerspective(c, 'east'));
    expect(east.valueAtRisk).toBeCloseTo(2500, 6);
    expect(east.capabilityIndex).toBeCloseTo((5030 - 2500) / 5030, EXACT);
  });

  it('5. partial criticality: as 4 with c = 0.3, x[chip][KOR] = 0.75', () => {
    const c = cascade(0.3);
    const r = solve(c, [block(c, 'resist', 'JPN', 'KOR')]);
    expect(at(c, r.x, 'chip', 'KOR')).toBeCloseTo(1 - 0.3 * (1 - 1 / 6), EXACT);
    expect(at(c, r.x, 'chip', 'KOR')).toBeCloseTo(0.75, EXACT);
  });

  it('6. anyOf: fab needs {EUV e=1, DUV e=0.6}; a[EUV] = 0, a[DUV] = 1 gives x[fab] = 0.6', () => {
    const c = compileMini({
      items: ['euv', 'duv', 'fab'],
      shares: [
        ['euv', 'NLD', 1],
        ['duv', 'JPN', 1],
        ['fab', 'CHN', 1],
      ],
      requirements: [
        ['fab', 'euv', 1, 'litho', 1],
        ['fab', 'duv', 1, 'litho', 0.6],
      ],
    });
    const r = solve(c, [block(c, 'euv', 'NLD', 'CHN')]);
    expect(at(c, r.a, 'euv', 'CHN')).toBeCloseTo(0, EXACT);
    expect(at(c, r.a, 'duv', 'CHN')).toBeCloseTo(1, EXACT);
    expect(at(c, r.x, 'fab', 'CHN')).toBeCloseTo(0.6, EXACT);
  });

  it('7. no shock, no loss: every x and a is 1 and VaR is 0, in both modes', () => {
    const c = compileMini({
      items: [
        'resist',
        'chip',
        'phone',
        { id: 'litho', marketSizeUsd: 1000 },
        { id: 'euv', variantOf: 'litho', marketSizeUsd: 600 },
        { id: 'duv', variantOf: 'litho' },
      ],
      shares: [
        ['resist', 'JPN', 0.9],
        ['chip', 'TWN', 0.7],
        ['chip', 'KOR', 0.2],
        ['phone', 'CHN', 0.7],
        ['euv', 'NLD', 1],
        ['duv', 'NLD', 0.6],
        ['duv', 'JPN', 0.4],
      ],
      requirements: [
        ['chip', 'resist', 1],
        ['chip', 'litho', 0.8],
        ['phone', 'chip', 1, 'semis', 1],
        ['phone', 'resist', 1, 'semis', 0.1],
      ],
      countries: [
        ['USA', 28e12],
        ['CHN', 18e12],
      ],
    });
    for (const mode of ['market', 'fixed'] as const) {
      const r = solveEquilibrium(c, emptyDiff(c, mode));
      expect(r.converged).toBe(true);
      for (const v of r.x) expect(v).toBe(1);
      for (const v of r.a) expect(v).toBe(1);
      for (const v of r.worldLoss) expect(v).toBeCloseTo(0, 12);
      for (const p of ['USA', 'CHN', 'TWN', 'JPN', 'ROW']) {
        const o = perspectiveOutputs(c, r, resolvePerspective(c, p));
        expect(o.valueAtRisk).toBe(0);
        expect(o.capabilityIndex).toBe(1);
      }
    }
  });
});
