/**
 * A policy brief as one self-contained HTML page (docs/briefs.md): key findings in sentences,
 * charts and a world map as inline SVG, tables, every figure footnoted to its sources and data
 * years, the model's assumptions, and the dataset version and command that reproduce it. No
 * script, no external font or image: it opens with no network and prints as it shows.
 */
import type { CompiledDataset } from '../core/compile.js';
import type { DatasetMeta } from '../core/dataset.js';
import type { Lang, MessageKey } from '../core/i18n/index.js';
import {
  formatDate,
  formatList,
  formatNumber,
  formatPercent,
  formatUsd,
  scenarioDescription,
  scenarioLabel,
  t,
} from '../core/i18n/index.js';
import type { BriefData, Provenance } from './brief-data.js';
import type { Namer } from './brief-text.js';
import { findings, namer, perspectiveName, yearRange } from './brief-text.js';
import { BRIEF_CSS } from './brief-css.js';
import { Footnotes, compactNumbers } from './footnotes.js';
import { esc, safeUrl } from './html.js';
import { barChart } from './svg-bars.js';
import { worldMap } from './svg-map.js';

export interface RenderOptions {
  lang: Lang;
  meta: DatasetMeta;
  /** The command that reproduces the brief, shown at the end. */
  command: string;
  /** The date printed under the title (ISO); none when undefined. */
  date?: string | undefined;
}

const ASSUMPTIONS: MessageKey[] = [
  'brief.a.shares',
  'brief.a.hhi',
  'brief.a.areaShare',
  'brief.a.equilibrium',
  'brief.a.allocation',
  'brief.a.var',
  'brief.a.rank',
  'brief.a.static',
];

class Page {
  readonly notes: Footnotes;
  private figure = 0;
  private table = 0;

  constructor(
    readonly c: CompiledDataset,
    readonly lang: Lang,
    readonly n: Namer,
  ) {
    this.notes = new Footnotes(c.dataset.sources);
  }

  tr(key: MessageKey, params?: Record<string, string | number>): string {
    return t(this.lang, key, params);
  }

  /** Superscript links to the notes of these sources. */
  refs(ids: Iterable<string | undefined | null>): string {
    const ns = this.notes.cite(ids);
    if (!ns.length) return '';
    return `<sup class="ref">[${ns.map((k) => `<a href="#src-${k}">${k}</a>`).join(', ')}]</sup>`;
  }

  /** "Sources: [1–3]. Data year: 2024." for a figure or table. */
  provenance(p: Provenance, extra: Iterable<string> = []): string {
    const ns = this.notes.cite([...p.sources, ...extra]);
    const src = ns.length
      ? this.tr('brief.sources', { refs: `[${compactNumbers(ns)}]` })
      : this.tr('brief.noSources');
    return `${esc(src)} ${esc(this.tr('brief.dataYears', { years: yearRange(this.lang, p.years) }))}`;
  }

  fig(title: string, svg: string, p: Provenance, note = '', extra: Iterable<string> = []): string {
    const k = ++this.figure;
    return (
      `<figure><figcaption class="title">${esc(this.tr('brief.figure', { n: k }))} ${esc(title)}</figcaption>` +
      `${svg}<figcaption class="source">${note ? `${esc(note)} ` : ''}${this.provenance(p, extra)}</figcaption></figure>`
    );
  }

  tableCaption(title: string): string {
    return `<caption>${esc(this.tr('brief.table', { n: ++this.table }))} ${esc(title)}</caption>`;
  }
}

const pctTicks = (lang: Lang, max = 1) =>
  [0, 0.25, 0.5, 0.75, 1].map((v) => ({ value: v * max, label: formatPercent(lang, v * max, 0) }));

function areasSection(pg: Page, d: BriefData, p: string): string {
  const { lang } = pg;
  const rows = d.areas.map((a) => ({
    label: pg.n.area(a.id),
    value: a.share,
    text: a.share === null ? pg.tr('common.unknown') : formatPercent(lang, a.share),
  }));
  const all: Provenance = {
    sources: [...new Set(d.areas.flatMap((a) => a.provenance.sources))].sort(),
    years: [...new Set(d.areas.flatMap((a) => a.provenance.years))].sort((x, y) => x - y),
  };
  return (
    `<section><h2>${esc(pg.tr('brief.h.standing', { p }))}</h2>` +
    `<p>${esc(pg.tr('brief.standingLede', { p }))}</p>` +
    pg.fig(
      pg.tr('brief.fig.areas', { p }),
      barChart({ rows, title: pg.tr('brief.fig.areas', { p }), max: 1, ticks: pctTicks(lang) }),
      all,
      pg.tr('brief.fig.areasNote'),
    ) +
    '</section>'
  );
}

