/**
 * Planner test helpers: seeded random small worlds with candidate projects, and the exact
 * optimum by enumerating every feasible portfolio with the full equilibrium.
 */
import { restrict, scenarioDiff } from '../equilibrium/scenario-diff.js';
import { compileMini, countryOf, itemOf } from '../equilibrium/test-support.js';
import { mulberry32 } from '../risk/rng.js';
import type { PlanScenario, PortfolioEvaluator } from './evaluate.js';
import type { Project } from './project.js';
import { isFeasible } from './selection.js';

/** A random small world and candidate list (seeded), for the comparison with enumeration. */
export function randomCase(seed: number, nProjects: number) {
  const rng = mulberry32(seed);
  const c = compileMini({
    items: [
      { id: 'euv', marketSizeUsd: 200 },
      { id: 'duv', marketSizeUsd: 150 },
      { id: 'resist', area: 'materials', marketSizeUsd: 100 },
      { id: 'gas', area: 'materials', marketSizeUsd: 80 },
      { id: 'chip', marketSizeUsd: 3000 },
      { id: 'board', area: 'instruments', marketSizeUsd: 1000 },
    ],
    shares: [
      ['euv', 'NLD', 1],
      ['duv', 'NLD', 0.7],
      ['duv', 'JPN', 0.3],
      ['resist', 'JPN', 0.9],
      ['resist', 'CHN', 0.1],
      ['gas', 'USA', 0.6],
      ['gas', 'CHN', 0.4],
      ['chip', 'TWN', 0.6],
      ['chip', 'CHN', 0.2],
      ['chip', 'USA', 0.2],
      ['board', 'CHN', 0.5],
      ['board', 'USA', 0.5],
    ],
    requirements: [
      ['chip', 'euv', 1, 'litho', 1],
      ['chip', 'duv', 1, 'litho', 0.6],
      ['chip', 'resist', 1],
      ['chip', 'gas', 0.5],
      ['board', 'chip', 0.8],
    ],
    countries: [['CHN'], ['NLD'], ['JPN'], ['USA'], ['TWN']],
  });
  const ban = (items: string[], from: string[]) =>
    restrict(c, {
      items: items.map((i) => itemOf(c, i)),
      from: from.map((k) => countryOf(c, k)),
      to: [countryOf(c, 'CHN')],
      severity: 1,
    });
  const scenarios: PlanScenario[] = [
    { id: 'litho', diff: scenarioDiff(c, [ban(['euv', 'duv'], ['NLD', 'JPN'])]), weight: 0.5 },
    {
      id: 'materials',
      diff: scenarioDiff(c, [ban(['resist', 'gas'], ['JPN', 'USA'])]),
      weight: 0.3,
    },
    { id: 'chips', diff: scenarioDiff(c, [ban(['chip'], ['TWN', 'USA'])]), weight: 0.2 },
  ];
  const itemsList = ['euv', 'duv', 'resist', 'gas', 'chip', 'board'];
  const projects: Project[] = [];
  for (let p = 0; p < nProjects; p++) {
    const item = itemsList[Math.floor(rng() * itemsList.length)]!;
    const requires = p > 2 && rng() < 0.2 ? [Math.floor(rng() * p)] : [];
    projects.push({
      id: `p${p}`,
      item: itemOf(c, item),
      country: countryOf(c, 'CHN'),
      capacity: 0.05 + 0.3 * rng(),
      cost: Math.round(1 + 9 * rng()),
      years: 1 + Math.floor(rng() * 3),
      pSuccess: 0.5 + 0.5 * rng(),
      requires,
      exclusiveGroup: rng() < 0.2 ? 'g' : undefined,
    });
  }
  let total = 0;
  for (const p of projects) total += p.cost;
  return { c, scenarios, projects, budget: Math.round(total * (0.25 + 0.3 * rng())) };
}

/** The exact optimum by evaluating every feasible portfolio with the full equilibrium. */
export function bruteForce(
  ev: PortfolioEvaluator,
  projects: readonly Project[],
  budget: number,
): { value: number; chosen: number[] } {
  const n = projects.length;
  const groups = new Map<string, number[]>();
  projects.forEach((p, q) => {
    if (p.exclusiveGroup)
      groups.set(p.exclusiveGroup, [...(groups.get(p.exclusiveGroup) ?? []), q]);
  });
  const problem = {
    objective: 'expected' as const,
    gains: [],
    constants: new Float64Array(),
    weights: new Float64Array(),
    costs: Float64Array.from(projects, (p) => p.cost),
    budget,
    requires: projects.map((p) => p.requires),
    exclusive: [...groups.values()],
  };
  let best = { value: ev.objective([]), chosen: [] as number[] };
  for (let mask = 1; mask < 1 << n; mask++) {
    const chosen: number[] = [];
    for (let p = 0; p < n; p++) if (mask & (1 << p)) chosen.push(p);
    if (!isFeasible(problem, chosen)) continue;
    const v = ev.objective(chosen);
    if (v < best.value - 1e-9 * Math.abs(best.value)) best = { value: v, chosen };
  }
  return best;
}
