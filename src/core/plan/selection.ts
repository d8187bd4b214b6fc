/**
 * The selection step of the planner (MODEL.md §6) as a mixed-integer program, independent of
 * the solver that solves it (src/solver/ adapts HiGHS; the core may not import it).
 *
 * Binary `x_p` per project. Each scenario's loss is linearized around the current portfolio:
 * `L_s(x) ~ C_s - sum_p g[s][p] x_p`. Objective: minimize `sum_s w_s L_s(x)` (expected), or a
 * free variable `t` with `t >= L_s(x)` for every s (worst case). Constraints:
 * - total budget: `sum_p cost_p x_p <= budget`;
 * - per year (optional): `sum_p cost[p][y] x_p <= perYear` for every year y;
 * - precedence: `x_p <= x_q` for every q that p requires;
 * - exclusive groups: `sum_{p in group} x_p <= 1`.
 * The empty portfolio is always feasible.
 */
import type { PlanObjective } from './evaluate.js';

export interface SelectionProblem {
  objective: PlanObjective;
  /** gains[s][p]: estimated loss reduction in scenario s from choosing p. */
  gains: readonly Float64Array[];
  /** constants[s]: the linearized loss of scenario s with nothing chosen. */
  constants: Float64Array;
  /** Scenario weights summing to 1 (expected objective). */
  weights: Float64Array;
  costs: Float64Array;
  budget: number;
  /** Per-year limit and each project's spending by year (`byYear[p][y - 1]`). */
  perYear?: { limit: number; byYear: readonly Float64Array[] } | undefined;
  requires: readonly (readonly number[])[];
  exclusive: readonly (readonly number[])[];
}

export type SelectionStatus = 'optimal' | 'infeasible' | 'error';

export interface SelectionResult {
  status: SelectionStatus;
  /** Chosen project indices, ascending. */
  chosen: number[];
  /** Solver message for anything but `optimal`. */
  message?: string | undefined;
}

/** Solves a selection problem synchronously (so it can run inside a worker). */
export type SelectionSolver = (problem: SelectionProblem) => SelectionResult;

/** Does a portfolio satisfy the constraints? (Tolerance: 1e-9 of the limit.) */
export function isFeasible(problem: SelectionProblem, chosen: readonly number[]): boolean {
  const on = new Uint8Array(problem.costs.length);
  for (const p of chosen) on[p] = 1;
  let cost = 0;
  for (const p of chosen) cost += problem.costs[p]!;
  if (cost > problem.budget * (1 + 1e-9)) return false;
  if (problem.perYear) {
    const { limit, byYear } = problem.perYear;
    const years = byYear[0]?.length ?? 0;
    for (let y = 0; y < years; y++) {
      let spend = 0;
      for (const p of chosen) spend += byYear[p]![y]!;
      if (spend > limit * (1 + 1e-9)) return false;
    }
  }
  for (const p of chosen) for (const q of problem.requires[p]!) if (!on[q]) return false;
  for (const g of problem.exclusive) {
    let k = 0;
    for (const p of g) k += on[p]!;
    if (k > 1) return false;
  }
  return true;
}

/** The linearized objective of a portfolio (what the MIP minimizes). */
export function linearObjective(problem: SelectionProblem, chosen: readonly number[]): number {
  const per = problem.gains.map((g, s) => {
    let l = problem.constants[s]!;
    for (const p of chosen) l -= g[p]!;
    return l;
  });
  if (problem.objective === 'worst') return Math.max(...per);
  return per.reduce((sum, l, s) => sum + problem.weights[s]! * l, 0);
}

/**
 * Exhaustive search over all 2^n portfolios (n <= 20): a reference for tests of the solver
 * adapters. Ties go to the cheaper portfolio, then the one found first.
 */
export function bruteForceSelection(problem: SelectionProblem): SelectionResult {
  const n = problem.costs.length;
  if (n > 20) throw new RangeError(`brute force is for at most 20 projects, not ${n}`);
  let best: number[] = [];
  let bestValue = linearObjective(problem, best);
  let bestCost = 0;
  for (let mask = 1; mask < 1 << n; mask++) {
    const chosen: number[] = [];
    let cost = 0;
    for (let p = 0; p < n; p++) {
      if (mask & (1 << p)) {
        chosen.push(p);
        cost += problem.costs[p]!;
      }
    }
    if (!isFeasible(problem, chosen)) continue;
    const v = linearObjective(problem, chosen);
    const tol = 1e-9 * Math.max(1, Math.abs(bestValue));
    if (v < bestValue - tol || (v <= bestValue + tol && cost < bestCost)) {
      best = chosen;
      bestValue = v;
      bestCost = cost;
    }
  }
  return { status: 'optimal', chosen: best };
}