function chokepointSection(pg: Page, d: BriefData, p: string): string {
  const { lang, n } = pg;
  if (!d.chokepoints.length) {
    return `<section><h2>${esc(pg.tr('brief.h.chokepoints'))}</h2><p>${esc(pg.tr('brief.f.noChokepoints', { p }))}</p></section>`;
  }
  const prov: Provenance = {
    sources: [...new Set(d.chokepoints.flatMap((r) => r.provenance.sources))].sort(),
    years: [...new Set(d.chokepoints.flatMap((r) => r.provenance.years))].sort((a, b) => a - b),
  };
  const chart = barChart({
    title: pg.tr('brief.fig.hhi', { p }),
    max: 10000,
    rows: d.chokepoints.map((r) => ({
      label: n.item(r.item),
      value: r.hhi,
      text:
        formatNumber(lang, r.hhi === null ? null : Math.round(r.hhi)) +
        (r.top ? ` · ${r.top.country} ${formatPercent(lang, r.top.share, 0)}` : ''),
    })),
    ticks: [0, 2500, 5000, 7500, 10000].map((v) => ({ value: v, label: formatNumber(lang, v) })),
    reference: { value: 2500, label: pg.tr('brief.fig.hhiLine') },
  });
  const rows = d.chokepoints
    .map(
      (r) =>
        `<tr><td>${esc(n.item(r.item))}</td><td>${esc(n.area(r.area))}</td>` +
        `<td class="num">${esc(formatNumber(lang, r.hhi === null ? null : Math.round(r.hhi)))}</td>` +
        `<td>${r.top ? `${esc(n.country(r.top.country))} ${esc(formatPercent(lang, r.top.share, 0))}` : '–'}</td>` +
        `<td class="num">${esc(r.domesticUnknown && r.domestic === 0 ? pg.tr('common.unknown') : formatPercent(lang, r.domestic))}</td>` +
        `<td class="num">${esc(yearRange(lang, r.provenance.years))}</td>` +
        `<td>${pg.refs(r.provenance.sources)}</td></tr>`,
    )
    .join('');
  const table =
    `<table>${pg.tableCaption(pg.tr('brief.tab.chokepoints', { p }))}<thead><tr>` +
    [
      'col.item',
      'col.area',
      'brief.col.hhi',
      'brief.col.top',
      'brief.col.pShare',
      'brief.col.year',
      'brief.col.sources',
    ]
      .map(
        (k, i) =>
          `<th${[2, 4, 5].includes(i) ? ' class="num"' : ''}>${esc(pg.tr(k as MessageKey, { p }))}</th>`,
      )
      .join('') +
    `</tr></thead><tbody>${rows}</tbody></table>`;
  return (
    `<section><h2>${esc(pg.tr('brief.h.chokepoints'))}</h2>` +
    `<p>${esc(pg.tr('brief.chokeLede', { p, n: d.concentratedCount }))}</p>` +
    pg.fig(pg.tr('brief.fig.hhi', { p }), chart, prov, pg.tr('brief.fig.hhiNote')) +
    table +
    mapFigure(pg, d) +
    '</section>'
  );
}

function mapFigure(pg: Page, d: BriefData): string {
  const f = d.focus;
  if (!f) return '';
  const { lang, n } = pg;
  const shares = new Map(
    f.shares.filter((s) => s.country !== 'ROW').map((s) => [s.country, s.share]),
  );
  const legend = f.shares
    .filter((s) => s.country !== 'ROW')
    .slice(0, 8)
    .map((s) => ({
      code: s.country,
      text: `${n.country(s.country)} ${s.share === null ? '?' : formatPercent(lang, s.share, s.share < 0.095 ? 1 : 0)}`,
    }));
  const title = pg.tr('brief.fig.map', { item: n.item(f.item.id) });
  return pg.fig(
    title,
    worldMap({
      shares,
      title,
      legend,
      labels: { unknown: pg.tr('map.swatchUnknown'), none: pg.tr('map.swatchNone') },
    }),
    f.provenance,
    pg.tr('brief.fig.mapNote'),
  );
}

