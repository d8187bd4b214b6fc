/** `chokepoint scenarios`: the scenario library, with each file's checks against the dataset. */
import { basename } from 'node:path';
import { resolveScenario } from '../../core/scenario.js';
import { formatIssue } from '../../io/issues.js';
import { locateProblems, parseScenarioText } from '../../io/read-scenario.js';
import { readFileSync } from 'node:fs';
import type { Context } from '../context.js';
import { renderTable } from '../output.js';
import { libraryFiles } from '../scenario-input.js';

export function runScenarios(ctx: Context): void {
  const c = ctx.compiled;
  const rows = libraryFiles(ctx).map((path) => {
    const parsed = parseScenarioText(readFileSync(path, 'utf8'), basename(path));
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
      perspective: s.perspective ?? null,
      shocks: s.shocks.length,
      sources: s.sources,
      path,
      valid: problems.length === 0,
      problems: problems.map(formatIssue),
    };
  });
  ctx.emit(
    rows,
    () => rows,
    () =>
      rows.length === 0
        ? 'No scenarios found (looked in data/scenarios/ beside the dataset and in the bundled library).'
        : renderTable(
            [
              { header: 'id', value: (r) => r.id },
              { header: 'name', value: (r) => r.name, max: 60 },
              { header: 'perspective', value: (r) => r.perspective },
              { header: 'shocks', value: (r) => r.shocks, align: 'right' },
              { header: 'status', value: (r) => (r.valid ? 'ok' : r.problems[0]), max: 60 },
            ],
            rows,
          ) + '\nRun one: chokepoint simulate ID',
  );
}
