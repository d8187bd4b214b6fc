/** `chokepoint validate [PATH]`: every error and warning; exit 1 on errors. */
import { formatIssue } from '../../io/issues.js';
import { checkDataset } from '../../io/read-dataset.js';
import type { Context } from '../context.js';

export function runValidate(ctx: Context, args: { path?: string | undefined }): number {
  const path = args.path ?? ctx.datasetPath;
  const checked = checkDataset(path);
  const errors = checked.issues.filter((i) => i.severity === 'error');
  const warnings = checked.issues.filter((i) => i.severity === 'warning');
  const ds = checked.dataset;
  const summary = {
    path,
    valid: errors.length === 0,
    errors: errors.length,
    warnings: warnings.length,
    counts: {
      items: ds.items.length,
      requirements: ds.requirements.length,
      shares: ds.shares.length,
      organizations: ds.organizations.length,
      countries: ds.countries.length,
      demand: ds.demand.length,
      blocs: ds.blocs.length,
      sources: ds.sources.length,
    },
    issues: checked.issues,
  };
  ctx.emit(
    summary,
    () => checked.issues.map((i) => ({ ...i })),
    () => {
      const lines = checked.issues.map((i) =>
        ctx.t('cli.validate.issue', {
          severity: ctx.t(i.severity === 'error' ? 'cli.severity.error' : 'cli.severity.warning'),
          issue: formatIssue(i),
        }),
      );
      const c = summary.counts;
      lines.push(
        ctx.t('cli.validate.counts', {
          path,
          items: c.items,
          shares: c.shares,
          requirements: c.requirements,
          sources: c.sources,
        }),
        errors.length
          ? ctx.t('cli.validate.invalid', { errors: errors.length, warnings: warnings.length })
          : ctx.t('cli.validate.valid', { warnings: warnings.length }),
      );
      return lines.join('\n');
    },
  );
  return errors.length ? 1 : 0;
}
