/**
 * One item: concentration figures, bars of shares by country and organization, a world map of
 * the country shares, requirements up and down (as links), and the cited sources.
 */
import type { PageProps } from '../App.js';
import type { ItemDetail } from '../api.js';
import { api } from '../api.js';
import { Bars } from '../components/Bars.js';
import { Show } from '../components/Status.js';
import { WorldMap } from '../components/WorldMap.js';
import { hhiLabel, pct, usd } from '../format.js';
import { kindLabel } from '../../../src/core/i18n/index.js';
import { useLang, useT } from '../i18n.js';
import type { Names as LocalNames } from '../names.js';
import { useNames } from '../names.js';
import { href } from '../route.js';
import { useApi } from '../use-api.js';
import { useAreaTitle } from './areas.js';
import { ItemLinks } from './ItemLinks.js';
import { SourceList } from './SourceList.js';

export function ItemPage({ route, perspective, dataset }: PageProps) {
  const t = useT();
  const local = useNames();
  const id = route.arg;
  const item = useApi(() => api.item(id), [id]);
  const items = useApi(() => api.items(), []);
  const english = new Map(items.state === 'ok' ? items.data.map((i) => [i.id, i.name]) : []);
  const countries = new Map(dataset.countries.map((c) => [c.code, c.name]));
  const names: Names = {
    country: (code) => local.country(code, countries.get(code) ?? code),
    item: (i, fallback) => local.item(i, english.get(i) ?? fallback ?? i),
  };
  return (
    <Show load={item} what={t('status.what.item', { id })}>
      {(d) => <Item d={d} perspective={perspective} names={names} />}
    </Show>
  );
}

interface Names {
  country: LocalNames['country'];
  item: (id: string, fallback?: string) => string;
}

