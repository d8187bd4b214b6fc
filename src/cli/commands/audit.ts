/** `chokepoint data audit`: coverage, sources, age and confidence per area and per item. */
import { auditDataset } from '../../core/audit.js';
import { areaName } from '../../core/dataset.js';
import type { Context } from '../context.js';
import { pct, renderTable } from '../output.js';

export function runAudit(ctx: Context, args: { items: boolean; currentYear?: number }): void {
  const report = auditDataset(ctx.compiled, args.currentYear ?? new Date().getFullYear());
  ctx.emit(
    report,
    () => report.items,
    () => {
      const ratio = (k: number, n: number) => `${k}/${n} (${pct(n ? k / n : 0, 0)})`;
      const lines = [
        `Data audit of ${ctx.load().checked.dataset.meta.name ?? ctx.datasetPath} (${report.totals.items} items, ${report.totals.shareRows} share rows, ${report.totals.requirements} requirements of which ${report.totals.crossAreaRequirements} cross areas, ${report.totals.sources} sources; ages against ${report.currentYear})`,
        '',
        renderTable(
          [
            { header: 'area', value: (a) => areaName(a.area), max: 32 },
            { header: 'items', value: (a) => a.items, align: 'right' },
            { header: 'shares', value: (a) => ratio(a.quantified, a.items), align: 'right' },
            {
              header: 'market size',
              value: (a) => ratio(a.withMarketSize, a.items),
              align: 'right',
            },
            {
              header: 'requirements',
              value: (a) => ratio(a.withRequirements, a.items),
              align: 'right',
            },
            { header: 'cross-area', value: (a) => a.crossAreaRequirements, align: 'right' },
            { header: 'demand', value: (a) => a.withDemand, align: 'right' },
            {
              header: 'sourced rows',
              value: (a) => ratio(a.sourcedShareRows, a.shareRows),
              align: 'right',
            },
            { header: 'unknown shares', value: (a) => a.unquantifiedSuppliers, align: 'right' },
            {
              header: 'median age',
              value: (a) => (a.medianDataAge === null ? '-' : `${a.medianDataAge} y`),
              align: 'right',
            },
            {
              header: 'confidence',
              value: (a) =>
                Object.entries(a.confidence)
                  .sort()
                  .map(([k, v]) => `${k}:${v}`)
                  .join(' '),
            },
            { header: 'no end use', value: (a) => a.orphans, align: 'right' },
            { header: 'score', value: (a) => a.score.toFixed(1), align: 'right' },
          ],
          report.areas,
        ),
        '',
        'score: mean of five coverage ratios (quantified shares, market sizes, requirements, sourced share rows, data at most 5 years old), 0..100.',
      ];
      if (args.items) {
        lines.push(
          '',
          renderTable(
            [
              { header: 'item', value: (x) => x.item, max: 40 },
              { header: 'area', value: (x) => x.area },
              {
                header: 'share sum',
                value: (x) => (x.quantified ? pct(x.shareSum) : 'unknown'),
                align: 'right',
              },
              { header: 'rows', value: (x) => `${x.sourcedRows}/${x.shareRows}`, align: 'right' },
              { header: 'unknown', value: (x) => x.unquantifiedSuppliers, align: 'right' },
              { header: 'size', value: (x) => (x.hasMarketSize ? 'yes' : '-') },
              {
                header: 'req/by',
                value: (x) => `${x.requirements}/${x.requiredBy}`,
                align: 'right',
              },
              {
                header: 'years',
                value: (x) =>
                  x.newestYear === null
                    ? '-'
                    : x.oldestYear === x.newestYear
                      ? `${x.newestYear}`
                      : `${x.oldestYear}-${x.newestYear}`,
              },
              { header: 'end use', value: (x) => (x.reachesEndProduct ? 'yes' : 'NO') },
            ],
            report.items,
          ),
        );
      }
      return lines.join('\n');
    },
  );
}
