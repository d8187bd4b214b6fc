/**
 * The scenario library: scenario files in `scenarios/` inside the dataset folder, beside it,
 * then the bundled `data/scenarios/` (the same search as `chokepoint scenarios`). Files are
 * read on each request, so an edited library shows without a restart.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CompiledDataset } from '../core/compile.js';
import { resolveScenario } from '../core/scenario.js';
import { formatIssue } from '../io/issues.js';
import { locateProblems, parseScenarioText } from '../io/read-scenario.js';
import type { LibraryEntry } from './api-types.js';

/** The bundled dataset: `data/` at the package root (two levels above src/server or dist/server). */
export const BUNDLED_DATASET = resolve(dirname(fileURLToPath(import.meta.url)), '../../data');

const EXT = /\.(ya?ml|json)$/i;

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
      if (EXT.test(f) && !seen.has(f)) {
        seen.add(f);
        out.push(join(d, f));
      }
    }
  }
  return out;
}

export function readLibrary(datasetPath: string, c: CompiledDataset): LibraryEntry[] {
  return libraryFiles(datasetPath).map((path) => {
    const text = readFileSync(path, 'utf8');
    const parsed = parseScenarioText(text, basename(path));
    const problems = parsed.syntax
      ? [parsed.syntax]
      : locateProblems(parsed, [
          ...parsed.problems,
          ...resolveScenario(c, parsed.scenario).problems,
        ]);
    const s = parsed.scenario;
    return {
      id: s.id,
      name: s.name ?? null,
      description: s.description ?? null,
      perspective: s.perspective ?? null,
      shocks: s.shocks.length,
      sources: s.sources,
      file: basename(path),
      valid: problems.length === 0,
      problems: problems.map(formatIssue),
      scenario: s,
      text,
    };
  });
}
