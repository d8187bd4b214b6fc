/** `chokepoint show ITEM`: one item with shares, requirements up and down, and sources. */
import { areaName } from '../../core/dataset.js';
import { itemDetailQuery } from '../../core/queries/index.js';
import type { Context } from '../context.js';
import { pct, renderTable, usd } from '../output.js';

export function runShow(ctx: Context, args: { item: string }): void {
  const result = itemDetailQuery(ctx.compiled, args.item);
  const it = {
    id: result.item,
    name: result.name,
    area: result.area,
    kind: result.kind,
    stage: result.stage,
    variantOf: result.variantOf,
    marketSizeUsd: result.marketSizeUsd,
    marketYear: result.marketYear,
    description: result.description,
  };
  const { requires, requiredBy, sources } = result;
  const countryRows = result.countryShares;
  ctx.emit(
    result,
    () => result.countryShares.map((s) => ({ item: it.id, ...s })),
    () => {
      const k = result.concentration;
      const lines = [
        `${it.name} [${it.id}]`,
        `${areaName(it.area)} · ${it.kind}${it.stage ? ` · stage ${it.stage}` : ''}${it.variantOf ? ` · a type of ${it.variantOf}` : ''}`,
      ];
      if (result.variants.length) lines.push(`Variants: ${result.variants.join(', ')}`);
      if (it.marketSizeUsd !== null)
        lines.push(
          `World market: ${usd(it.marketSizeUsd)}${it.marketYear ? ` (${it.marketYear})` : ''}`,
        );
      if (it.description) lines.push('', it.description);
      lines.push(
        '',
        k.quantified
          ? `Concentration: HHI ${Math.round(k.hhi!)}, CR1 ${pct(k.cr1)}, CR3 ${pct(k.cr3)}, ${k.countriesTo75 === null ? 'the listed countries do not reach 75%' : k.countriesTo75 === 1 ? 'one country reaches 75%' : `${k.countriesTo75} countries reach 75%`}, unattributed ${pct(k.unattributed)}`
          : 'Concentration: unquantified (no supplier share is known)',
        '',
        'Shares by country:',
      );
      lines.push(
        countryRows.length
          ? renderTable(
              [
                { header: 'country', value: (r) => r.country },
                {
                  header: 'share',
                  value: (r) => (r.share === null ? 'unknown' : pct(r.share)),
                  align: 'right',
                },
                { header: 'basis', value: (r) => r.basis },
                { header: 'year', value: (r) => r.year },
                { header: 'source', value: (r) => r.source },
                { header: 'conf.', value: (r) => r.confidence },
              ],
              result.countryShares,
              { indent: '  ' },
            )
          : '  none',
      );
      if (result.organizationShares.length) {
        lines.push('', 'Shares by organization:');
        lines.push(
          renderTable(
            [
              { header: 'organization', value: (r) => r.name, max: 40 },
              { header: 'country', value: (r) => r.country },
              {
                header: 'share',
                value: (r) => (r.share === null ? 'unknown' : pct(r.share)),
                align: 'right',
              },
              { header: 'year', value: (r) => r.year },
              { header: 'source', value: (r) => r.source },
            ],
            result.organizationShares,
            { indent: '  ' },
          ),
        );
      }
      lines.push('', `Requires (${requires.length}):`);
      for (const r of result.requires) {
        lines.push(
          `  ${r.item}${r.criticality < 1 ? ` (criticality ${r.criticality})` : ''}${r.group ? ` [any of group ${r.group}, efficiency ${r.efficiency}]` : ''}${r.note ? `: ${r.note}` : ''}`,
        );
      }
      lines.push('', `Required by (${requiredBy.length}):`);
      for (const r of result.requiredBy)
        lines.push(`  ${r.item}${r.criticality < 1 ? ` (criticality ${r.criticality})` : ''}`);
      lines.push('', 'Sources:');
      if (!sources.length) lines.push('  none cited');
      for (const s of sources) {
        lines.push(
          `  [${s.id}] ${s.title}${s.publisher ? `, ${s.publisher}` : ''}${s.year ? `, ${s.year}` : ''}${s.url ? ` <${s.url}>` : ''}${s.license ? ` (${s.license})` : ''}`,
        );
      }
      return lines.join('\n');
    },
  );
}
