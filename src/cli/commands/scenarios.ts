/** `chokepoint scenarios`: the scenario library, with each file's checks against the dataset. */
import { readLibraryFiles } from '../../io/scenario-library.js';
import type { Context } from '../context.js';
import { renderTable } from '../output.js';

export function runScenarios(ctx: Context): void {
  const rows = readLibraryFiles(ctx.datasetPath, ctx.compiled).map(
    ({ path, scenario: s, problems }) => ({
      id: s.id,
      name: s.name ?? null,
      perspective: s.perspective ?? null,
      shocks: s.shocks.length,
      sources: s.sources,
      path,
      valid: problems.length === 0,
      problems,
    }),
  );
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
