/**
 * Find and load a scenario named on the command line: a file path, or the id of a scenario in
 * the library folder (`data/scenarios/` beside the dataset, or the bundled one).
 */
import { existsSync } from 'node:fs';
import type { CompiledDataset } from '../core/compile.js';
import type { Reallocation, ScenarioDiff } from '../core/equilibrium/scenario-diff.js';
import type { Scenario } from '../core/scenario.js';
import { resolveScenario } from '../core/scenario.js';
import { closestNames } from '../core/suggest.js';
import { ValidationError } from '../io/issues.js';
import { locateProblems, readScenarioFile } from '../io/read-scenario.js';
import { SCENARIO_FILE, libraryFiles } from '../io/scenario-library.js';
import type { Context } from './context.js';
import { UsageError } from './output.js';

function findScenarioPath(ctx: Context, name: string): string {
  if (existsSync(name)) return name;
  const files = libraryFiles(ctx.datasetPath);
  const hit = files.find(
    (f) => f.endsWith(`/${name}.yaml`) || f.endsWith(`/${name}.yml`) || f.endsWith(`/${name}.json`),
  );
  if (hit) return hit;
  const ids = files.map((f) => f.replace(/^.*\//, '').replace(SCENARIO_FILE, ''));
  const near = closestNames(name, ids);
  throw new UsageError(
    `no scenario file or library scenario "${name}"` +
      (near.length
        ? `; did you mean ${near.map((n) => `"${n}"`).join(', ')}?`
        : '; `chokepoint scenarios` lists the library'),
  );
}

export interface LoadedScenario {
  scenario: Scenario;
  path: string;
  diff: ScenarioDiff;
}

/** Read, check and resolve a scenario against the dataset; every problem names its line. */
export function loadScenario(
  ctx: Context,
  c: CompiledDataset,
  name: string,
  reallocation?: Reallocation,
): LoadedScenario {
  const path = findScenarioPath(ctx, name);
  const parsed = readScenarioFile(path);
  const { diff, problems } = resolveScenario(c, parsed.scenario, reallocation);
  if (problems.length) throw new ValidationError(locateProblems(parsed, problems));
  return { scenario: parsed.scenario, path, diff };
}
