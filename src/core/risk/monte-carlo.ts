/**
 * Monte Carlo risk (MODEL.md §5): draw N scenarios from a risk model with a seeded generator,
 * run the capability equilibrium on each, and summarize the distribution of the perspective's
 * capability index and value at risk (mean, p5/p50/p95, CVaR 95%; stats.ts), per area, and
 * each event's contribution: the mean loss in runs where it occurred minus where it did not.
 *
 * The work splits into three pure steps so that a worker pool (or an HTTP job) can run the
 * middle one anywhere and still produce the same bytes:
 * 1. `drawRuns` (draw.ts): which events occur in each run, and the distinct sets of events;
 * 2. `evaluateEvents`: one equilibrium per distinct set (the expensive part, cached by set);
 * 3. `aggregateRisk`: statistics over the runs, always in run order.
 * `runRisk` does all three on the calling thread.
 */
import type { CompiledDataset } from '../compile.js';
import type { DemandTable } from '../equilibrium/demand.js';
import { computeDemand } from '../equilibrium/demand.js';
import { perspectiveOutputs } from '../equilibrium/outputs.js';
import { solveEquilibrium } from '../equilibrium/solve.js';
import { variantStructure } from '../equilibrium/variants.js';
import type { Perspective } from '../perspective.js';
import type { Reallocation } from '../scenario.js';
import type { RunControl } from './cancel.js';
import { checkCancelled } from './cancel.js';
import type { RunDraws } from './draw.js';
import { drawRuns } from './draw.js';
import type { RiskModel } from './model.js';
import { diffForEvents } from './model.js';
import type { Distribution } from './stats.js';
import { summarize } from './stats.js';

/** What one equilibrium gives the Monte Carlo. */
export interface RunOutcome {
  valueAtRisk: number;
  capabilityIndex: number;
  /** Indexed like `c.areaIds`. */
  valueAtRiskByArea: Float64Array;
  converged: boolean;
}

export interface RiskContext {
  readonly c: CompiledDataset;
  readonly model: RiskModel;
  readonly perspective: Perspective;
  readonly demand: DemandTable;
  /** Overrides the model's `assumptions.reallocation` when set. */
  readonly reallocation: Reallocation | undefined;
}

export function createRiskContext(
  c: CompiledDataset,
  model: RiskModel,
  perspective: Perspective,
  reallocation?: Reallocation,
): RiskContext {
  return { c, model, perspective, demand: computeDemand(c), reallocation };
}

/** The equilibrium of the scenario in which exactly `events` occur. */
export function evaluateEvents(ctx: RiskContext, events: readonly number[]): RunOutcome {
  const diff = diffForEvents(ctx.c, ctx.model, events, ctx.reallocation);
  const r = solveEquilibrium(ctx.c, diff, { demand: ctx.demand });
  const o = perspectiveOutputs(ctx.c, r, ctx.perspective);
  return {
    valueAtRisk: o.valueAtRisk,
    capabilityIndex: o.capabilityIndex,
    valueAtRiskByArea: o.valueAtRiskByArea,
    converged: r.converged,
  };
}

export interface RiskOptions extends RunControl {
  runs: number;
  seed: number;
  reallocation?: Reallocation | undefined;
}

export interface AreaRisk {
  area: string;
  /** The perspective's baseline production value in the area. */
  baselineValue: number;
  valueAtRisk: Distribution;
  capabilityIndex: Distribution;
}

export interface Contribution {
  /** The event id. */
  shock: string;
  /** Runs in which the event occurred. */
  runsWith: number;
  /** Mean value at risk over those runs; null when the event never occurred. */
  meanLossWith: number | null;
  /** Mean value at risk over the other runs; null when the event always occurred. */
  meanLossWithout: number | null;
  /** meanLossWith - meanLossWithout; null when either is. */
  delta: number | null;
}

export interface RiskReport {
  perspective: string;
  riskModel: string;
  reallocation: Reallocation;
  runs: number;
  seed: number;
  /** Distinct sets of events drawn: the equilibria actually solved. */
  distinctScenarios: number;
  /** Runs whose equilibrium did not converge (reported, never hidden). */
  notConverged: number;
  baselineValue: number;
  capabilityIndex: Distribution;
  valueAtRisk: Distribution;
  byArea: AreaRisk[];
  events: { id: string; probability: number; frequency: number }[];
  contributions: Contribution[];
  /** Runs per value-at-risk bin: 20 equal bins from 0 to the largest loss (USD). */
  histogram: HistogramBin[];
}

export interface HistogramBin {
  from: number;
  to: number;
  runs: number;
}

/** `bins` equal-width bins over [0, max]; a run equal to a bin's upper edge counts in it. */
export function histogram(values: Float64Array, bins = 20): HistogramBin[] {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  if (!(max > 0)) return [{ from: 0, to: 0, runs: values.length }];
  const width = max / bins;
  const counts = new Int32Array(bins);
  for (const v of values) counts[Math.min(bins - 1, Math.max(0, Math.ceil(v / width) - 1))]!++;
  return Array.from(counts, (runs, q) => ({ from: q * width, to: (q + 1) * width, runs }));
}

