/** `chokepoint data audit`: coverage, sources, age and confidence per area and per item. */
import { auditDataset } from '../../core/audit.js';
import { areaLabel } from '../../core/i18n/index.js';
import type { Context } from '../context.js';
import { pct, renderTable } from '../output.js';

export function runAudit(ctx: Context, args: { items: boolean; currentYear?: number }): void {
  const report = auditDataset(ctx.compiled, args.currentYear ?? new Date().getFullYear());
  ctx.emit(
    report,
    () => report.items,
    () => {
      const ratio = (k: number, n: number) => `${k}/${n} (${pct(n ? k / n : 0, 0)})`;
      const tot = report.totals;
      const lines = [
        ctx.t('cli.audit.title', {
          name: ctx.load().checked.dataset.meta.name ?? ctx.datasetPath,
          items: tot.items,
          shareRows: tot.shareRows,
          requirements: tot.requirements,
          cross: tot.crossAreaRequirements,
          sources: tot.sources,
          year: String(report.currentYear),
        }),
        '',
        renderTable(
          [
            { header: ctx.t('cli.col.area'), value: (a) => areaLabel(ctx.lang, a.area), max: 32 },
            { header: ctx.t('cli.col.items'), value: (a) => a.items, align: 'right' },
            {
              header: ctx.t('cli.col.shares'),
              value: (a) => ratio(a.quantified, a.items),
              align: 'right',
            },
            {
              header: ctx.t('cli.col.marketSize'),
              value: (a) => ratio(a.withMarketSize, a.items),
              align: 'right',
            },
            {
              header: ctx.t('cli.col.requirements'),
              value: (a) => ratio(a.withRequirements, a.items),
              align: 'right',
            },
            {
              header: ctx.t('cli.col.crossArea'),
              value: (a) => a.crossAreaRequirements,
              align: 'right',
            },
            { header: ctx.t('cli.col.demand'), value: (a) => a.withDemand, align: 'right' },
            {
              header: ctx.t('cli.col.sourcedRows'),
              value: (a) => ratio(a.sourcedShareRows, a.shareRows),
              align: 'right',
            },
            {
              header: ctx.t('cli.col.unknownShares'),
              value: (a) => a.unquantifiedSuppliers,
              align: 'right',
            },
            {
              header: ctx.t('cli.col.medianAge'),
              value: (a) =>
                a.medianDataAge === null
                  ? '-'
                  : ctx.t('cli.audit.age', { n: String(a.medianDataAge) }),
              align: 'right',
            },
            {
              header: ctx.t('cli.col.confidence'),
              value: (a) =>
                Object.entries(a.confidence)
                  .sort()
                  .map(([k, v]) => `${k}:${v}`)
                  .join(' '),
            },
            { header: ctx.t('cli.col.noEndUse'), value: (a) => a.orphans, align: 'right' },
            {
              header: ctx.t('cli.col.madeWhereUsed'),
              value: (a) => a.madeWhereUsed,
              align: 'right',
            },
            { header: ctx.t('cli.col.score'), value: (a) => a.score.toFixed(1), align: 'right' },
          ],
          report.areas,
        ),
        '',
        ctx.t('cli.audit.score'),
      ];
      if (args.items) {
        lines.push(
          '',
          renderTable(
            [
              { header: ctx.t('cli.col.item'), value: (x) => x.item, max: 40 },
              { header: ctx.t('cli.col.area'), value: (x) => x.area },
              {
                header: ctx.t('cli.col.shareSum'),
                value: (x) => (x.quantified ? pct(x.shareSum) : ctx.t('common.unknown')),
                align: 'right',
              },
              {
                header: ctx.t('cli.col.rows'),
                value: (x) => `${x.sourcedRows}/${x.shareRows}`,
                align: 'right',
              },
              {
                header: ctx.t('cli.col.unknown'),
                value: (x) => x.unquantifiedSuppliers,
                align: 'right',
              },
              {
                header: ctx.t('cli.col.size'),
                value: (x) => (x.hasMarketSize ? ctx.t('cli.yes') : '-'),
              },
              {
                header: ctx.t('cli.col.reqBy'),
                value: (x) => `${x.requirements}/${x.requiredBy}`,
                align: 'right',
              },
              {
                header: ctx.t('cli.col.years'),
                value: (x) =>
                  x.newestYear === null
                    ? '-'
                    : x.oldestYear === x.newestYear
                      ? `${x.newestYear}`
                      : `${x.oldestYear}-${x.newestYear}`,
              },
              {
                header: ctx.t('cli.col.endUse'),
                value: (x) => ctx.t(x.reachesEndProduct ? 'cli.yes' : 'cli.no'),
              },
              {
                header: ctx.t('cli.col.modelShares'),
                value: (x) => ctx.t(`cli.origin.${x.modelShares}`),
              },
            ],
            report.items,
          ),
        );
      }
      return lines.join('\n');
    },
  );
}
