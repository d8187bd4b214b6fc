/** `chokepoint items [--area A]`: the items of the dataset. */
import { itemsQuery } from '../../core/queries/index.js';
import type { Context } from '../context.js';
import { renderTable, usd } from '../output.js';

export function runItems(ctx: Context, args: { area?: string | undefined }): void {
  const rows = itemsQuery(ctx.compiled, args);
  ctx.emit(
    rows,
    () => rows,
    () =>
      renderTable(
        [
          { header: 'id', value: (r) => r.id },
          { header: ctx.t('cli.col.name'), value: (r) => r.name, max: 40 },
          { header: ctx.t('cli.col.area'), value: (r) => r.area },
          { header: ctx.t('cli.col.kind'), value: (r) => r.kind },
          { header: ctx.t('cli.col.stage'), value: (r) => r.stage, max: 24 },
          { header: 'variant of', value: (r) => r.variantOf },
          {
            header: ctx.t('cli.col.marketSize'),
            value: (r) => usd(r.marketSizeUsd),
            align: 'right',
          },
        ],
        rows,
      ) + `\n${rows.length} items`,
  );
}
