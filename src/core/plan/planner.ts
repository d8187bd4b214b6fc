/**
 * The investment planner (MODEL.md §6): choose the portfolio of build projects that minimizes
 * the perspective's loss (evaluate.ts) within a budget, by iterated linearization:
 *
 * 1. Around the current portfolio P, estimate each project's marginal gain with the full
 *    equilibrium: for p outside P, `L(P) - L(P + closure(p))` less the gains already
 *    credited to the prerequisites it pulls in (so choosing p with its prerequisites is
 *    credited exactly what the equilibrium says); for p in P, `L(P - p) - L(P)`.
 * 2. Solve the selection MIP (selection.ts) on those gains with the solver passed in (HiGHS).
 * 3. Re-evaluate the chosen portfolio with the full equilibrium (portfolio benefits are not
 *    additive: a fab is worth little without its tools), keep the best portfolio seen, and
 *    repeat from the new portfolio until it comes back unchanged (stable) or repeats a
 *    portfolio seen before, or `maxIterations` is reached.
 *
 * Complements that no project declares in `requires` (a fab and the tool project that feeds
 * it) look worthless one at a time around the empty portfolio. So the loop runs from two
 * starting points: the empty portfolio and the portfolio of every project, where each
 * project's gain is measured with all its possible complements present. The answer is the
 * best portfolio found from either; `iterations` counts MIP solves over both.
 *
 * The whole computation is synchronous and pure: an HTTP job runs it in a worker thread with
 * a synchronous solver, `onProgress` and `isCancelled`. `planSteps` is the same computation as
 * a generator that announces, before each group of independent evaluations (the gains around
 * a portfolio, a local-search pass, ...), the portfolios it is about to evaluate, so a caller
 * can solve their equilibria elsewhere (distributed workers) and hand the losses back.
 */
import type { CompiledDataset } from '../compile.js';
import type { DemandTable } from '../equilibrium/demand.js';
import type { Perspective } from '../perspective.js';
import type { RunControl } from '../risk/cancel.js';
import { checkCancelled } from '../risk/cancel.js';
import type { PlanObjective, PlanScenario } from './evaluate.js';
import { PortfolioEvaluator } from './evaluate.js';
import type { Project } from './project.js';
import { requiresClosure, startYears, yearlyCosts } from './project.js';
import type { SelectionProblem, SelectionSolver } from './selection.js';
import { isFeasible as feasible } from './selection.js';

export interface PlanInput {
  projects: readonly Project[];
  scenarios: readonly PlanScenario[];
  perspective: Perspective;
  /** Total budget, USD. */
  budget: number;
  /** Per-year budget, USD (optional). */
  perYear?: number | undefined;
  /** Default `expected`. */
  objective?: PlanObjective | undefined;
}

export interface PlanOptions extends RunControl {
  solver: SelectionSolver;
  /** MIP solves per starting point. Default 8. */
  maxIterations?: number | undefined;
  /**
   * Projects outside the portfolio tried by the exact local search in each pass, those with
   * the largest estimated gain per cost. Default 16.
   */
  polishCandidates?: number | undefined;
  /** Budgets for the frontier; `true` for the default set (docs/planning.md). */
  frontier?: boolean | readonly number[] | undefined;
  /** Precomputed demand, reused across calls. */
  demand?: DemandTable | undefined;
}

export const PLAN_DEFAULTS = {
  maxIterations: 8,
  frontierPoints: 8,
  polishCandidates: 16,
  pairMoveLimit: 4000,
} as const;

export interface PlannedProject {
  id: string;
  /** First and last year of spending (1-based). */
  startYear: number;
  endYear: number;
  cost: number;
  /** Loss reduction from this project given the rest of the chosen portfolio (objective units). */
  marginalGain: number;
}

export interface FrontierPoint {
  budget: number;
  loss: number;
  cost: number;
  chosen: string[];
}

export interface PlanResult {
  perspective: string;
  objective: PlanObjective;
  budget: number;
  perYear: number | null;
  scenarios: { id: string; weight: number; lossBefore: number; lossAfter: number }[];
  chosen: string[];
  projects: PlannedProject[];
  cost: number;
  costByYear: { year: number; cost: number }[];
  lossBefore: number;
  lossAfter: number;
  /** MIP solves (over both starting points). */
  iterations: number;
  /** True when some starting point ended on a portfolio that reproduced itself. */
  stable: boolean;
  /** Equilibria solved. */
  equilibria: number;
  frontier: FrontierPoint[];
}

export class PlanInfeasibleError extends Error {
  override readonly name = 'PlanInfeasibleError';
}

