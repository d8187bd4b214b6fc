/** `chokepoint items [--area A]`: the items of the dataset. */
import { resolveArea } from '../../core/perspective.js';
import type { Context } from '../context.js';
import { renderTable, usd } from '../output.js';

export function runItems(ctx: Context, args: { area?: string | undefined }): void {
  const c = ctx.compiled;
  if (args.area !== undefined) resolveArea(c, args.area);
  const rows = c.dataset.items
    .filter((it) => args.area === undefined || it.area === args.area)
    .map((it) => ({
      id: it.id,
      name: it.name,
      area: it.area,
      kind: it.kind,
      stage: it.stage ?? null,
      variantOf: it.variantOf ?? null,
      marketSizeUsd: it.marketSizeUsd ?? null,
    }));
  ctx.emit(
    rows,
    () => rows,
    () =>
      renderTable(
        [
          { header: 'id', value: (r) => r.id },
          { header: 'name', value: (r) => r.name, max: 40 },
          { header: 'area', value: (r) => r.area },
          { header: 'kind', value: (r) => r.kind },
          { header: 'stage', value: (r) => r.stage, max: 24 },
          { header: 'variant of', value: (r) => r.variantOf },
          { header: 'market', value: (r) => usd(r.marketSizeUsd), align: 'right' },
        ],
        rows,
      ) + `\n${rows.length} items`,
  );
}
