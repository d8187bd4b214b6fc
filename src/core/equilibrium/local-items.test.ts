/**
 * Items with no quantified supplier (processes done in-house, data gaps) are made where they
 * are used: their capacity follows their demand, so a restriction on their inputs reaches
 * the countries that use them instead of vanishing into an unrestricted ROW.
 */
import { describe, expect, it } from 'vitest';
import { computeDemand } from './demand.js';
import { restrict, scenarioDiff } from './scenario-diff.js';
import { solveEquilibrium } from './solve.js';
import { why } from './why.js';
import { compileMini as mini, itemOf as idx } from './test-support.js';

// fab (CHN 0.4, TWN 0.6) requires litho-process (no shares), which requires tool (NLD 1).
const spec = {
  items: ['fab', 'litho-process', 'tool'],
  shares: [
    ['fab', 'CHN', 0.4],
    ['fab', 'TWN', 0.6],
    ['tool', 'NLD', 1],
  ] as [string, string, number][],
  requirements: [
    ['fab', 'litho-process'],
    ['litho-process', 'tool'],
  ] as [string, string][],
  countries: [
    ['CHN', 1],
    ['TWN', 1],
    ['NLD', 1],
  ] as [string, number][],
};

describe('items made where they are used', () => {
  it('give an unquantified process the capacity pattern of its consumers', () => {
    const c = mini(spec);
    const t = computeDemand(c);
    const p = idx(c, 'litho-process');
    expect(t.isLocal[p]).toBe(1);
    expect(t.isLocal[idx(c, 'tool')]).toBe(0);
    expect(t.baseShare[p * c.nCountries + c.countryIndex.get('CHN')!]).toBeCloseTo(0.4, 12);
    expect(t.baseShare[p * c.nCountries + c.rowIndex]).toBeCloseTo(0, 12);
    // The tool's demand follows the process's (local) capacity: CHN 0.4, TWN 0.6.
    expect(t.d[idx(c, 'tool') * c.nCountries + c.countryIndex.get('CHN')!]).toBeCloseTo(0.4, 12);
  });

  it('pass a restriction on the input through to the user, with the why chain', () => {
    const c = mini(spec);
    const CHN = c.countryIndex.get('CHN')!;
    const NLD = c.countryIndex.get('NLD')!;
    const diff = scenarioDiff(c, [
      restrict(c, { items: [idx(c, 'tool')], from: [NLD], to: [CHN], severity: 1 }),
    ]);
    const r = solveEquilibrium(c, diff);
    expect(r.converged).toBe(true);
    expect(r.x[idx(c, 'fab') * c.nCountries + CHN]).toBeCloseTo(0, 12);
    expect(r.x[idx(c, 'fab') * c.nCountries + c.countryIndex.get('TWN')!]).toBeCloseTo(1, 12);
    expect(why(c, r, idx(c, 'fab'), CHN).map((i) => c.itemIds[i])).toEqual([
      'fab',
      'litho-process',
      'tool',
    ]);
  });

  it('lose nothing in an empty scenario', () => {
    const c = mini(spec);
    const r = solveEquilibrium(c, scenarioDiff(c, []));
    expect(Math.min(...r.x)).toBe(1);
    expect(Math.min(...r.a)).toBe(1);
  });
});
