/** `chokepoint exposure --country M [--bloc B]`: dependence per item (MODEL.md §2). */
import { resolvePerspective } from '../../core/perspective.js';
import { exposureQuery } from '../../core/queries/index.js';
import { areaLabel } from '../../core/i18n/index.js';
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
          { header: ctx.t('cli.col.area'), value: (r) => areaLabel(ctx.lang, r.area) },
          {
            header: ctx.t('cli.col.domestic'),
            value: (r) => (r.quantified ? pct(r.domestic) : ctx.t('cli.unknown')),
            align: 'right',
          },
          {
            header: ctx.t('cli.col.foreign'),
            value: (r) => (r.quantified ? pct(r.foreign) : ctx.t('cli.unknown')),
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
      ) + `\n${ctx.t(p.isBloc ? 'cli.exposure.noteBloc' : 'cli.exposure.note', { p: p.id })}`,
  );
}
