/**
 * The scenario library: scenario files in `scenarios/` inside the dataset folder, beside it,
 * then in the bundled `data/scenarios/`; the first file of a name wins. Each entry is parsed
 * and checked against a compiled dataset. Shared by `chokepoint scenarios` and the API.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CompiledDataset } from '../core/compile.js';
import type { Scenario } from '../core/scenario.js';
import { resolveScenario } from '../core/scenario.js';
import { formatIssue } from './issues.js';
import { locateProblems, parseScenarioText } from './read-scenario.js';

/** The bundled dataset: `data/` at the package root (two levels above src/io or dist/io). */
export const BUNDLED_DATASET = resolve(dirname(fileURLToPath(import.meta.url)), '../../data');

export const SCENARIO_FILE = /\.(ya?ml|json)$/i;

/** Library files, in search order, one per file name. */
export function libraryFiles(datasetPath: string): string[] {
  const dirs = [
    join(datasetPath, 'scenarios'),
    join(dirname(datasetPath), 'scenarios'),
    join(BUNDLED_DATASET, 'scenarios'),
  ];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const d of new Set(dirs)) {
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d).sort()) {
      if (SCENARIO_FILE.test(f) && !seen.has(f)) {
        seen.add(f);
        out.push(join(d, f));
      }
    }
  }
  return out;
}

export interface LibraryFile {
  path: string;
  text: string;
  scenario: Scenario;
  /** Located problems of the file and of its names against the dataset, formatted. */
  problems: string[];
}

/** Every library file, parsed and checked against the dataset. */
export function readLibraryFiles(datasetPath: string, c: CompiledDataset): LibraryFile[] {
  return libraryFiles(datasetPath).map((path) => {
    const text = readFileSync(path, 'utf8');
    const parsed = parseScenarioText(text, basename(path));
    const problems = parsed.syntax
      ? [parsed.syntax]
      : locateProblems(parsed, [
          ...parsed.problems,
          ...resolveScenario(c, parsed.scenario).problems,
        ]);
    return { path, text, scenario: parsed.scenario, problems: problems.map(formatIssue) };
  });
}