/**
 * What `planSteps` yields: the portfolios (ascending project indices, not yet known to the
 * evaluator) whose losses the planner evaluates next. Call `provide` with each one's losses
 * (`portfolioLoss` per scenario, in scenario order) before resuming, or resume without: the
 * planner then solves them itself.
 */
export interface PortfolioRequest {
  portfolios: number[][];
  /** Number of scenarios, the length of each portfolio's losses. */
  scenarios: number;
  provide(portfolio: readonly number[], losses: Float64Array): void;
}

interface Best {
  chosen: number[];
  value: number;
  cost: number;
}

/** Plan a portfolio; throws PlanInfeasibleError when no project fits the budget. */
export function planPortfolio(
  c: CompiledDataset,
  input: PlanInput,
  options: PlanOptions,
): PlanResult {
  const steps = planSteps(c, input, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `planPortfolio` step by step: yields before each group of evaluations (PortfolioRequest),
 * returns the plan. The result is the same whoever solves the requested equilibria.
 */
export function* planSteps(
  c: CompiledDataset,
  input: PlanInput,
  options: PlanOptions,
): Generator<PortfolioRequest, PlanResult, void> {
  const { projects, perspective } = input;
  const objective = input.objective ?? 'expected';
  const maxIterations = options.maxIterations ?? PLAN_DEFAULTS.maxIterations;
  const polishCandidates = options.polishCandidates ?? PLAN_DEFAULTS.polishCandidates;
  const n = projects.length;
  if (n === 0) throw new PlanInfeasibleError('there are no candidate projects');
  if (!(input.budget >= 0)) throw new PlanInfeasibleError(`budget ${input.budget} must be >= 0`);
  const start = startYears(projects);
  const { horizon, byYear } = yearlyCosts(projects, start);
  const costs = Float64Array.from(projects, (p) => p.cost);
  const closures = projects.map((_, p) => requiresClosure(projects, p));
  checkAffordable(input, closures, costs, byYear, horizon);

  const ev = new PortfolioEvaluator(
    c,
    projects,
    input.scenarios,
    perspective,
    objective,
    options.demand,
  );
  const groups = new Map<string, number[]>();
  projects.forEach((p, q) => {
    if (p.exclusiveGroup)
      groups.set(p.exclusiveGroup, [...(groups.get(p.exclusiveGroup) ?? []), q]);
  });
  const exclusive = [...groups.values()].filter((g) => g.length > 1);
  const requires = projects.map((p) => p.requires);
  // Prerequisites before dependents, for crediting gains (step 1).
  const order = [...projects.keys()].sort((a, b) => closures[a]!.length - closures[b]!.length);
  let iterations = 0;
  let stable = false;
  // The latest linearized gain of each project (weighted over scenarios), for ranking.
  const lastGain = new Float64Array(n);
  let progress = 0;

  /** Announce the portfolios evaluated next (those not known yet, each once). */
  const prefetch = function* (portfolios: readonly (readonly number[])[]) {
    const seen = new Set<string>();
    const wanted: number[][] = [];
    for (const portfolio of portfolios) {
      const sorted = PortfolioEvaluator.normalize(portfolio);
      const key = sorted.join(',');
      if (seen.has(key) || ev.has(sorted)) continue;
      seen.add(key);
      wanted.push(sorted);
    }
    if (wanted.length)
      yield {
        portfolios: wanted,
        scenarios: input.scenarios.length,
        provide: (portfolio: readonly number[], losses: Float64Array) =>
          ev.provide(portfolio, losses),
      };
  };

  const optimize = function* (
    budget: number,
    perYear: number | undefined,
  ): Generator<PortfolioRequest, Best, void> {
    yield* prefetch([[]]);
    const empty = ev.objective([]);
    let best: Best = { chosen: [], value: empty, cost: 0 };
    const consider = (chosen: number[]) => {
      const value = ev.objective(chosen);
      const cost = chosen.reduce((s, p) => s + costs[p]!, 0);
      const tol = 1e-9 * Math.max(1, Math.abs(best.value));
      if (value < best.value - tol || (value <= best.value + tol && cost < best.cost)) {
        best = { chosen, value, cost };
      }
    };
    const mipLoop = function* (initial: number[]) {
      let ctx: number[] = initial;
      const seen = new Set<string>([ctx.join(',')]);
      for (let it = 0; it < maxIterations; it++) {
        checkCancelled(options, 'the plan');
        const problem = yield* linearize(ctx, budget, perYear);
        iterations++;
        const res = options.solver(problem);
        if (res.status !== 'optimal') {
          throw new PlanInfeasibleError(
            `the MIP solver returned ${res.status}${res.message ? `: ${res.message}` : ''}`,
          );
        }
        const chosen = [...res.chosen].sort((a, b) => a - b);
        yield* prefetch([chosen]);
        consider(chosen);
        const key = chosen.join(',');
        if (key === ctx.join(',')) {
          stable = true;
          break;
        }
        if (seen.has(key)) break;
        seen.add(key);
        ctx = chosen;
      }
    };
    yield* mipLoop([]);
    yield* mipLoop([...projects.keys()]);
    // Exact local search from the best portfolio; when it finds a better one, linearize
    // around that and search again (a few rounds at most).
    for (let round = 0; round < 3; round++) {
      const before = best.value;
      yield* polish(best.chosen, budget, perYear, consider, () => best);
      if (!(best.value < before - 1e-9 * Math.max(1, Math.abs(before)))) break;
      yield* mipLoop(best.chosen);
    }
    return best;
  };

  /**
   * Exact local search: single moves (add a project with its prerequisites, drop one with its
   * dependents, or both) evaluated with the full equilibrium, best improvement first, until
   * none improves. Adds are tried for the `polishCandidates` projects with the largest
   * estimated gain per cost (all of them in small problems).
   */
  const polish = function* (
    from: number[],
    budget: number,
    perYear: number | undefined,
    consider: (chosen: number[]) => void,
    current: () => Best,
  ): Generator<PortfolioRequest, void, void> {
    const limits = {
      objective,
      gains: [],
      constants: new Float64Array(),
      weights: ev.weights,
      costs,
      budget,
      perYear: perYear !== undefined ? { limit: perYear, byYear } : undefined,
      requires,
      exclusive,
    };
    let P = from;
    for (let pass = 0; pass < 20; pass++) {
      checkCancelled(options, 'the plan');
      const inP = new Set(P);
      const outside = [...projects.keys()].filter((p) => !inP.has(p));
      outside.sort(
        (a, b) =>
          lastGain[b]! / (costs[b]! || 1e-300) - lastGain[a]! / (costs[a]! || 1e-300) || a - b,
      );
      const adds = outside.slice(0, polishCandidates);
      // Drop nothing, one project, or (while the pairs stay few) two.
      const drops: number[][] = [[], ...P.map((q) => [q])];
      if (P.length * P.length * adds.length <= PLAN_DEFAULTS.pairMoveLimit) {
        for (let a = 0; a < P.length; a++)
          for (let b = a + 1; b < P.length; b++) drops.push([P[a]!, P[b]!]);
      }
      const startValue = current().value;
      // The pass's moves are independent evaluations: list them, announce them, then
      // consider them in the same order.
      const moves: number[][] = [];
      for (const q of drops) {
        const kept = P.filter((r) => !q.some((d) => closures[r]!.includes(d)));
        if (q.length && feasible(limits, kept)) moves.push(kept);
        for (const p of adds) {
          if (q.includes(p)) continue;
          const next = [...new Set([...kept, ...closures[p]!])].sort((a, b) => a - b);
          if (feasible(limits, next)) moves.push(next);
        }
      }
      yield* prefetch(moves);
      for (const m of moves) consider(m);
      const now = current();
      if (!(now.value < startValue - 1e-9 * Math.max(1, Math.abs(startValue)))) return;
      P = now.chosen;
    }
  };

  const linearize = function* (
    ctx: readonly number[],
    budget: number,
    perYear: number | undefined,
  ): Generator<PortfolioRequest, SelectionProblem, void> {
    const S = input.scenarios.length;
    const inCtx = new Uint8Array(n);
    for (const p of ctx) inCtx[p] = 1;
    // Every portfolio of this linearization is known up front.
    yield* prefetch([
      ctx,
      ...order.map((p) =>
        inCtx[p] ? ctx.filter((q) => q !== p) : [...ctx, ...closures[p]!.filter((q) => !inCtx[q])],
      ),
    ]);
    const base = ev.losses(ctx);
    const gains = Array.from({ length: S }, () => new Float64Array(n));
    const constants = Float64Array.from(base);
    for (const p of order) {
      checkCancelled(options, 'the plan');
      if (inCtx[p]) {
        const without = ev.losses(ctx.filter((q) => q !== p));
        for (let s = 0; s < S; s++) {
          gains[s]![p] = without[s]! - base[s]!;
          constants[s]! += gains[s]![p]!;
        }
      } else {
        const extra = closures[p]!.filter((q) => !inCtx[q]);
        const withP = ev.losses([...ctx, ...extra]);
        for (let s = 0; s < S; s++) {
          let g = base[s]! - withP[s]!;
          for (const q of extra) if (q !== p) g -= gains[s]![q]!;
          gains[s]![p] = g;
        }
      }
      options.onProgress?.(++progress, 0);
    }
    for (let p = 0; p < n; p++) {
      let g = 0;
      for (let s = 0; s < S; s++) g += ev.weights[s]! * gains[s]![p]!;
      lastGain[p] = g;
    }
    return {
      objective,
      gains,
      constants,
      weights: ev.weights,
      costs,
      budget,
      perYear: perYear !== undefined ? { limit: perYear, byYear } : undefined,
      requires,
      exclusive,
    };
  };

  const main = yield* optimize(input.budget, input.perYear);
  const lossBefore = ev.objective([]);
  const frontier: FrontierPoint[] = [];
  if (options.frontier) {
    const budgets = Array.isArray(options.frontier)
      ? [...(options.frontier as readonly number[])]
      : defaultFrontierBudgets(costs, input.budget);
    let prev: Best | undefined;
    for (const b of [...new Set(budgets)].sort((x, y) => x - y)) {
      let best = b === input.budget ? main : yield* optimize(b, input.perYear);
      // A portfolio that fits a smaller budget fits this one: keep the frontier monotone.
      if (prev && prev.value < best.value) best = prev;
      prev = best;
      frontier.push({
        budget: b,
        loss: best.value,
        cost: best.cost,
        chosen: best.chosen.map((p) => projects[p]!.id),
      });
    }
  }
  const rests = main.chosen.map((p) =>
    main.chosen.filter((q) => q !== p && !closures[q]!.includes(p)),
  );
  yield* prefetch([main.chosen, [], ...rests]);
  const after = ev.losses(main.chosen);
  const before = ev.losses([]);
  const planned = main.chosen.map((p, k): PlannedProject => {
    const rest = rests[k]!;
    return {
      id: projects[p]!.id,
      startYear: start[p]!,
      endYear: start[p]! + projects[p]!.years - 1,
      cost: costs[p]!,
      marginalGain: ev.objective(rest) - main.value,
    };
  });
  const spend = new Float64Array(horizon);
  for (const p of main.chosen) for (let y = 0; y < horizon; y++) spend[y]! += byYear[p]![y]!;
  let lastYear = 0;
  spend.forEach((v, y) => (lastYear = v > 0 ? y + 1 : lastYear));
  return {
    perspective: perspective.id,
    objective,
    budget: input.budget,
    perYear: input.perYear ?? null,
    scenarios: input.scenarios.map((s, q) => ({
      id: s.id,
      weight: ev.weights[q]!,
      lossBefore: before[q]!,
      lossAfter: after[q]!,
    })),
    chosen: main.chosen.map((p) => projects[p]!.id),
    projects: planned,
    cost: main.cost,
    costByYear: Array.from(spend.subarray(0, lastYear), (cost, y) => ({ year: y + 1, cost })),
    lossBefore,
    lossAfter: main.value,
    iterations,
    stable,
    equilibria: ev.solves,
    frontier,
  };
}

/** `frontierPoints` budgets evenly up to the cost of every project, plus the given budget. */
export function defaultFrontierBudgets(costs: Float64Array, budget: number): number[] {
  let total = 0;
  for (const x of costs) total += x;
  const k = PLAN_DEFAULTS.frontierPoints;
  const out = Array.from({ length: k }, (_, q) => (total * (q + 1)) / k);
  out.push(budget);
  return out;
}

function checkAffordable(
  input: PlanInput,
  closures: readonly number[][],
  costs: Float64Array,
  byYear: readonly Float64Array[],
  horizon: number,
): void {
  const fmt = (x: number) => `${Math.round(x).toLocaleString('en-US')} USD`;
  let cheapest = -1;
  let cheapestCost = Infinity;
  let fitsYear = false;
  let cheapestYear = Infinity;
  closures.forEach((cl, p) => {
    const total = cl.reduce((s, q) => s + costs[q]!, 0);
    if (total < cheapestCost) {
      cheapestCost = total;
      cheapest = p;
    }
    if (input.perYear !== undefined) {
      let peak = 0;
      for (let y = 0; y < horizon; y++)
        peak = Math.max(
          peak,
          cl.reduce((s, q) => s + byYear[q]![y]!, 0),
        );
      cheapestYear = Math.min(cheapestYear, peak);
      if (peak <= input.perYear * (1 + 1e-9) && total <= input.budget * (1 + 1e-9)) fitsYear = true;
    }
  });
  const name = input.projects[cheapest]!.id;
  if (cheapestCost > input.budget * (1 + 1e-9)) {
    throw new PlanInfeasibleError(
      `the budget ${fmt(input.budget)} is below the cost of every project: the cheapest, ${name}, costs ${fmt(cheapestCost)} with its prerequisites`,
    );
  }
  if (input.perYear !== undefined && !fitsYear) {
    throw new PlanInfeasibleError(
      `the per-year budget ${fmt(input.perYear)} is below what every project spends in its busiest year (the least is ${fmt(cheapestYear)})`,
    );
  }
}
