/** `chokepoint show ITEM`: one item with shares, requirements up and down, and sources. */
import { areaLabel, itemLabel, kindLabel } from '../../core/i18n/index.js';
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
      const { lang } = ctx;
      const k = result.concentration;
      const item = ctx.compiled.dataset.items.find((x) => x.id === it.id);
      const share = (s: number | null) => (s === null ? ctx.t('common.unknown') : pct(s));
      const lines = [
        `${itemLabel(lang, item, it.name)} [${it.id}]`,
        [
          areaLabel(lang, it.area),
          kindLabel(lang, it.kind),
          ...(it.stage ? [ctx.t('cli.show.stage', { stage: it.stage })] : []),
          ...(it.variantOf ? [ctx.t('cli.show.variantOf', { item: it.variantOf })] : []),
        ].join(' · '),
      ];
      if (result.variants.length)
        lines.push(ctx.t('cli.show.variants', { list: result.variants.join(', ') }));
      if (it.marketSizeUsd !== null)
        lines.push(
          it.marketYear
            ? ctx.t('cli.show.marketYear', {
                value: usd(it.marketSizeUsd),
                year: String(it.marketYear),
              })
            : ctx.t('cli.show.market', { value: usd(it.marketSizeUsd) }),
        );
      if (it.description) lines.push('', it.description);
      lines.push(
        '',
        k.quantified
          ? ctx.t('cli.show.concentration', {
              hhi: String(Math.round(k.hhi!)),
              cr1: pct(k.cr1),
              cr3: pct(k.cr3),
              to75:
                k.countriesTo75 === null
                  ? ctx.t('cli.show.to75None')
                  : ctx.t('cli.show.to75', { n: k.countriesTo75 }),
              unattributed: pct(k.unattributed),
            })
          : ctx.t('cli.show.unquantified'),
        '',
        ctx.t('cli.show.byCountry'),
      );
      lines.push(
        countryRows.length
          ? renderTable(
              [
                { header: ctx.t('cli.col.country'), value: (r) => r.country },
                {
                  header: ctx.t('cli.col.share'),
                  value: (r) => share(r.share),
                  align: 'right',
                },
                { header: ctx.t('cli.col.basis'), value: (r) => r.basis },
                { header: ctx.t('cli.col.year'), value: (r) => r.year },
                { header: ctx.t('cli.col.source'), value: (r) => r.source },
                { header: ctx.t('cli.col.conf'), value: (r) => r.confidence },
              ],
              result.countryShares,
              { indent: '  ' },
            )
          : `  ${ctx.t('common.none')}`,
      );
      const model = result.modelShares;
      const list = model.shares.map((x) => `${x.country} ${pct(x.share)}`).join(', ');
      if (model.origin === 'organizations') lines.push(`  ${ctx.t('cli.show.fromOrgs', { list })}`);
      else if (model.origin === 'category')
        lines.push(
          `  ${ctx.t('cli.show.fromCategory', {
            item: `${itemLabel(
              lang,
              ctx.compiled.dataset.items.find((x) => x.id === model.from),
              model.from!,
            )} [${model.from}]`,
            list,
          })}`,
        );
      else if (model.origin === 'variants')
        lines.push(`  ${ctx.t('cli.show.fromVariants', { list: list || ctx.t('common.none') })}`);
      else if (model.origin === 'none') lines.push(`  ${ctx.t('cli.show.madeWhereUsed')}`);
      if (result.organizationShares.length) {
        lines.push('', ctx.t('cli.show.byOrg'));
        lines.push(
          renderTable(
            [
              { header: ctx.t('cli.col.organization'), value: (r) => r.name, max: 40 },
              { header: ctx.t('cli.col.country'), value: (r) => r.country },
              {
                header: ctx.t('cli.col.share'),
                value: (r) => share(r.share),
                align: 'right',
              },
              { header: ctx.t('cli.col.year'), value: (r) => r.year },
              { header: ctx.t('cli.col.source'), value: (r) => r.source },
            ],
            result.organizationShares,
            { indent: '  ' },
          ),
        );
      }
      const criticality = (c: number) =>
        c < 1 ? ctx.t('cli.show.criticality', { c: String(c) }) : '';
      lines.push('', ctx.t('cli.show.requires', { n: requires.length }));
      if (model.origin === 'variants' && requires.length)
        lines.push(`  ${ctx.t('cli.show.requiresUnused')}`);
      for (const r of result.requires) {
        lines.push(
          `  ${r.item}${criticality(r.criticality)}` +
            (r.group ? ctx.t('cli.show.group', { group: r.group, e: String(r.efficiency) }) : '') +
            (r.note ? ctx.t('cli.show.note', { note: r.note }) : ''),
        );
      }
      lines.push('', ctx.t('cli.show.requiredBy', { n: requiredBy.length }));
      for (const r of result.requiredBy) lines.push(`  ${r.item}${criticality(r.criticality)}`);
      lines.push('', ctx.t('cli.show.sources'));
      if (!sources.length) lines.push(`  ${ctx.t('cli.show.noSources')}`);
      for (const s of sources) {
        lines.push(
          `  [${s.id}] ${s.title}${s.publisher ? `, ${s.publisher}` : ''}${s.year ? `, ${s.year}` : ''}${s.url ? ` <${s.url}>` : ''}${s.license ? ` (${s.license})` : ''}`,
        );
      }
      return lines.join('\n');
    },
  );
}
