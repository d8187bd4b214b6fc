/**
 * An unquantified variant of a quantified category runs on the category's shares (compile.ts
 * `sharesFrom`). Quantifying one variant makes the category derived; without the rule its
 * other variants would become "made where used" and a restriction on the category's supplier
 * would no longer reach them.
 */
import { describe, expect, it } from 'vitest';
import { computeDemand } from './demand.js';
import { restrict, scenarioDiff } from './scenario-diff.js';
import { solveEquilibrium } from './solve.js';
import { perspectiveOutputs } from './outputs.js';
import { compileMini as mini, itemOf as idx } from './test-support.js';
import { resolvePerspective } from '../perspective.js';

// tools (JPN 1) has two types: lathe (DEU 1, quantified) and grinder (no shares of its own).
// plant (CHN 1) needs tools.
const spec = {
  items: [
    'plant',
    'tools',
    { id: 'lathe', variantOf: 'tools', marketSizeUsd: 1 },
    { id: 'grinder', variantOf: 'tools', marketSizeUsd: 1 },
    { id: 'grinder-cnc', variantOf: 'grinder', marketSizeUsd: 1 },
  ],
  shares: [
    ['plant', 'CHN', 1],
    ['tools', 'JPN', 1],
    ['lathe', 'DEU', 1],
  ] as [string, string, number][],
  requirements: [['plant', 'tools']] as [string, string][],
  countries: [
    ['CHN', 1],
    ['JPN', 1],
    ['DEU', 1],
  ] as [string, number][],
};

describe('unquantified variants of a quantified category', () => {
  it('take the nearest quantified ancestor’s shares and stay unquantified', () => {
    const c = mini(spec);
    const JPN = c.countryIndex.get('JPN')!;
    const g = idx(c, 'grinder');
    expect(c.derivedCategory[idx(c, 'tools')]).toBe(1);
    expect(c.quantified[g]).toBe(0);
    expect(c.sharesFrom[g]).toBe(idx(c, 'tools'));
    expect(c.share[g * c.nCountries + JPN]).toBe(1);
    expect(computeDemand(c).isLocal[g]).toBe(0);
    expect(c.sharesFrom[idx(c, 'lathe')]).toBe(-1);
    expect(c.sharesFrom[idx(c, 'plant')]).toBe(-1);
    // grinder is not derived (nothing below it carries shares), so it carries the value of
    // its own variant: grinder-cnc keeps no shares, or the value would be counted twice.
    expect(c.derivedCategory[g]).toBe(0);
    expect(c.sharesFrom[idx(c, 'grinder-cnc')]).toBe(-1);
    expect(c.share[idx(c, 'grinder-cnc') * c.nCountries + c.rowIndex]).toBe(1);
  });

  it('take nothing from a category that is not derived', () => {
    const c = mini({ ...spec, shares: spec.shares.filter(([item]) => item !== 'lathe') });
    expect(c.derivedCategory[idx(c, 'tools')]).toBe(0);
    for (const id of ['lathe', 'grinder', 'grinder-cnc']) expect(c.sharesFrom[idx(c, id)]).toBe(-1);
  });

  it('are reached by a restriction on the category’s supplier', () => {
    const c = mini(spec);
    const CHN = c.countryIndex.get('CHN')!;
    const JPN = c.countryIndex.get('JPN')!;
    const diff = scenarioDiff(c, [
      restrict(c, { items: [idx(c, 'grinder')], from: [JPN], to: [CHN], severity: 1 }),
    ]);
    const r = solveEquilibrium(c, diff);
    expect(r.converged).toBe(true);
    // tools is derived: lathe and grinder weigh one half each; grinder, supplied by Japan
    // (taken from tools), is cut off, so China's plant runs at one half.
    expect(r.x[idx(c, 'plant') * c.nCountries + CHN]).toBeCloseTo(0.5, 9);
    // China loses half of its plant's value (weight 1: no market size).
    expect(perspectiveOutputs(c, r, resolvePerspective(c, 'CHN')).valueAtRisk).toBeCloseTo(0.5, 9);
  });

  it('make no difference where the variant is quantified itself', () => {
    const own = mini({ ...spec, shares: [...spec.shares, ['grinder-cnc', 'DEU', 1]] });
    expect(own.sharesFrom[idx(own, 'grinder-cnc')]).toBe(-1);
    // grinder is now derived from grinder-cnc: its own row is no longer used.
    expect(own.derivedCategory[idx(own, 'grinder')]).toBe(1);
    expect(own.sharesFrom[idx(own, 'grinder')]).toBe(-1);
  });
});
