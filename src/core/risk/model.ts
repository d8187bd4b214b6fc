/**
 * Risk models (MODEL.md §5): independent events, each with a probability and the shocks that
 * happen together when it occurs. Shocks use the scenario syntax (core/scenario.ts), so a risk
 * model is a set of scenarios with probabilities.
 */
import type { CompiledDataset } from '../compile.js';
import type { ScenarioDiff } from '../equilibrium/scenario-diff.js';
import type { Reallocation, Scenario, ScenarioProblem, Shock } from '../scenario.js';
import { resolveScenario } from '../scenario.js';

export interface RiskEvent {
  id: string;
  name?: string | undefined;
  /** 0..1: the chance that the event occurs in a run, independently of the others. */
  probability: number;
  /** Shocks that happen together when the event occurs. */
  shocks: Shock[];
}

export interface RiskModel {
  id: string;
  name?: string | undefined;
  description?: string | undefined;
  /** The country or bloc the report is written for (a default; the caller may override it). */
  perspective?: string | undefined;
  assumptions: { reallocation: Reallocation };
  events: RiskEvent[];
}

/** Check every event's shocks against the dataset; problems carry `events[e].shocks[n]...` paths. */
export function checkRiskModel(c: CompiledDataset, model: RiskModel): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  model.events.forEach((e, q) => {
    const r = resolveScenario(c, eventScenario(model, [q]));
    for (const p of r.problems) problems.push({ ...p, path: `events[${q}].${p.path}` });
  });
  return problems;
}

/** The scenario made of the shocks of the given events (indices into `model.events`). */
export function eventScenario(model: RiskModel, events: readonly number[]): Scenario {
  return {
    id: model.id,
    assumptions: model.assumptions,
    shocks: events.flatMap((q) => model.events[q]!.shocks),
    sources: [],
  };
}

/** The diff of the scenario in which exactly the given events occur. */
export function diffForEvents(
  c: CompiledDataset,
  model: RiskModel,
  events: readonly number[],
  reallocation?: Reallocation,
): ScenarioDiff {
  const { diff, problems } = resolveScenario(c, eventScenario(model, events), reallocation);
  if (problems.length) {
    throw new RangeError(
      `risk model ${model.id}: ${problems[0]!.path}: ${problems[0]!.message} (check it with checkRiskModel first)`,
    );
  }
  return diff;
}