function Item({ d, perspective, names }: { d: ItemDetail; perspective: string; names: Names }) {
  const t = useT();
  const lang = useLang();
  const areaTitle = useAreaTitle();
  const k = d.concentration;
  const model = d.modelShares;
  // Items with organization shares only, taking their category's shares, or made up of their
  // variants with no country rows of their own have no country rows with a number: show the
  // shares the model runs on, with the suppliers named without one.
  const derived =
    model.origin === 'organizations' ||
    model.origin === 'category' ||
    (model.origin === 'variants' && !d.countryShares.some((c) => c.share !== null));
  // What the bars leave unattributed: of the shares shown (the model's, where derived).
  const unattributed = derived
    ? Math.max(0, 1 - model.shares.reduce((s, x) => s + x.share, 0))
    : k.unattributed;
  const countries = (
    derived
      ? [
          ...model.shares.map((x) => ({
            country: x.country,
            share: x.share as number | null,
            basis: null,
            year: null,
            source: null,
            confidence: null,
          })),
          ...d.countryShares.filter(
            (c) => c.share === null && !model.shares.some((x) => x.country === c.country),
          ),
        ]
      : d.countryShares.slice()
  ).sort((a, b) => (b.share ?? -1) - (a.share ?? -1));
  const shares = new Map(
    countries.filter((c) => c.share !== null).map((c) => [c.country, c.share!]),
  );
  const unknown = new Set(countries.filter((c) => c.share === null).map((c) => c.country));
  // Data year and confidence of every row behind the shares, country and organization rows.
  const rows = [...d.countryShares, ...d.organizationShares].filter((r) => r.share !== null);
  const years = [...new Set(rows.map((r) => r.year).filter((y) => y !== null))].sort();
  const conf = [...new Set(rows.map((r) => r.confidence).filter((c) => c !== null))].sort();
  return (
    <article>
      <div className="page-head">
        <h1>{names.item(d.item, d.name)}</h1>
        <a href={href('graph', d.area, { p: perspective })}>
          {t('item.areaChain', { area: areaTitle(d.area) })}
        </a>
      </div>
      <p className="muted">
        {d.item} · {kindLabel(lang, d.kind)}
        {d.stage ? ` · ${d.stage}` : ''}
        {d.variantOf ? (
          <>
            {' '}
            · {t('item.typeOf')}{' '}
            <a href={href('item', d.variantOf, { p: perspective })}>{names.item(d.variantOf)}</a>
          </>
        ) : null}
        {d.variants.length ? (
          <span data-testid="item-variants">
            {' '}
            · {t('item.types')}{' '}
            {d.variants.map((v, k) => (
              <span key={v}>
                {k ? ', ' : ''}
                <a href={href('item', v, { p: perspective })}>{names.item(v)}</a>
              </span>
            ))}
          </span>
        ) : null}
      </p>
      {d.description ? (
        <p className="lede" lang="en">
          {d.description}
        </p>
      ) : null}
      <dl className="figures wide">
        <div>
          <dt>{t('item.hhi')}</dt>
          <dd className="big" data-testid="item-hhi">
            {hhiLabel(k.hhi)}
          </dd>
        </div>
        <div>
          <dt>{t('item.to75')}</dt>
          <dd className="big" data-testid="item-to75">
            {k.countriesTo75 ?? '–'}
          </dd>
        </div>
        <div>
          <dt>{t('item.topSupplier')}</dt>
          <dd className="big">{k.top ? `${k.top.country} ${pct(k.top.share)}` : '–'}</dd>
        </div>
        <div>
          <dt>{t('item.worldMarket')}</dt>
          <dd className="big">
            {usd(d.marketSizeUsd)}
            {d.marketYear ? <small> ({d.marketYear})</small> : null}
          </dd>
        </div>
        <div>
          <dt>{t('item.yearConfidence')}</dt>
          <dd className="big">
            {years.length ? years.join(', ') : '–'} · {conf.length ? conf.join(', ') : '–'}
          </dd>
        </div>
      </dl>
      <div className="two">
        <section aria-labelledby="by-country">
          <h2 id="by-country">{t('item.byCountry')}</h2>
          <Bars
            label={t('item.byCountry')}
            bars={countries.map((c) => ({
              key: c.country,
              label:
                c.country === 'ROW'
                  ? t('common.row')
                  : `${names.country(c.country)} (${c.country})`,
              value: c.share,
              title: [
                c.basis,
                c.year,
                c.source,
                c.confidence && t('item.confidence', { c: c.confidence }),
              ]
                .filter(Boolean)
                .join(' · '),
            }))}
          />
          {unattributed > 0.0005 ? (
            <p className="muted small" data-testid="item-unattributed">
              {t('item.unattributed', { share: pct(unattributed) })}
            </p>
          ) : null}
          {model.origin === 'countries' ? null : (
            <p className="muted small" data-testid="item-model-shares">
              {model.origin === 'organizations'
                ? t('item.fromOrgs')
                : model.origin === 'category'
                  ? t('item.fromCategory', { item: names.item(model.from!) })
                  : model.origin === 'variants'
                    ? t('item.fromVariants')
                    : t('item.madeWhereUsed')}
            </p>
          )}
        </section>
        <section aria-labelledby="map-title">
          <h2 id="map-title">{t('item.whereMade')}</h2>
          <WorldMap
            shares={shares}
            unknown={unknown}
            label={t('item.mapLabel', { name: names.item(d.item, d.name) })}
          />
        </section>
      </div>
      <section aria-labelledby="by-org">
        <h2 id="by-org">{t('item.byOrg')}</h2>
        {d.organizationConcentration.hhi !== null ? (
          <p className="muted small">
            {t('item.orgHhi', {
              hhi: hhiLabel(d.organizationConcentration.hhi),
              n: d.organizationConcentration.organizationsTo75 ?? '–',
            })}
          </p>
        ) : null}
        <Bars
          label={t('item.byOrg')}
          bars={d.organizationShares
            .slice()
            .sort((a, b) => (b.share ?? -1) - (a.share ?? -1))
            .map((o) => ({
              key: o.organization,
              label: `${o.name} (${o.country})`,
              value: o.share,
              title: [
                o.basis,
                o.year,
                o.source,
                o.confidence && t('item.confidence', { c: o.confidence }),
              ]
                .filter(Boolean)
                .join(' · '),
            }))}
        />
      </section>
      <div className="two">
        <div>
          <ItemLinks
            title={t('item.requires')}
            links={linkRows(d.requires)}
            perspective={perspective}
            names={names.item}
          />
          {model.origin === 'variants' && d.requires.length ? (
            <p className="muted small" data-testid="item-requires-unused">
              {t('item.requiresUnused')}
            </p>
          ) : null}
        </div>
        <ItemLinks
          title={t('item.requiredBy')}
          links={linkRows(d.requiredBy)}
          perspective={perspective}
          names={names.item}
        />
      </div>
      <SourceList title={t('sources.title')} sources={d.sources} />
    </article>
  );
}

/** Requirement rows as the links list shows them. */
function linkRows(rows: ItemDetail['requiredBy']) {
  return rows.map((r) => ({ item: r.item, criticality: r.criticality, group: r.group }));
}