function rankSection(pg: Page, d: BriefData, p: string): string {
  const r = d.rank;
  if (!r) return '';
  const { lang, n } = pg;
  const head = `<section><h2>${esc(pg.tr('brief.h.rank'))}</h2><p>${esc(
    pg.tr('brief.rankLede', {
      p,
      list: formatList(lang, r.restrictors.map(n.country)),
    }),
  )}</p>`;
  if (!r.rows.length) return `${head}<p>${esc(pg.tr('rank.none', { p }))}</p></section>`;
  const label = (x: (typeof r.rows)[number]) =>
    pg.tr('brief.rankLabel', { item: n.item(x.item), by: x.restrictor });
  const chart = barChart({
    title: pg.tr('brief.fig.rank', { p }),
    rows: r.rows.map((x) => ({
      label: label(x),
      value: x.valueAtRisk,
      text: `${formatUsd(lang, x.valueAtRisk)} · ${formatPercent(lang, x.shareOfProduction, 2)}`,
      accent: true,
    })),
  });
  const rows = r.rows
    .map(
      (x) =>
        `<tr><td>${esc(n.item(x.item))}</td><td>${esc(n.country(x.restrictor))}</td>` +
        `<td class="num">${esc(formatPercent(lang, x.controlled))}</td>` +
        `<td class="num">${esc(formatUsd(lang, x.valueAtRisk))}</td>` +
        `<td class="num">${esc(formatPercent(lang, x.shareOfProduction, 2))}</td>` +
        `<td class="num">${esc(formatUsd(lang, x.fullDecouplingValueAtRisk))}</td>` +
        `<td>${pg.refs(d.rank!.provenance.sources.filter((s) => itemSources(pg.c, x.item).has(s)))}</td></tr>`,
    )
    .join('');
  const cols: [MessageKey, boolean][] = [
    ['col.item', false],
    ['rank.col.by', false],
    ['rank.col.controls', true],
    ['col.valueAtRisk', true],
    ['rank.col.ofOutput', true],
    ['rank.col.decoupling', true],
    ['brief.col.sources', false],
  ];
  return (
    head +
    pg.fig(
      pg.tr('brief.fig.rank', { p }),
      chart,
      r.provenance,
      pg.tr('brief.fig.rankNote', { p }),
    ) +
    `<table>${pg.tableCaption(pg.tr('brief.tab.rank', { p }))}<thead><tr>${cols
      .map(([k, num]) => `<th${num ? ' class="num"' : ''}>${esc(pg.tr(k))}</th>`)
      .join('')}</tr></thead><tbody>${rows}</tbody></table></section>`
  );
}

function itemSources(c: CompiledDataset, item: string): Set<string> {
  const out = new Set<string>();
  for (const s of c.dataset.shares) if (s.item === item && s.source) out.add(s.source);
  const it = c.dataset.items[c.itemIndex.get(item) ?? -1];
  if (it?.source) out.add(it.source);
  return out;
}

