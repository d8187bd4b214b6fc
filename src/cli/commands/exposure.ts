/** `chokepoint exposure --country M [--bloc B]`: dependence per item (MODEL.md §2). */
import { resolvePerspective } from '../../core/perspective.js';
import { exposureQuery } from '../../core/queries/index.js';
import type { Context } from '../context.js';
import { pct, renderTable } from '../output.js';

export function runExposure(
  ctx: Context,
  args: { country: string; bloc?: string[] | undefined; area?: string | undefined },
): void {
  const c = ctx.compiled;
  const p = resolvePerspective(c, args.country);
  const {
    rows,
    answer: out,
    blocs,
  } = exposureQuery(c, { country: args.country, blocs: args.bloc, area: args.area });
  ctx.emit(
    out,
    () => out,
    () =>
      renderTable(
        [
          { header: ctx.t('cli.col.item'), value: (r) => r.item, max: 40 },
          { header: ctx.t('cli.col.area'), value: (r) => r.area },
          {
            header: ctx.t('cli.col.domestic'),
            value: (r) => (r.quantified ? pct(r.domestic) : 'unknown'),
            align: 'right',
          },
          {
            header: ctx.t('cli.col.foreign'),
            value: (r) => (r.quantified ? pct(r.foreign) : 'unknown'),
            align: 'right',
          },
          ...blocs.map((b) => ({
            header: c.blocIds[b]!,
            value: (r: (typeof rows)[number]) =>
              r.quantified ? pct(r.controlledBy[c.blocIds[b]!]) : '-',
            align: 'right' as const,
          })),
          {
            header: ctx.t('cli.col.selfSufficiency'),
            value: (r) => pct(r.selfSufficiency),
            align: 'right',
          },
        ],
        rows,
      ) +
      `\nShares of world supply held by ${p.id}${p.isBloc ? ' (its members together)' : ''} and by each bloc.` +
      ' Self-sufficiency needs demand rows (demand.csv).',
  );
}
