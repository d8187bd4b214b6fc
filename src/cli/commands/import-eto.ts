/** `chokepoint import eto DIR --out OUT`: the ETO Chip Explorer CSVs as a dataset folder. */
import { compileDataset } from '../../core/compile.js';
import { importEto } from '../../io/eto/import-eto.js';
import { formatIssue } from '../../io/issues.js';
import { loadDataset } from '../../io/read-dataset.js';
import { writeDatasetFolder } from '../../io/write-dataset.js';
import type { Context } from '../context.js';

export function runImportEto(
  ctx: Context,
  args: { dir: string; out: string; force: boolean; quiet: boolean },
): number {
  const { dataset, notes } = importEto(args.dir);
  writeDatasetFolder(args.out, dataset, { force: args.force });
  // Read back what was written: the output must validate and compile like any dataset.
  const checked = loadDataset(args.out);
  compileDataset(checked.dataset);
  const counts: Record<string, number> = {};
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
      const lines = args.quiet
        ? []
        : notes.map((n) => `${n.action.padEnd(10)} ${n.item ? `${n.item}: ` : ''}${n.message}`);
      lines.push(
        `Wrote ${args.out}: ${dataset.items.length} items, ${dataset.requirements.length} requirements, ` +
          `${dataset.shares.length} shares, ${dataset.organizations.length} organizations, ${dataset.sources.length} sources.`,
        `Notes: ${
          Object.entries(counts)
            .map(([k, v]) => `${v} ${k}`)
            .join(', ') || 'none'
        }.` + ` Validation: ${checked.issues.length} warning(s), no errors.`,
      );
      if (!args.quiet && checked.issues.length) {
        lines.push(
          'Warnings (first 10):',
          ...checked.issues.slice(0, 10).map((i) => `  ${formatIssue(i)}`),
        );
      }
      lines.push(
        'ETO data: Emerging Technology Observatory (CSET), CC BY-NC 4.0. Attribute it wherever its figures are shown.',
      );
      return lines.join('\n');
    },
  );
  return 0;
}
