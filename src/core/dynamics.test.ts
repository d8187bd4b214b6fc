import { describe, expect, it } from 'vitest';
import { MINI } from '../../test/support.js';
import { loadDataset } from '../io/read-dataset.js';
import { compileDataset } from './compile.js';
import { dynamicsScenario, simulateOverTime } from './dynamics.js';
import { resolvePerspective } from './perspective.js';
import type { Scenario, Shock } from './scenario.js';
import { resolveScenario } from './scenario.js';
import { simulate } from './simulate.js';

const c = compileDataset(loadDataset(MINI, { currentYear: 2026 }).dataset);
const CHN = resolvePerspective(c, 'CHN');
const resistCut: Shock = {
  restrict: { from: ['JPN'], to: ['CHN'], items: ['resist'], severity: 1 },
};
/** Every foreign supplier withholds resist: CHN loses chips in either mode. */
const resistEmbargo = (endMonth?: number): Shock => ({
  restrict: {
    from: ['ALL'],
    to: ['CHN'],
    items: ['resist'],
    severity: 1,
    ...(endMonth ? { endMonth } : {}),
  },
});

function scenario(shocks: Shock[], assumptions: Partial<Scenario['assumptions']> = {}): Scenario {
  return { id: 't', assumptions: { reallocation: 'market', ...assumptions }, shocks, sources: [] };
}

function staticCI(s: Scenario, mode: 'market' | 'fixed'): number {
  const { diff } = resolveScenario(c, s, mode);
  return simulate(c, diff, CHN, 't').report.capabilityIndex;
}

describe('simulateOverTime', () => {
  it('repeats the static equilibrium every month when there is no timing, stock or lead time', () => {
    const s = scenario([resistEmbargo()]);
    const { report } = simulateOverTime(c, s, CHN, 4);
    const ci = staticCI(s, 'market');
    expect(ci).toBeLessThan(1);
    for (const p of report.series) expect(p.capabilityIndex).toBeCloseTo(ci, 12);
    expect(report.firstLossMonth).toBe(0);
  });

  it('draws a stock of one month before production falls', () => {
    // fixed sourcing: CHN gets only the non-Japanese 10% of resist; a gap of 0.9 a month.
    const s = scenario([resistCut], { reallocation: 'fixed', inventoryMonths: 1 });
    const { report } = simulateOverTime(c, s, CHN, 4);
    const ci = staticCI(s, 'fixed');
    expect(report.series[0]!.capabilityIndex).toBe(1); // the stock covers month 0
    // Month 1: 0.1 of stock left on top of 0.1 access: production sees 0.2, still above 0.1.
    expect(report.series[1]!.capabilityIndex).toBeLessThan(1);
    expect(report.series[1]!.capabilityIndex).toBeGreaterThan(ci);
    expect(report.series[2]!.capabilityIndex).toBeCloseTo(ci, 12);
    expect(report.series[3]!.capabilityIndex).toBeCloseTo(ci, 12);
    expect(report.firstLossMonth).toBe(1);
  });

  it('switches from baseline sourcing to the market after the lead time', () => {
    const s = scenario([resistCut], { leadTimeMonths: 2 });
    const { report } = simulateOverTime(c, s, CHN, 4);
    const fixed = staticCI(s, 'fixed');
    const market = staticCI(s, 'market');
    expect(fixed).toBeLessThan(market);
    expect(report.series.map((p) => p.capabilityIndex)).toEqual([
      expect.closeTo(fixed, 12),
      expect.closeTo(fixed, 12),
      expect.closeTo(market, 12),
      expect.closeTo(market, 12),
    ]);
  });

  it('lifts a restriction at its end month and recovers an outage linearly', () => {
    const lifted = simulateOverTime(c, scenario([resistEmbargo(2)]), CHN, 3).report;
    expect(lifted.series[1]!.capabilityIndex).toBeLessThan(1);
    expect(lifted.series[2]!.capabilityIndex).toBe(1);
    const fire = scenario([
      { outage: { in: ['TWN'], items: ['chip'], severity: 1, recoveryMonths: 4 } },
    ]);
    const { report } = simulateOverTime(c, fire, CHN, 6);
    const chip = report.items.find((x) => x.item === 'chip')!;
    // TWN holds 60% of chips: 60%, 45%, 30%, 15%, then nothing lost.
    expect(chip.worldLoss.map((x) => Number(x.toFixed(9)))).toEqual([0.6, 0.45, 0.3, 0.15, 0, 0]);
  });

  it('ramps a build in over its ramp months', () => {
    const s = scenario([
      { build: { in: 'CHN', item: 'resist', capacity: 20, rampMonths: 4, startMonth: 1 } },
    ]);
    expect(dynamicsScenario(s, 0).shocks).toEqual([]);
    expect(dynamicsScenario(s, 1).shocks).toEqual([
      { build: expect.objectContaining({ capacity: 5 }) },
    ]);
    expect(dynamicsScenario(s, 4).shocks).toEqual([
      { build: expect.objectContaining({ capacity: 20 }) },
    ]);
  });
});
