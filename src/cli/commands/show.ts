/** `chokepoint show ITEM`: one item with shares, requirements up and down, and sources. */
import { areaName } from '../../core/dataset.js';
import { itemConcentration, itemOrgConcentration, organizationShares } from '../../core/metrics.js';
import { resolveItem } from '../../core/perspective.js';
import type { Context } from '../context.js';
import { pct, renderTable, usd } from '../output.js';

export function runShow(ctx: Context, args: { item: string }): void {
  const c = ctx.compiled;
  const ds = c.dataset;
  const i = resolveItem(c, args.item);
  const it = ds.items[i]!;
  const shareRows = ds.shares.filter((s) => s.item === it.id);
  const orgById = new Map(ds.organizations.map((o) => [o.id, o]));
  const countryRows = shareRows.filter((s) => !orgById.has(s.provider));
  const { known, unknown } = organizationShares(c, i);
  const requires = ds.requirements.filter((r) => r.item === it.id);
  const requiredBy = ds.requirements.filter((r) => r.requires === it.id);
  const cited = new Set<string>();
  for (const s of [
    it.source,
    ...shareRows.map((s) => s.source),
    ...requires.map((r) => r.source),
  ]) {
    if (s) cited.add(s);
  }
  const sources = ds.sources.filter((s) => cited.has(s.id));
  const result = {
    item: it.id,
    name: it.name,
    area: it.area,
    kind: it.kind,
    stage: it.stage ?? null,
    variantOf: it.variantOf ?? null,
    variants: ds.items.filter((x) => x.variantOf === it.id).map((x) => x.id),
    marketSizeUsd: it.marketSizeUsd ?? null,
    marketYear: it.marketYear ?? null,
    description: it.description ?? null,
    concentration: itemConcentration(c, i),
    organizationConcentration: itemOrgConcentration(c, i),
    countryShares: countryRows.map((s) => ({
      country: s.provider,
      share: s.share,
      basis: s.basis ?? null,
      year: s.year ?? null,
      source: s.source ?? null,
      confidence: s.confidence ?? null,
    })),
    organizationShares: [
      ...known.map((k) => ({ org: k.org, share: k.share as number | null })),
      ...unknown.map((o) => ({ org: o, share: null })),
    ].map(({ org, share }) => {
      const o = ds.organizations[org]!;
      const row = shareRows.find((s) => s.provider === o.id);
      return {
        organization: o.id,
        name: o.name,
        country: o.country,
        share,
        year: row?.year ?? null,
        source: row?.source ?? null,
      };
    }),
    requires: requires.map((r) => ({
      item: r.requires,
      criticality: r.criticality,
      group: r.group ?? null,
      efficiency: r.efficiency,
      note: r.note ?? null,
    })),
    requiredBy: requiredBy.map((r) => ({
      item: r.item,
      criticality: r.criticality,
      group: r.group ?? null,
    })),
    sources,
  };
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
      if (it.marketSizeUsd !== undefined)
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
