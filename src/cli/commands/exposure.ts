/** `chokepoint exposure --country M [--bloc B]`: dependence per item (MODEL.md §2). */
import { itemExposure } from '../../core/metrics.js';
import { UnknownNameError, resolveArea, resolvePerspective } from '../../core/perspective.js';
import { closestNames } from '../../core/suggest.js';
import type { Context } from '../context.js';
import { pct, renderTable } from '../output.js';

export function runExposure(
  ctx: Context,
  args: { country: string; bloc?: string[] | undefined; area?: string | undefined },
): void {
  const c = ctx.compiled;
  const p = resolvePerspective(c, args.country);
  if (args.area !== undefined) resolveArea(c, args.area);
  const blocNames = (args.bloc ?? c.blocIds).flatMap((b) => b.split(',')).filter(Boolean);
  const blocs = blocNames.map((b) => {
    const idx =
      c.blocIndex.get(b) ?? c.blocIds.findIndex((x) => x.toLowerCase() === b.toLowerCase());
    if (idx === undefined || idx < 0)
      throw new UnknownNameError('bloc', b, closestNames(b, c.blocIds));
    return idx;
  });
  const rows = [...c.itemIds.keys()]
    .filter((i) => args.area === undefined || c.dataset.items[i]!.area === args.area)
    .map((i) => itemExposure(c, i, p, blocs))
    .sort((a, b) => b.foreign - a.foreign || a.item.localeCompare(b.item));
  const out = rows.map(({ quantified: _q, ...r }) => r);
  ctx.emit(
    out,
    () => out,
    () =>
      renderTable(
        [
          { header: 'item', value: (r) => r.item, max: 40 },
          { header: 'area', value: (r) => r.area },
          {
            header: 'domestic',
            value: (r) => (r.quantified ? pct(r.domestic) : 'unknown'),
            align: 'right',
          },
          {
            header: 'foreign',
            value: (r) => (r.quantified ? pct(r.foreign) : 'unknown'),
            align: 'right',
          },
          ...blocs.map((b) => ({
            header: c.blocIds[b]!,
            value: (r: (typeof rows)[number]) =>
              r.quantified ? pct(r.controlledBy[c.blocIds[b]!]) : '-',
            align: 'right' as const,
          })),
          { header: 'self-sufficiency', value: (r) => pct(r.selfSufficiency), align: 'right' },
        ],
        rows,
      ) +
      `\nShares of world supply held by ${p.id}${p.isBloc ? ' (its members together)' : ''} and by each bloc.` +
      ' Self-sufficiency needs demand rows (demand.csv).',
  );
}
