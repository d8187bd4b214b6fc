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
import { href } from '../route.js';
import { useApi } from '../use-api.js';
import { areaTitle } from './areas.js';
import { ItemLinks } from './ItemLinks.js';
import { SourceList } from './SourceList.js';

export function ItemPage({ route, perspective, dataset }: PageProps) {
  const id = route.arg;
  const item = useApi(() => api.item(id), [id]);
  const items = useApi(() => api.items(), []);
  const names: Names = {
    country: new Map(dataset.countries.map((c) => [c.code, c.name])),
    item: new Map(items.state === 'ok' ? items.data.map((i) => [i.id, i.name]) : []),
  };
  return (
    <Show load={item} what={`item ${id}`}>
      {(d) => <Item d={d} perspective={perspective} names={names} />}
    </Show>
  );
}

interface Names {
  country: ReadonlyMap<string, string>;
  item: ReadonlyMap<string, string>;
}

function Item({ d, perspective, names }: { d: ItemDetail; perspective: string; names: Names }) {
  const k = d.concentration;
  const countries = d.countryShares.slice().sort((a, b) => (b.share ?? -1) - (a.share ?? -1));
  const shares = new Map(
    countries.filter((c) => c.share !== null).map((c) => [c.country, c.share!]),
  );
  const unknown = new Set(countries.filter((c) => c.share === null).map((c) => c.country));
  const years = [...new Set(countries.map((c) => c.year).filter((y) => y !== null))].sort();
  const conf = [...new Set(countries.map((c) => c.confidence).filter((c) => c !== null))];
  return (
    <article>
      <div className="page-head">
        <h1>{d.name}</h1>
        <a href={href('graph', d.area, { p: perspective })}>{areaTitle(d.area)} supply chain</a>
      </div>
      <p className="muted">
        {d.item} · {d.kind}
        {d.stage ? ` · ${d.stage}` : ''}
        {d.variantOf ? (
          <>
            {' '}
            · a type of{' '}
            <a href={href('item', d.variantOf, { p: perspective })}>
              {names.item.get(d.variantOf) ?? d.variantOf}
            </a>
          </>
        ) : null}
      </p>
      {d.description ? <p className="lede">{d.description}</p> : null}
      <dl className="figures wide">
        <div>
          <dt>HHI (countries)</dt>
          <dd className="big" data-testid="item-hhi">
            {hhiLabel(k.hhi)}
          </dd>
        </div>
        <div>
          <dt>Countries to reach 75%</dt>
          <dd className="big" data-testid="item-to75">
            {k.countriesTo75 ?? '–'}
          </dd>
        </div>
        <div>
          <dt>Top supplier</dt>
          <dd className="big">{k.top ? `${k.top.country} ${pct(k.top.share)}` : '–'}</dd>
        </div>
        <div>
          <dt>World market</dt>
          <dd className="big">
            {usd(d.marketSizeUsd)}
            {d.marketYear ? <small> ({d.marketYear})</small> : null}
          </dd>
        </div>
        <div>
          <dt>Data year · confidence</dt>
          <dd className="big">
            {years.length ? years.join(', ') : '–'} · {conf.length ? conf.join(', ') : '–'}
          </dd>
        </div>
      </dl>
      <div className="two">
        <section aria-labelledby="by-country">
          <h2 id="by-country">Shares by country</h2>
          <Bars
            label="Shares by country"
            bars={countries.map((c) => ({
              key: c.country,
              label:
                c.country === 'ROW'
                  ? 'Rest of world'
                  : `${names.country.get(c.country) ?? c.country} (${c.country})`,
              value: c.share,
              title: [c.basis, c.year, c.source, c.confidence && `confidence ${c.confidence}`]
                .filter(Boolean)
                .join(' · '),
            }))}
          />
          {k.unattributed > 0.0005 ? (
            <p className="muted small">Unattributed (rest of world): {pct(k.unattributed)}</p>
          ) : null}
        </section>
        <section aria-labelledby="map-title">
          <h2 id="map-title">Where it is made</h2>
          <WorldMap shares={shares} unknown={unknown} label={`World map of ${d.name} shares`} />
        </section>
      </div>
      <section aria-labelledby="by-org">
        <h2 id="by-org">Shares by organization</h2>
        {d.organizationConcentration.hhi !== null ? (
          <p className="muted small">
            HHI over organizations {hhiLabel(d.organizationConcentration.hhi)}; organizations to
            reach 75%: {d.organizationConcentration.organizationsTo75 ?? '–'}
          </p>
        ) : null}
        <Bars
          label="Shares by organization"
          bars={d.organizationShares
            .slice()
            .sort((a, b) => (b.share ?? -1) - (a.share ?? -1))
            .map((o) => ({
              key: o.organization,
              label: `${o.name} (${o.country})`,
              value: o.share,
            }))}
        />
      </section>
      <div className="two">
        <ItemLinks
          title="Requires (upstream)"
          links={d.requires.map((r) => ({
            item: r.item,
            criticality: r.criticality,
            group: r.group,
          }))}
          perspective={perspective}
          names={names.item}
        />
        <ItemLinks
          title="Required by (downstream)"
          links={d.requiredBy.map((r) => ({
            item: r.item,
            criticality: r.criticality,
            group: r.group,
          }))}
          perspective={perspective}
          names={names.item}
        />
      </div>
      <SourceList title="Sources" sources={d.sources} />
    </article>
  );
}
