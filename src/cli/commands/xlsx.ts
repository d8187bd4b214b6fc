/**
 * `chokepoint import xlsx FILE --out DIR` and `chokepoint export [--dataset D] --xlsx FILE`:
 * a dataset as an Excel workbook (one sheet per dataset file) and back.
 */
import { ValidationError, formatIssue } from '../../io/issues.js';
import { writeDatasetFolder, writeDatasetJson } from '../../io/write-dataset.js';
import { checkDatasetXlsx, writeDatasetXlsx } from '../../io/xlsx.js';
import type { Context } from '../context.js';
import { UsageError } from '../output.js';

export async function runImportXlsx(
  ctx: Context,
  args: { file: string; out: string; force: boolean },
): Promise<number> {
  const checked = await checkDatasetXlsx(args.file);
  const errors = checked.issues.filter((i) => i.severity === 'error');
  if (errors.length) throw new ValidationError(checked.issues);
  writeDatasetFolder(args.out, checked.dataset, { force: args.force });
  const warnings = checked.issues.length;
  const wrote = {
    out: args.out,
    items: checked.dataset.items.length,
    shares: checked.dataset.shares.length,
  };
  ctx.out(
    warnings
      ? [
          ctx.t('cli.xlsx.wroteWarnings', { ...wrote, n: warnings }),
          ...checked.issues.slice(0, 10).map((i) => `  ${formatIssue(i)}`),
        ].join('\n')
      : ctx.t('cli.xlsx.wrote', wrote),
  );
  return 0;
}

export async function runExport(
  ctx: Context,
  args: {
    xlsx?: string | undefined;
    json?: string | undefined;
    csv?: string | undefined;
    force: boolean;
  },
): Promise<number> {
  // `--xlsx` is also a global option (result rows to Excel); after `export` it means the dataset.
  args = { ...args, xlsx: args.xlsx ?? ctx.options.xlsx };
  if (!args.xlsx && !args.json && !args.csv) {
    throw new UsageError('say where to write: --xlsx FILE, --json FILE or --csv DIR');
  }
  const ds = ctx.load().checked.dataset;
  if (args.xlsx) await writeDatasetXlsx(args.xlsx, ds, { force: args.force });
  if (args.json) writeDatasetJson(args.json, ds, { force: args.force });
  if (args.csv) writeDatasetFolder(args.csv, ds, { force: args.force });
  ctx.out(
    ctx.t('cli.export.done', {
      name: ds.meta.name ?? ctx.datasetPath,
      n: ds.items.length,
      files: [args.xlsx, args.json, args.csv].filter(Boolean).join(', '),
    }),
  );
  return 0;
}