/** The draws of a run (step 1). */
export function drawRiskRuns(model: RiskModel, runs: number, seed: number): RunDraws {
  return drawRuns(
    model.events.map((e) => e.probability),
    runs,
    seed,
  );
}

/** Per area, the perspective's baseline production value (derived categories left out). */
export function baselineByArea(c: CompiledDataset, p: Perspective): Float64Array {
  const vs = variantStructure(c);
  const out = new Float64Array(c.areaIds.length);
  for (let i = 0; i < c.nItems; i++) {
    if (vs.derived[i]) continue;
    for (const m of p.members)
      out[c.itemArea[i]!]! += c.marketSize[i]! * c.share[i * c.nCountries + m]!;
  }
  return out;
}

/** Statistics over the runs (step 3); `outcomes[s]` is the outcome of `draws.distinct[s]`. */
export function aggregateRisk(
  c: CompiledDataset,
  model: RiskModel,
  perspective: Perspective,
  draws: RunDraws,
  outcomes: readonly RunOutcome[],
  seed: number,
  reallocation?: Reallocation,
): RiskReport {
  const n = draws.runs;
  const nE = draws.nEvents;
  const nA = c.areaIds.length;
  const varRuns = new Float64Array(n);
  const ciRuns = new Float64Array(n);
  const areaRuns = Array.from({ length: nA }, () => new Float64Array(n));
  let notConverged = 0;
  for (let r = 0; r < n; r++) {
    const o = outcomes[draws.subsetOf[r]!];
    if (!o) throw new RangeError(`no outcome for the scenario of run ${r}`);
    varRuns[r] = o.valueAtRisk;
    ciRuns[r] = o.capabilityIndex;
    for (let a = 0; a < nA; a++) areaRuns[a]![r] = o.valueAtRiskByArea[a]!;
    if (!o.converged) notConverged++;
  }
  const base = baselineByArea(c, perspective);
  let baselineValue = 0;
  for (let a = 0; a < nA; a++) baselineValue += base[a]!;
  const byArea: AreaRisk[] = [];
  for (let a = 0; a < nA; a++) {
    if (!(base[a]! > 0)) continue;
    const b = base[a]!;
    const ci = areaRuns[a]!.map((v) => (b - v) / b);
    byArea.push({
      area: c.areaIds[a]!,
      baselineValue: b,
      valueAtRisk: summarize(areaRuns[a]!, 'loss'),
      capabilityIndex: summarize(ci, 'gain'),
    });
  }
  const events = model.events.map((e, q) => {
    let count = 0;
    for (let r = 0; r < n; r++) count += draws.occurred[r * nE + q]!;
    return { id: e.id, probability: e.probability, frequency: count / n };
  });
  const contributions = model.events.map((e, q): Contribution => {
    let sumWith = 0;
    let sumWithout = 0;
    let nWith = 0;
    for (let r = 0; r < n; r++) {
      if (draws.occurred[r * nE + q]) {
        sumWith += varRuns[r]!;
        nWith++;
      } else sumWithout += varRuns[r]!;
    }
    const withMean = nWith > 0 ? sumWith / nWith : null;
    const withoutMean = nWith < n ? sumWithout / (n - nWith) : null;
    return {
      shock: e.id,
      runsWith: nWith,
      meanLossWith: withMean,
      meanLossWithout: withoutMean,
      delta: withMean !== null && withoutMean !== null ? withMean - withoutMean : null,
    };
  });
  return {
    perspective: perspective.id,
    riskModel: model.id,
    reallocation: reallocation ?? model.assumptions.reallocation,
    runs: n,
    seed,
    distinctScenarios: draws.distinct.length,
    notConverged,
    baselineValue,
    capabilityIndex: summarize(ciRuns, 'gain'),
    valueAtRisk: summarize(varRuns, 'loss'),
    byArea,
    events,
    contributions,
    histogram: histogram(varRuns),
  };
}

/** The whole Monte Carlo on the calling thread; progress counts distinct equilibria. */
export function runRisk(
  c: CompiledDataset,
  model: RiskModel,
  perspective: Perspective,
  options: RiskOptions,
): RiskReport {
  const draws = drawRiskRuns(model, options.runs, options.seed);
  const ctx = createRiskContext(c, model, perspective, options.reallocation);
  const outcomes: RunOutcome[] = [];
  const total = draws.distinct.length;
  for (let s = 0; s < total; s++) {
    checkCancelled(options, 'the Monte Carlo run');
    outcomes.push(evaluateEvents(ctx, draws.distinct[s]!));
    options.onProgress?.(s + 1, total);
  }
  return aggregateRisk(c, model, perspective, draws, outcomes, options.seed, options.reallocation);
}