function scenarioSection(pg: Page, d: BriefData, p: string): string {
  const sim = d.sim;
  if (!sim) return '';
  const { lang, n } = pg;
  const s = sim.report;
  const name = scenarioLabel(lang, sim.scenario);
  const description = scenarioDescription(lang, sim.scenario);
  const lossItems = [...new Set(s.losses.flatMap((l) => [l.item, ...l.why]))];
  const prov: Provenance = {
    sources: [...new Set(lossItems.flatMap((i) => [...itemSources(pg.c, i)]))].sort(),
    years: [
      ...new Set(
        pg.c.dataset.shares
          .filter((r) => lossItems.includes(r.item) && r.year !== undefined)
          .map((r) => r.year!),
      ),
    ].sort((a, b) => a - b),
  };
  const areas = s.byArea.filter((a) => a.baselineValue > 0);
  const chart = barChart({
    title: pg.tr('brief.fig.sim', { p }),
    max: 1,
    rows: areas.map((a) => ({
      label: n.area(a.area),
      value: a.capabilityIndex,
      behind: 1,
      accent: a.capabilityIndex < 0.9995,
      text:
        formatPercent(lang, a.capabilityIndex) +
        (a.valueAtRisk > 0 ? ` (−${formatUsd(lang, a.valueAtRisk)})` : ''),
    })),
    ticks: pctTicks(lang),
  });
  const shocks = sim.scenario.shocks.length;
  const losses = s.losses
    .slice(0, 8)
    .map((l) => {
      const chain = (l.why[0] === l.item ? l.why.slice(1) : l.why).map(n.item);
      return (
        `<tr><td>${esc(n.item(l.item))}</td><td class="nw">${esc(n.country(l.country))}</td>` +
        `<td class="num">${esc(formatPercent(lang, l.x))}</td>` +
        `<td class="num">${esc(formatUsd(lang, l.valueLost))}</td>` +
        `<td>${esc(chain.length ? chain.join(' ← ') : pg.tr('brief.direct'))}</td>` +
        `<td>${pg.refs([...itemSources(pg.c, l.item)])}</td></tr>`
      );
    })
    .join('');
  const cols: [MessageKey, boolean][] = [
    ['col.item', false],
    ['result.col.in', false],
    ['result.col.output', true],
    ['result.col.valueLost', true],
    ['result.col.why', false],
    ['brief.col.sources', false],
  ];
  return (
    `<section><h2>${esc(pg.tr('brief.h.scenario', { name }))}</h2>` +
    `<p>${esc(
      pg.tr('brief.scenarioLede', {
        ref: sim.ref,
        n: shocks,
        mode: pg.tr(s.reallocation === 'fixed' ? 'mode.fixed' : 'mode.market'),
      }),
    )}` +
    `${sim.scenario.sources.length ? ` ${pg.refs(sim.scenario.sources)}` : ''}</p>` +
    (description
      ? `<blockquote lang="${description.lang}">${esc(description.text)}</blockquote>`
      : '') +
    `<p class="figures"><span><b>${esc(formatPercent(lang, s.capabilityIndex, 2))}</b> ${esc(pg.tr('result.ci'))}</span>` +
    `<span><b>${esc(formatUsd(lang, s.valueAtRisk))}</b> ${esc(pg.tr('result.var'))}</span>` +
    `<span><b>${esc(formatUsd(lang, s.baselineValue))}</b> ${esc(pg.tr('result.baseline'))}</span></p>` +
    pg.fig(
      pg.tr('brief.fig.sim', { p }),
      chart,
      prov,
      pg.tr('brief.fig.simNote'),
      sim.scenario.sources,
    ) +
    (s.losses.length
      ? `<table>${pg.tableCaption(pg.tr('brief.tab.losses', { p, n: Math.min(8, s.losses.length), total: s.losses.length }))}<thead><tr>${cols
          .map(([k, num]) => `<th${num ? ' class="num"' : ''}>${esc(pg.tr(k))}</th>`)
          .join('')}</tr></thead><tbody>${losses}</tbody></table>`
      : `<p>${esc(pg.tr('result.noLoss', { p }))}</p>`) +
    (s.converged
      ? ''
      : `<p class="warn">${esc(pg.tr('brief.notConverged', { n: s.iterations }))}</p>`) +
    '</section>'
  );
}

function planSection(pg: Page, d: BriefData): string {
  const pl = d.plan;
  if (!pl) return '';
  const { lang } = pg;
  const projects = pl.projects?.length
    ? pl.projects
    : pl.chosen.map((id) => ({ id, cost: Number.NaN, marginalGain: undefined }));
  const rows = projects
    .map(
      (x) =>
        `<tr><td>${esc(x.id)}</td><td class="num">${esc(formatUsd(lang, x.cost))}</td>` +
        `<td class="num">${esc(formatUsd(lang, x.marginalGain ?? null))}</td></tr>`,
    )
    .join('');
  return (
    `<section><h2>${esc(pg.tr('brief.h.plan'))}</h2>` +
    `<p class="figures"><span><b>${esc(formatUsd(lang, pl.cost))}</b> ${esc(pg.tr('brief.plan.cost'))}</span>` +
    `<span><b>${esc(formatUsd(lang, pl.lossBefore))}</b> ${esc(pg.tr('brief.plan.before'))}</span>` +
    `<span><b>${esc(formatUsd(lang, pl.lossAfter))}</b> ${esc(pg.tr('brief.plan.after'))}</span></p>` +
    `<table>${pg.tableCaption(pg.tr('brief.tab.plan'))}<thead><tr><th>${esc(pg.tr('brief.plan.project'))}</th>` +
    `<th class="num">${esc(pg.tr('brief.plan.projectCost'))}</th><th class="num">${esc(pg.tr('brief.plan.gain'))}</th></tr></thead>` +
    `<tbody>${rows}</tbody></table><p class="note">${esc(pg.tr('brief.plan.note'))}</p></section>`
  );
}

