import { beforeAll, describe, expect, it } from 'vitest';
import type { SelectionProblem, SelectionSolver } from '../core/plan/selection.js';
import { bruteForceSelection, isFeasible, linearObjective } from '../core/plan/selection.js';
import { mulberry32 } from '../core/risk/rng.js';
import { createHighsSolver, selectionToLp } from './highs.js';

let solve: SelectionSolver;
beforeAll(async () => {
  solve = await createHighsSolver();
});

function randomProblem(seed: number, n: number, objective: 'expected' | 'worst'): SelectionProblem {
  const rng = mulberry32(seed);
  const S = 3;
  const gains = Array.from({ length: S }, () =>
    Float64Array.from({ length: n }, () => (rng() < 0.15 ? -1 : 1) * 1e9 * rng()),
  );
  const costs = Float64Array.from({ length: n }, () => Math.round(1e8 + 1e9 * rng()));
  const years = 3;
  const byYear = Array.from(costs, (c) => {
    const row = new Float64Array(years);
    const start = Math.floor(rng() * years);
    for (let y = start; y < years; y++) row[y] = c / (years - start);
    return row;
  });
  const total = costs.reduce((s, c) => s + c, 0);
  return {
    objective,
    gains,
    constants: Float64Array.from({ length: S }, () => 5e9 * rng()),
    weights: Float64Array.of(0.5, 0.3, 0.2),
    costs,
    budget: total * 0.4,
    perYear: seed % 2 ? { limit: total * 0.2, byYear } : undefined,
    requires: Array.from({ length: n }, (_, p) =>
      p > 0 && rng() < 0.25 ? [Math.floor(rng() * p)] : [],
    ),
    exclusive: [[0, 1, 2]],
  };
}

describe('HiGHS selection solver', () => {
  it.each([1, 2, 3, 4, 5, 6])(
    'matches exhaustive search on random problem %i (expected and worst)',
    (seed) => {
      for (const objective of ['expected', 'worst'] as const) {
        const problem = randomProblem(seed, 12, objective);
        const res = solve(problem);
        const exact = bruteForceSelection(problem);
        expect(res.status).toBe('optimal');
        expect(isFeasible(problem, res.chosen)).toBe(true);
        const scale = Math.abs(linearObjective(problem, exact.chosen)) + 1e9;
        expect(
          Math.abs(linearObjective(problem, res.chosen) - linearObjective(problem, exact.chosen)) /
            scale,
        ).toBeLessThan(1e-6);
      }
    },
  );

  it('writes LP format with binaries, budget, precedence and exclusive rows', () => {
    const lp = selectionToLp(randomProblem(1, 4, 'worst'));
    expect(lp).toMatch(/^Minimize\n obj: \+ 1 t/);
    expect(lp).toMatch(/\n budget: .* <= 1\n/);
    expect(lp).toMatch(/\n excl0: \+ 1 x0 \+ 1 x1 \+ 1 x2 <= 1\n/);
    expect(lp).toMatch(/\nBounds\n t free\nBinary\n x0 x1 x2 x3\nEnd\n$/);
  });

  it('returns the empty portfolio when nothing gains', () => {
    const p = randomProblem(2, 5, 'expected');
    const zero = { ...p, gains: p.gains.map((g) => g.map(() => 0)) };
    expect(solve(zero).chosen).toEqual([]);
  });
});
