/**
 * The planner's loss of a portfolio (MODEL.md §6), evaluated with the full equilibrium.
 *
 * A portfolio adds, for each project, a build shock on (item, country) with its expected
 * capacity, `capacity * pSuccess` (a certainty equivalent; see docs/planning.md for what this
 * leaves out). Under scenario s the perspective's **net value at risk** is
 *
 *   `L_s = sum_i V[i] * s[i][m] * (1 - x[i][m])  -  sum_i V[i] * added[i][m] * (1 - outage[i][m]) * x[i][m]`
 *
 * over the perspective's members m: the value at risk of its existing capacity (MODEL.md §3)
 * minus what the new capacity produces in that scenario. With no project it is the value at
 * risk; it can fall below zero when new capacity produces more than the scenario destroys.
 * New capacity is part of the node (i, m), so it runs at the node's level x: a fab built while
 * its tools are withheld adds almost nothing. Derived categories are left out, as in outputs.ts.
 *
 * The objective over scenarios is the weighted mean (`expected`) or the maximum (`worst`).
 * Results are cached by portfolio: the planner asks for the same portfolios many times.
 */
import type { CompiledDataset } from '../compile.js';
import type { DemandTable } from '../equilibrium/demand.js';
import { computeDemand } from '../equilibrium/demand.js';
import type { ScenarioDiff, Shock } from '../equilibrium/scenario-diff.js';
import { build, scenarioDiff } from '../equilibrium/scenario-diff.js';
import type { EquilibriumResult } from '../equilibrium/solve.js';
import { solveEquilibrium } from '../equilibrium/solve.js';
import { variantStructure } from '../equilibrium/variants.js';
import type { Perspective } from '../perspective.js';
import type { Project } from './project.js';

export type PlanObjective = 'expected' | 'worst';

export interface PlanScenario {
  id: string;
  diff: ScenarioDiff;
  /** Weights are normalized to sum to 1 by the evaluator. */
  weight: number;
}

/** Net value at risk of the perspective (see the module header). */
export function netValueAtRisk(
  c: CompiledDataset,
  r: EquilibriumResult,
  p: Perspective,
  derived: Uint8Array = variantStructure(c).derived,
): number {
  const nC = c.nCountries;
  let loss = 0;
  for (let i = 0; i < c.nItems; i++) {
    if (derived[i]) continue;
    const v = c.marketSize[i]!;
    for (const m of p.members) {
      const q = i * nC + m;
      const x = r.x[q]!;
      loss += v * c.share[q]! * (1 - x);
      const added = r.diff.added[q]!;
      if (added > 0) loss -= v * added * (1 - r.diff.outage[q]!) * x;
    }
  }
  return loss;
}

/** The build shocks of a portfolio (project indices, ascending). */
export function portfolioShocks(
  c: CompiledDataset,
  projects: readonly Project[],
  sorted: readonly number[],
): Shock[] {
  const shocks: Shock[] = [];
  for (const q of sorted) {
    const pr = projects[q];
    if (!pr) throw new RangeError(`no project ${q}`);
    const cap = pr.capacity * pr.pSuccess;
    if (cap > 0) shocks.push(build(c, { item: pr.item, country: pr.country, capacity: cap }));
  }
  return shocks;
}

/**
 * One equilibrium of the planner: the net value at risk under scenario `base` with the
 * portfolio's `shocks` added. The evaluator and distributed workers both call this.
 */
export function portfolioLoss(
  c: CompiledDataset,
  shocks: readonly Shock[],
  base: ScenarioDiff,
  p: Perspective,
  demand: DemandTable,
  derived: Uint8Array = variantStructure(c).derived,
): number {
  const diff = shocks.length ? scenarioDiff(c, shocks, { base }) : base;
  return netValueAtRisk(c, solveEquilibrium(c, diff, { demand }), p, derived);
}

export class PortfolioEvaluator {
  /** Equilibria solved so far (cache misses times scenarios). */
  solves = 0;
  readonly weights: Float64Array;
  private readonly cache = new Map<string, Float64Array>();
  private readonly demand: DemandTable;
  private readonly derived: Uint8Array;

  constructor(
    readonly c: CompiledDataset,
    readonly projects: readonly Project[],
    readonly scenarios: readonly PlanScenario[],
    readonly perspective: Perspective,
    readonly objectiveKind: PlanObjective = 'expected',
    demand?: DemandTable,
  ) {
    if (scenarios.length === 0) throw new RangeError('the planner needs at least one scenario');
    let sum = 0;
    for (const s of scenarios) {
      if (!(s.weight >= 0) || !Number.isFinite(s.weight))
        throw new RangeError(`scenario ${s.id}: weight ${s.weight} must be a number >= 0`);
      sum += s.weight;
    }
    if (!(sum > 0)) throw new RangeError('scenario weights sum to 0');
    this.weights = Float64Array.from(scenarios, (s) => s.weight / sum);
    this.demand = demand ?? computeDemand(c);
    this.derived = variantStructure(c).derived;
  }

  /** The cache key of a portfolio: its distinct project indices, ascending. */
  static normalize(portfolio: readonly number[]): number[] {
    return [...new Set(portfolio)].sort((a, b) => a - b);
  }

  /** Whether the losses of `portfolio` are known (cached or provided). */
  has(portfolio: readonly number[]): boolean {
    return this.cache.has(PortfolioEvaluator.normalize(portfolio).join(','));
  }

  /**
   * Losses of `portfolio` computed elsewhere (`portfolioLoss` per scenario, e.g. on distributed
   * workers); counted in `solves` as if solved here. Ignored when already known.
   */
  provide(portfolio: readonly number[], losses: Float64Array): void {
    if (losses.length !== this.scenarios.length)
      throw new RangeError(`${losses.length} losses for ${this.scenarios.length} scenarios`);
    const key = PortfolioEvaluator.normalize(portfolio).join(',');
    if (this.cache.has(key)) return;
    this.solves += this.scenarios.length;
    this.cache.set(key, losses);
  }

  /** Net value at risk per scenario of a portfolio (project indices, any order). */
  losses(portfolio: readonly number[]): Float64Array {
    const sorted = PortfolioEvaluator.normalize(portfolio);
    const key = sorted.join(',');
    const hit = this.cache.get(key);
    if (hit) return hit;
    const shocks = portfolioShocks(this.c, this.projects, sorted);
    const out = new Float64Array(this.scenarios.length);
    this.scenarios.forEach((s, q) => {
      out[q] = portfolioLoss(this.c, shocks, s.diff, this.perspective, this.demand, this.derived);
      this.solves++;
    });
    this.cache.set(key, out);
    return out;
  }

  /** The objective of per-scenario losses: weighted mean or maximum. */
  objectiveOf(losses: Float64Array): number {
    if (this.objectiveKind === 'worst') {
      let worst = -Infinity;
      for (const l of losses) worst = Math.max(worst, l);
      return worst;
    }
    let sum = 0;
    for (let q = 0; q < losses.length; q++) sum += this.weights[q]! * losses[q]!;
    return sum;
  }

  objective(portfolio: readonly number[]): number {
    return this.objectiveOf(this.losses(portfolio));
  }
}