function sourcesSection(pg: Page): string {
  const items = pg.notes
    .list()
    .map(({ n, id, source: s }) => {
      if (!s) return `<li id="src-${n}">${esc(id)}</li>`;
      const url = safeUrl(s.url);
      const title = url ? `<a href="${esc(url)}">${esc(s.title)}</a>` : esc(s.title);
      const bits = [s.publisher, s.year, s.license].filter((x) => x !== undefined && x !== '');
      return (
        `<li id="src-${n}">${title}${bits.length ? ` · ${esc(bits.join(' · '))}` : ''}` +
        ` <span class="id">[${esc(s.id)}]</span>${url ? `<div class="url">${esc(url)}</div>` : ''}</li>`
      );
    })
    .join('');
  return `<section class="sources"><h2>${esc(pg.tr('sources.title'))}</h2><ol>${items}</ol></section>`;
}

export function renderBrief(c: CompiledDataset, d: BriefData, o: RenderOptions): string {
  const { lang } = o;
  const n = namer(c, lang);
  const pg = new Page(c, lang, n);
  const p = perspectiveName(d, n);
  const scope = d.area === undefined ? pg.tr('brief.allAreas') : n.area(d.area);
  const meta = [
    pg.tr('brief.meta.scope', { scope }),
    d.sim ? pg.tr('brief.meta.scenario', { name: scenarioLabel(lang, d.sim.scenario) }) : '',
    pg.tr('brief.meta.dataset', { name: o.meta.name ?? '–', version: o.meta.version ?? '' }),
    o.date ? pg.tr('brief.meta.date', { date: formatDate(lang, o.date) }) : '',
  ].filter(Boolean);
  const members = d.perspective.isBloc
    ? `<p class="members">${esc(pg.tr('brief.members', { p: d.perspective.id, list: formatList(lang, d.members.map(n.country)) }))}</p>`
    : '';
  // Sections first: they number the sources as they cite them.
  const body =
    areasSection(pg, d, p) +
    chokepointSection(pg, d, p) +
    rankSection(pg, d, p) +
    scenarioSection(pg, d, p) +
    planSection(pg, d);
  const assumptions = ASSUMPTIONS.map((k) => `<li>${esc(pg.tr(k))}</li>`).join('');
  const eto = pg.notes
    .list()
    .some(({ id, source }) => /eto|cset/i.test(`${id} ${source?.publisher ?? ''}`));
  return [
    '<!doctype html>',
    `<html lang="${lang}"><head><meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${esc(pg.tr('brief.title', { p }))}</title>`,
    `<style>${BRIEF_CSS}</style></head><body><main>`,
    `<header><div class="kicker">${esc(pg.tr('brief.kicker'))}</div>`,
    `<h1>${esc(pg.tr('brief.title', { p }))}</h1>`,
    `<p class="meta">${meta.map(esc).join(' · ')}</p>${members}</header>`,
    `<section class="findings"><h2>${esc(pg.tr('brief.h.findings'))}</h2><ol>${findings(d, lang, n)
      .map((f) => `<li>${esc(f)}</li>`)
      .join('')}</ol></section>`,
    body,
    `<section><h2>${esc(pg.tr('brief.h.assumptions'))}</h2><ul class="assumptions">${assumptions}</ul></section>`,
    sourcesSection(pg),
    eto ? `<p class="note">${esc(pg.tr('data.etoAttribution'))}</p>` : '',
    `<footer><h2>${esc(pg.tr('brief.h.reproduce'))}</h2>`,
    `<p>${esc(pg.tr('brief.reproduce', { name: o.meta.name ?? '–', version: o.meta.version ?? '' }))}</p>`,
    `<pre><code>${esc(o.command)}</code></pre>`,
    o.meta.license
      ? `<p class="note">${esc(pg.tr('brief.licence', { licence: o.meta.license }))}</p>`
      : '',
    '</footer></main></body></html>',
  ].join('\n');
}
