import { beforeAll, describe, expect, it } from 'vitest';
import { createHighsSolver } from '../../solver/highs.js';
import type { CompiledDataset } from '../compile.js';
import { computeDemand } from '../equilibrium/demand.js';
import { emptyDiff, restrict } from '../equilibrium/scenario-diff.js';
import { scenarioDiff } from '../equilibrium/scenario-diff.js';
import { compileMini, countryOf, itemOf } from '../equilibrium/test-support.js';
import { resolvePerspective } from '../perspective.js';
import type { PlanScenario } from './evaluate.js';
import { PortfolioEvaluator, portfolioLoss, portfolioShocks } from './evaluate.js';
import { PlanInfeasibleError, planPortfolio, planSteps } from './planner.js';
import type { Project } from './project.js';
import { startYears, yearlyCosts } from './project.js';
import type { SelectionSolver } from './selection.js';
import { bruteForce, randomCase } from './test-support.js';

let solver: SelectionSolver;
beforeAll(async () => {
  solver = await createHighsSolver();
});

/**
 * CHN makes no chips; chips need tools (NLD only) and resist (JPN only). The scenario: NLD
 * withholds tools from CHN. A CHN fab alone cannot run; with CHN tools it can.
 */
function fabWorld(): CompiledDataset {
  return compileMini({
    items: [
      { id: 'tool', marketSizeUsd: 100 },
      { id: 'chip', marketSizeUsd: 5000 },
      { id: 'resist', area: 'materials', marketSizeUsd: 300 },
    ],
    shares: [
      ['tool', 'NLD', 1],
      ['chip', 'TWN', 0.8],
      ['chip', 'KOR', 0.2],
      ['resist', 'JPN', 1],
    ],
    requirements: [
      ['chip', 'tool'],
      ['chip', 'resist'],
    ],
    countries: [['CHN'], ['NLD'], ['TWN'], ['KOR'], ['JPN']],
  });
}

function project(
  c: CompiledDataset,
  id: string,
  item: string,
  capacity: number,
  cost: number,
  extra: Partial<Project> = {},
): Project {
  return {
    id,
    item: itemOf(c, item),
    country: countryOf(c, 'CHN'),
    capacity,
    cost,
    years: 1,
    pSuccess: 1,
    requires: [],
    ...extra,
  };
}

function toolBan(c: CompiledDataset): PlanScenario {
  const shock = restrict(c, {
    items: [itemOf(c, 'tool')],
    from: [countryOf(c, 'NLD')],
    to: [countryOf(c, 'CHN')],
    severity: 1,
  });
  return { id: 'tool-ban', diff: scenarioDiff(c, [shock]), weight: 1 };
}

describe('planPortfolio on the fab-and-tools world', () => {
  const c = fabWorld();
  const chn = resolvePerspective(c, 'CHN');
  const projects = [
    project(c, 'fab', 'chip', 0.1, 10),
    project(c, 'tools', 'tool', 0.2, 10),
    project(c, 'resist', 'resist', 0.1, 5),
  ];
  const scenarios = [toolBan(c)];

  it('values a domestic fab at almost nothing while its tools are withheld, and a lot with them', () => {
    const ev = new PortfolioEvaluator(c, projects, scenarios, chn);
    const none = ev.objective([]);
    const fab = none - ev.objective([0]);
    const tools = none - ev.objective([1]);
    const both = none - ev.objective([0, 1]);
    expect(fab).toBeLessThan(1e-6);
    expect(tools).toBeCloseTo(20, 6); // the tools' own output: 100 * 0.2
    expect(both).toBeGreaterThan(10 * (fab + tools));
  });

  it('picks the fab only together with the tools', () => {
    for (const budget of [10, 15, 20, 25]) {
      const plan = planPortfolio(c, { projects, scenarios, perspective: chn, budget }, { solver });
      const hasFab = plan.chosen.includes('fab');
      if (hasFab) expect(plan.chosen).toContain('tools');
      if (budget >= 20) expect(plan.chosen).toEqual(expect.arrayContaining(['fab', 'tools']));
      expect(plan.cost).toBeLessThanOrEqual(budget);
    }
  });

  it('reports loss before and after, cost by year and the frontier', () => {
    const plan = planPortfolio(
      c,
      { projects, scenarios, perspective: chn, budget: 20 },
      { solver, frontier: true },
    );
    expect(plan.lossBefore).toBeCloseTo(0, 9);
    // Fab output 5000 * 0.1 at nearly full level (CHN's tools are shared fairly with other
    // buyers) plus the tools' own 100 * 0.2.
    expect(plan.lossAfter).toBeLessThan(-450);
    expect(plan.costByYear).toEqual([{ year: 1, cost: 20 }]);
    expect(plan.iterations).toBeGreaterThan(0);
    const losses = plan.frontier.map((f) => f.loss);
    for (let q = 1; q < losses.length; q++) expect(losses[q]).toBeLessThanOrEqual(losses[q - 1]!);
    expect(plan.frontier.at(-1)!.chosen.sort()).toEqual(['fab', 'resist', 'tools']);
  });

  it('rejects a budget below every project with a clear message', () => {
    expect(() =>
      planPortfolio(c, { projects, scenarios, perspective: chn, budget: 4 }, { solver }),
    ).toThrow(PlanInfeasibleError);
    expect(() =>
      planPortfolio(c, { projects, scenarios, perspective: chn, budget: 4 }, { solver }),
    ).toThrow(/below the cost of every project: the cheapest, resist, costs 5 USD/);
  });

  it('respects precedence, exclusive groups and the per-year budget', () => {
    const ps = [
      project(c, 'tools', 'tool', 0.2, 10, { years: 2 }),
      project(c, 'fab', 'chip', 0.1, 10, { requires: [0], years: 2 }),
      project(c, 'resist-a', 'resist', 0.1, 5, { exclusiveGroup: 'resist' }),
      project(c, 'resist-b', 'resist', 0.2, 6, { exclusiveGroup: 'resist' }),
    ];
    expect(Array.from(startYears(ps))).toEqual([1, 3, 1, 1]);
    expect(Array.from(yearlyCosts(ps).byYear[1]!)).toEqual([0, 0, 5, 5]);
    const plan = planPortfolio(
      c,
      { projects: ps, scenarios, perspective: chn, budget: 100, perYear: 11 },
      { solver },
    );
    expect(plan.chosen.sort()).toEqual(['fab', 'resist-b', 'tools']);
    expect(plan.costByYear).toEqual([
      { year: 1, cost: 11 },
      { year: 2, cost: 5 },
      { year: 3, cost: 5 },
      { year: 4, cost: 5 },
    ]);
    expect(plan.projects.find((p) => p.id === 'fab')).toMatchObject({ startYear: 3, endYear: 4 });
  });

  it('supports the worst-case objective', () => {
    const calm: PlanScenario = { id: 'calm', diff: emptyDiff(c), weight: 1 };
    const plan = planPortfolio(
      c,
      {
        projects,
        scenarios: [calm, ...scenarios],
        perspective: chn,
        budget: 20,
        objective: 'worst',
      },
      { solver },
    );
    // In the worst scenario (the ban) only domestic tools let the fab run.
    expect(plan.chosen.sort()).toEqual(['fab', 'tools']);
    expect(plan.lossAfter).toBeCloseTo(Math.max(...plan.scenarios.map((s) => s.lossAfter)), 9);
  });
});

