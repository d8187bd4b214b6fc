/** `chokepoint import eto DIR --out OUT`: the ETO Chip Explorer CSVs as a dataset folder. */
import { compileDataset } from '../../core/compile.js';
import type { EtoNoteAction } from '../../io/eto/import-eto.js';
import { importEto } from '../../io/eto/import-eto.js';
import { formatIssue } from '../../io/issues.js';
import { loadDataset } from '../../io/read-dataset.js';
import { writeDatasetFolder } from '../../io/write-dataset.js';
import type { Context } from '../context.js';
import { padDisplay } from '../output.js';

export function runImportEto(
  ctx: Context,
  args: { dir: string; out: string; force: boolean; quiet: boolean },
): number {
  const { dataset, notes } = importEto(args.dir);
  writeDatasetFolder(args.out, dataset, { force: args.force });
  // Read back what was written: the output must validate and compile like any dataset.
  const checked = loadDataset(args.out);
  compileDataset(checked.dataset);
  const counts: Partial<Record<EtoNoteAction, number>> = {};
  for (const n of notes) counts[n.action] = (counts[n.action] ?? 0) + 1;
  ctx.emit(
    {
      out: args.out,
      items: dataset.items.length,
      shares: dataset.shares.length,
      notes,
      warnings: checked.issues,
    },
    () => notes.map((n) => ({ item: n.item ?? '', action: n.action, message: n.message })),
    () => {
      const action = (a: EtoNoteAction) => ctx.t(`cli.eto.action.${a}`);
      const lines = args.quiet
        ? []
        : notes.map(
            (n) => `${padDisplay(action(n.action), 10)} ${n.item ? `${n.item}: ` : ''}${n.message}`,
          );
      lines.push(
        ctx.t('cli.eto.wrote', {
          out: args.out,
          items: dataset.items.length,
          requirements: dataset.requirements.length,
          shares: dataset.shares.length,
          organizations: dataset.organizations.length,
          sources: dataset.sources.length,
        }),
        ctx.t('cli.eto.notes', {
          list:
            (Object.entries(counts) as [EtoNoteAction, number][])
              .map(([k, v]) => ctx.t('cli.eto.noteCount', { n: v, action: action(k) }))
              .join(ctx.lang === 'zh-CN' ? '，' : ', ') || ctx.t('common.none'),
          n: checked.issues.length,
        }),
      );
      if (!args.quiet && checked.issues.length) {
        lines.push(
          ctx.t('cli.eto.warnings'),
          ...checked.issues.slice(0, 10).map((i) => `  ${formatIssue(i)}`),
        );
      }
      lines.push(ctx.t('cli.eto.attribution'));
      return lines.join('\n');
    },
  );
  return 0;
}
