/** `chokepoint scenarios`: the scenario library, with each file's checks against the dataset. */
import { readLibraryFiles } from '../../io/scenario-library.js';
import type { Context } from '../context.js';
import { renderTable } from '../output.js';

export function runScenarios(ctx: Context): void {
  const rows = readLibraryFiles(ctx.datasetPath, ctx.compiled).map(
    ({ path, scenario: s, problems }) => ({
      id: s.id,
      name: s.name ?? null,
      nameZh: s.nameZh ?? null,
      perspective: s.perspective ?? null,
      shocks: s.shocks.length,
      sources: s.sources,
      path,
      valid: problems.length === 0,
      problems,
    }),
  );
  // Under zh-CN the Chinese name where the file gives one (`nameZh`), else the English one.
  const name = (r: (typeof rows)[number]) => (ctx.lang === 'zh-CN' && r.nameZh ? r.nameZh : r.name);
  ctx.emit(
    rows,
    () => rows,
    () =>
      rows.length === 0
        ? ctx.t('cli.scenarios.none')
        : renderTable(
            [
              { header: ctx.t('cli.col.id'), value: (r) => r.id },
              { header: ctx.t('cli.col.name'), value: name, max: 60 },
              { header: ctx.t('cli.col.perspective'), value: (r) => r.perspective },
              { header: ctx.t('cli.col.shocks'), value: (r) => r.shocks, align: 'right' },
              {
                header: ctx.t('cli.col.status'),
                value: (r) => (r.valid ? ctx.t('cli.scenarios.ok') : r.problems[0]),
                max: 60,
              },
            ],
            rows,
          ) + `\n${ctx.t('cli.scenarios.run')}`,
  );
}