describe('planPortfolio against brute-force enumeration', () => {
  it.each([
    [1, 9],
    [2, 10],
    [3, 12],
    [7, 15],
    [15, 15],
  ])('seed %i, %i projects: the same evaluated objective', (seed, n) => {
    const { c, scenarios, projects, budget } = randomCase(seed, n);
    const chn = resolvePerspective(c, 'CHN');
    const plan = planPortfolio(c, { projects, scenarios, perspective: chn, budget }, { solver });
    const ev = new PortfolioEvaluator(c, projects, scenarios, chn);
    const exact = bruteForce(ev, projects, budget);
    expect(plan.lossAfter).toBeCloseTo(exact.value, 6);
  });

  it('seed 4, 12 projects: a known gap of 0.14% of the baseline loss, explained', () => {
    // The planner is a heuristic: the MIP is exact for the linearized loss, and the exact
    // local search tries single adds with up to two drops. Here the optimum differs from the
    // planner's portfolio by a move that neither step sees (the loss of chip capacity is not
    // separable: new fabs compete for the same scarce domestic tools, so each one's estimated
    // gain overstates what two of them add together). Enumeration is exponential, so the
    // planner cannot fall back on it beyond toy sizes; the gap is bounded here instead.
    const { c, scenarios, projects, budget } = randomCase(4, 12);
    const chn = resolvePerspective(c, 'CHN');
    const plan = planPortfolio(c, { projects, scenarios, perspective: chn, budget }, { solver });
    const ev = new PortfolioEvaluator(c, projects, scenarios, chn);
    const exact = bruteForce(ev, projects, budget);
    const gap = (plan.lossAfter - exact.value) / plan.lossBefore;
    expect(gap).toBeGreaterThanOrEqual(0);
    expect(gap).toBeLessThan(0.005);
  });
});

describe('planSteps: equilibria solved elsewhere', () => {
  it.each([
    [3, 12],
    [7, 15],
  ])('seed %i, %i projects: every equilibrium announced, the same plan', (seed, n) => {
    const { c, scenarios, projects, budget } = randomCase(seed, n);
    const chn = resolvePerspective(c, 'CHN');
    const input = { projects, scenarios, perspective: chn, budget };
    const local = planPortfolio(c, input, { solver, frontier: true });
    // What a distributed worker does: one portfolioLoss per (portfolio, scenario).
    const demand = computeDemand(c);
    const steps = planSteps(c, input, { solver, frontier: true });
    let provided = 0;
    let requests = 0;
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) {
        expect(step.value).toEqual(local);
        break;
      }
      requests++;
      expect(step.value.scenarios).toBe(scenarios.length);
      for (const portfolio of step.value.portfolios) {
        const shocks = portfolioShocks(c, projects, portfolio);
        const losses = Float64Array.from(scenarios, (s) =>
          portfolioLoss(c, shocks, s.diff, chn, demand),
        );
        step.value.provide(portfolio, losses);
        provided += scenarios.length;
      }
    }
    // Nothing was solved by the planner itself, and nothing announced went unused.
    expect(provided).toBe(local.equilibria);
    expect(requests).toBeGreaterThan(2);
  });
});
