// computeDemand(c) precedence (MODEL.md §3) and the variants' share of category demand.
import { describe, expect, it } from 'vitest';
import { computeDemand, demandWithAdded } from './demand.js';
import { build, outage, restrict, scenarioDiff } from './scenario-diff.js';
import { solveEquilibrium } from './solve.js';
import { at, compileMini, countryOf, itemOf } from './test-support.js';
import { why } from './why.js';

const spec = {
  items: [
    { id: 'litho', marketSizeUsd: 1000 },
    { id: 'euv', variantOf: 'litho', marketSizeUsd: 600 },
    { id: 'duv', variantOf: 'litho', marketSizeUsd: 400 },
    { id: 'chip', marketSizeUsd: 5000 },
    'phone',
    'seed',
  ],
  shares: [
    ['euv', 'NLD', 1],
    ['duv', 'NLD', 0.5],
    ['duv', 'JPN', 0.5],
    ['chip', 'TWN', 0.5],
    ['chip', 'CHN', 0.5],
    ['phone', 'CHN', 1],
    ['seed', 'USA', 0.6],
  ] as [string, string, number][],
  requirements: [['chip', 'litho', 1]] as [string, string, number][],
  demand: [['phone', 'USA', 0.4]] as [string, string, number][],
  countries: [
    ['USA', 30],
    ['CHN', 20],
  ] as [string, number][],
};

describe('computeDemand(c, options)', () => {
  const c = compileMini(spec);
  const t = computeDemand(c);
  const d = (item: string, country: string) => at(c, t.d, item, country);

  it('takes explicit rows first, leaving the rest to ROW', () => {
    expect(t.rule[itemOf(c, 'phone')]).toBe('explicit');
    expect(d('phone', 'USA')).toBeCloseTo(0.4, 12);
    expect(d('phone', 'ROW')).toBeCloseTo(0.6, 12);
  });

  it('derives demand from consumers, through a category to its variants', () => {
    expect(t.rule[itemOf(c, 'euv')]).toBe('network');
    expect(d('euv', 'TWN')).toBeCloseTo(0.5, 12);
    expect(d('duv', 'CHN')).toBeCloseTo(0.5, 12);
  });

  it('falls back to GDP (ROW only with a world GDP), then to supply', () => {
    expect(t.rule[itemOf(c, 'chip')]).toBe('gdp');
    expect(d('chip', 'USA')).toBeCloseTo(0.6, 12);
    expect(d('chip', 'ROW')).toBe(0);
    const world = computeDemand(c, { worldGdpUsd: 100 });
    expect(at(c, world.d, 'chip', 'USA')).toBeCloseTo(0.3, 12);
    expect(at(c, world.d, 'chip', 'ROW')).toBeCloseTo(0.5, 12);
    const noGdp = compileMini({ ...spec, countries: [] });
    const s = computeDemand(noGdp);
    expect(s.rule[itemOf(noGdp, 'seed')]).toBe('supply');
    expect(at(noGdp, s.d, 'seed', 'USA')).toBeCloseTo(0.6, 12);
    expect(at(noGdp, s.d, 'seed', 'ROW')).toBeCloseTo(0.4, 12);
  });

  it('lets a variant inherit its category’s explicit demand', () => {
    const c2 = compileMini({ ...spec, requirements: [], demand: [['litho', 'CHN', 1]] });
    const t2 = computeDemand(c2);
    expect(t2.rule[itemOf(c2, 'euv')]).toBe('category');
    expect(at(c2, t2.d, 'euv', 'CHN')).toBe(1);
  });

  it('adds the demand of built capacity without renormalizing', () => {
    const diff = scenarioDiff(c, [
      build(c, { item: itemOf(c, 'chip'), country: countryOf(c, 'USA'), capacity: 0.2 }),
    ]);
    const d2 = demandWithAdded(c, t, diff.added);
    expect(at(c, d2, 'euv', 'USA')).toBeCloseTo(0.2, 12);
    expect(at(c, d2, 'euv', 'TWN')).toBeCloseTo(0.5, 12);
    expect(demandWithAdded(c, t, new Float64Array(diff.added.length))).toBe(t.d);
  });
});

describe('variants in the equilibrium (MODEL.md §3 "Variants")', () => {
  it('cuts a category by the weight of the cut variant: EUV is 60% of lithography', () => {
    const c = compileMini(spec);
    const r = solveEquilibrium(
      c,
      scenarioDiff(c, [
        restrict(c, {
          items: [itemOf(c, 'euv')],
          from: [countryOf(c, 'NLD')],
          to: [countryOf(c, 'CHN')],
          severity: 1,
        }),
      ]),
    );
    expect(at(c, r.a, 'euv', 'CHN')).toBeCloseTo(0, 12);
    expect(at(c, r.a, 'litho', 'CHN')).toBeCloseTo(0.4, 12);
    expect(at(c, r.x, 'chip', 'CHN')).toBeCloseTo(0.4, 12);
    expect(at(c, r.x, 'chip', 'TWN')).toBeCloseTo(1, 12);
    expect(why(c, r, itemOf(c, 'chip'), countryOf(c, 'CHN'))).toEqual(
      ['chip', 'litho', 'euv'].map((id) => itemOf(c, id)),
    );
  });

  it('stops the why chain at an outage that is the root cause', () => {
    const c = compileMini(spec);
    const r = solveEquilibrium(
      c,
      scenarioDiff(c, [
        outage(c, { items: [itemOf(c, 'duv')], countries: [countryOf(c, 'JPN')], severity: 1 }),
      ]),
    );
    // DUV supply halves for demand 1: every buyer gets 0.5, litho access 0.6 + 0.4 * 0.5.
    expect(at(c, r.a, 'litho', 'TWN')).toBeCloseTo(0.8, 12);
    expect(why(c, r, itemOf(c, 'chip'), countryOf(c, 'TWN'))).toEqual(
      ['chip', 'litho', 'duv'].map((id) => itemOf(c, id)),
    );
  });
});
