import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileDataset } from './compile.js';
import type { Dataset } from './dataset.js';
import { emptyDataset } from './dataset.js';
import {
  areaShares,
  countToReach,
  hhi,
  itemConcentration,
  itemExposure,
  itemOrgConcentration,
} from './metrics.js';
import { UnknownNameError, resolveItem, resolvePerspective } from './perspective.js';

/** A hand-checked dataset: every expected number below is worked out in its comment. */
function kite(): Dataset {
  const ds = emptyDataset();
  ds.items = [
    { id: 'euv', name: 'EUV', area: 'ic', kind: 'tool', marketSizeUsd: 600 },
    { id: 'resist', name: 'Resist', area: 'ic', kind: 'material', marketSizeUsd: 400 },
    { id: 'chip', name: 'Chip', area: 'ic', kind: 'product' },
    { id: 'seed', name: 'Seed', area: 'seeds', kind: 'biological' },
    { id: 'fuzzy', name: 'Fuzzy', area: 'seeds', kind: 'biological' },
    { id: 'over', name: 'Over', area: 'seeds', kind: 'material' },
  ];
  const share = (item: string, provider: string, s: number | null) => ({
    item,
    provider,
    share: s,
  });
  ds.shares = [
    share('euv', 'NLD', 1),
    share('resist', 'JPN', 0.5),
    share('resist', 'USA', 0.3),
    share('resist', 'CHN', 0.1),
    share('chip', 'TWN', 0.6),
    share('seed', 'alpha', 0.5),
    share('seed', 'beta', 0.25),
    share('seed', 'gamma', null),
    share('fuzzy', 'DEU', null),
    share('over', 'USA', 0.6),
    share('over', 'CHN', 0.44),
  ];
  ds.organizations = [
    { id: 'alpha', name: 'Alpha', country: 'USA', aliases: [] },
    { id: 'beta', name: 'Beta', country: 'CHN', aliases: [] },
    { id: 'gamma', name: 'Gamma', country: 'FRA', aliases: [] },
  ];
  ds.blocs = [{ id: 'West', members: ['USA', 'NLD', 'JPN'] }];
  ds.demand = [
    { item: 'resist', country: 'CHN', share: 0.4 },
    { item: 'resist', country: 'USA', share: 0.6 },
  ];
  return ds;
}

describe('itemConcentration', () => {
  const c = compileDataset(kite());
  const row = (id: string) => itemConcentration(c, resolveItem(c, id));

  it('gives a monopoly HHI 10000, CR1 1 and one country to 75%', () => {
    expect(row('euv')).toMatchObject({
      hhi: 10000,
      cr1: 1,
      cr3: 1,
      countriesTo75: 1,
      unattributed: 0,
    });
    expect(row('euv').top).toEqual({ country: 'NLD', share: 1 });
  });

  it('leaves ROW out of HHI and reports it as unattributed', () => {
    // 50^2 + 30^2 + 10^2 = 3500; ROW holds 10%.
    const r = row('resist');
    expect(r.hhi).toBeCloseTo(3500, 9);
    expect(r.cr3).toBeCloseTo(0.9, 12);
    expect(r.unattributed).toBeCloseTo(0.1, 12);
    expect(r.countriesTo75).toBe(2); // 50 + 30 = 80 >= 75
  });

  it('returns null countriesTo75 when the listed countries never reach 75%', () => {
    expect(row('chip').countriesTo75).toBeNull(); // TWN 60%, the rest unattributed
  });

  it('derives country shares from organization shares by headquarters', () => {
    // alpha (USA) 50%, beta (CHN) 25%: 2500 + 625; gamma's share is unknown.
    const r = row('seed');
    expect(r.hhi).toBeCloseTo(3125, 9);
    expect(r.unquantified).toEqual(['FRA']);
    const org = itemOrgConcentration(c, resolveItem(c, 'seed'));
    expect(org.top).toMatchObject({ organization: 'alpha', share: 0.5 });
    expect(org.unquantified).toEqual(['gamma']);
  });

  it('never invents numbers for an item whose shares are all unknown', () => {
    expect(row('fuzzy')).toMatchObject({
      hhi: null,
      cr1: null,
      top: null,
      quantified: false,
      unquantified: ['DEU'],
    });
  });

  it('normalizes a share sum of 104% to 100%', () => {
    const r = row('over');
    expect(r.cr1).toBeCloseTo(0.6 / 1.04, 12);
    expect(r.unattributed).toBe(0);
  });
});

describe('itemExposure and areaShares', () => {
  const c = compileDataset(kite());

  it('computes domestic, foreign, controlledBy and self-sufficiency for a country', () => {
    const p = resolvePerspective(c, 'chn');
    const e = itemExposure(c, resolveItem(c, 'resist'), p, [0]);
    expect(e.domestic).toBeCloseTo(0.1, 12);
    expect(e.foreign).toBeCloseTo(0.9, 12);
    expect(e.controlledBy.West).toBeCloseTo(0.8, 12);
    expect(e.selfSufficiency).toBeCloseTo(0.25, 12); // 0.1 / 0.4
  });

  it('sums a bloc perspective over its members', () => {
    const p = resolvePerspective(c, 'West');
    expect(p.isBloc).toBe(true);
    const e = itemExposure(c, resolveItem(c, 'resist'), p, []);
    expect(e.domestic).toBeCloseTo(0.8, 12);
    expect(e.selfSufficiency).toBe(1); // 0.8 / 0.6 capped at 1
  });

  it('weights area shares by market size over quantified, sized items', () => {
    // ic: euv (600, NLD 1), resist (400, USA 0.3); chip has no size and is left out.
    const usa = areaShares(c, resolvePerspective(c, 'USA'));
    expect(usa.find((a) => a.id === 'ic')?.share).toBeCloseTo((400 * 0.3) / 1000, 12);
    // seeds: no sizes, so each quantified item weighs 1: seed 0.5, over 0.6/1.04.
    expect(usa.find((a) => a.id === 'seeds')?.share).toBeCloseTo((0.5 + 0.6 / 1.04) / 2, 12);
  });

  it('rejects an unknown perspective with the closest names', () => {
    expect(() => resolvePerspective(c, 'Wset')).toThrow(UnknownNameError);
    expect(() => resolvePerspective(c, 'CHM')).toThrow(/did you mean "CHN"/);
  });
});

describe('metric invariants (property-based)', () => {
  const sharesArb = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
    minLength: 1,
    maxLength: 12,
  });

  it('HHI lies between 10000/n and 10000 for shares summing to 1', () => {
    fc.assert(
      fc.property(sharesArb, (raw) => {
        const total = raw.reduce((a, b) => a + b, 0);
        fc.pre(total > 1e-6);
        const s = raw.map((x) => x / total);
        const h = hhi(s);
        return h <= 10000 + 1e-6 && h >= 10000 / s.length - 1e-6;
      }),
    );
  });

  it('countToReach is the least prefix reaching the threshold', () => {
    fc.assert(
      fc.property(sharesArb, fc.double({ min: 0.01, max: 1, noNaN: true }), (raw, t) => {
        const s = [...raw].sort((a, b) => b - a);
        const n = countToReach(s, t);
        const prefix = (k: number) => s.slice(0, k).reduce((a, b) => a + b, 0);
        if (n === null) return prefix(s.length) < t;
        return prefix(n) >= t - 1e-9 && (n === 1 || prefix(n - 1) < t - 1e-9);
      }),
    );
  });
});
