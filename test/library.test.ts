/** Chokepoint as a library: the curated entry point is enough for the common tasks. */
import { describe, expect, it } from 'vitest';
import * as chokepoint from '../src/index.js';
import { MINI } from './support.js';

describe('the public API (src/index.ts)', () => {
  it('loads, compiles, measures and simulates with exported names only', () => {
    const { dataset } = chokepoint.loadDataset(MINI, { currentYear: 2026 });
    const c = chokepoint.compileDataset(dataset);
    const euv = chokepoint.resolveItem(c, 'euv');
    expect(chokepoint.itemConcentration(c, euv).hhi).toBe(10000);
    const p = chokepoint.resolvePerspective(c, 'CHN');
    const scenario = chokepoint.scenarioFromValue(
      {
        id: 'x',
        shocks: [
          { restrict: { from: ['NLD'], to: ['CHN'], items: ['litho'], includeVariants: true } },
        ],
      },
      'x',
    ).scenario;
    const { diff, problems } = chokepoint.resolveScenario(c, scenario);
    expect(problems).toEqual([]);
    const { report } = chokepoint.simulate(c, diff, p, scenario.id);
    expect(report.valueAtRisk).toBeGreaterThan(0);
    expect(report.losses[0]?.why.at(-1)).toMatch(/^(euv|duv)$/);
  });
});
