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
      const lines = checked.issues.map((i) => `${i.severity}: ${formatIssue(i)}`);
      const c = summary.counts;
      lines.push(
        `${path}: ${c.items} items, ${c.shares} shares, ${c.requirements} requirements, ${c.sources} sources`,
        errors.length
          ? `${errors.length} error(s), ${warnings.length} warning(s): the dataset cannot be used until the errors are fixed.`
          : `valid, with ${warnings.length} warning(s).`,
      );
      return lines.join('\n');
    },
  );
  return errors.length ? 1 : 0;
}
