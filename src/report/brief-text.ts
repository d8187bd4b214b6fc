/**
 * The key findings of a brief as sentences generated from its numbers, in the brief's
 * language. Plain text: the page escapes it.
 */
import type { CompiledDataset } from '../core/compile.js';
import type { Lang } from '../core/i18n/index.js';
import { scenarioLabel } from '../core/i18n/index.js';
import {
  areaLabel,
  countryLabel,
  formatList,
  formatPercent,
  formatUsd,
  itemLabel,
  t,
} from '../core/i18n/index.js';
import type { BriefData } from './brief-data.js';

export interface Namer {
  item: (id: string) => string;
  /** A country's name (a bloc's id; ROW as "rest of the world"). */
  country: (code: string) => string;
  area: (id: string) => string;
}

export function namer(c: CompiledDataset, lang: Lang): Namer {
  const countries = new Map(c.dataset.countries.map((k) => [k.code, k]));
  return {
    item: (id) => {
      const i = c.itemIndex.get(id);
      return i === undefined ? id : itemLabel(lang, c.dataset.items[i], id);
    },
    country: (code) =>
      code === 'ROW' ? t(lang, 'common.row') : countryLabel(lang, countries.get(code), code),
    area: (id) => areaLabel(lang, id),
  };
}

export function perspectiveName(d: BriefData, n: Namer): string {
  return d.perspective.isBloc ? d.perspective.id : n.country(d.perspective.id);
}

export function findings(d: BriefData, lang: Lang, n: Namer): string[] {
  const p = perspectiveName(d, n);
  const out: string[] = [];
  const pct = (x: number, digits = 1) => formatPercent(lang, x, digits);
  const usd = (x: number) => formatUsd(lang, x);

  const shared = d.areas.filter((a) => a.share !== null);
  if (shared.length === 1) {
    const a = shared[0]!;
    out.push(
      t(lang, 'brief.f.areaOne', {
        p,
        share: pct(a.share!),
        area: n.area(a.id),
        n: a.items,
        q: a.quantifiedItems,
      }),
    );
  } else if (shared.length > 1) {
    const sorted = [...shared].sort((x, y) => y.share! - x.share! || x.id.localeCompare(y.id));
    const hi = sorted[0]!;
    const lo = sorted[sorted.length - 1]!;
    out.push(
      t(lang, 'brief.f.areas', {
        p,
        hiArea: n.area(hi.id),
        hi: pct(hi.share!),
        loArea: n.area(lo.id),
        lo: pct(lo.share!),
      }),
    );
  }

  if (d.chokepoints.length) {
    const top = d.chokepoints.slice(0, 3).map((r) =>
      t(lang, 'brief.f.chokeItem', {
        item: n.item(r.item),
        top: r.top ? n.country(r.top.country) : t(lang, 'common.unknown'),
        share: r.top ? pct(r.top.share, 0) : '–',
      }),
    );
    out.push(
      t(lang, 'brief.f.chokepoints', {
        n: d.concentratedCount,
        p,
        list: formatList(lang, top),
      }),
    );
  } else {
    out.push(t(lang, 'brief.f.noChokepoints', { p }));
  }

  const r = d.rank?.rows ?? [];
  if (r.length) {
    const first = r[0]!;
    const next = r.slice(1, 3).map((x) =>
      t(lang, 'brief.f.rankNextItem', {
        item: n.item(x.item),
        by: n.country(x.restrictor),
        value: usd(x.valueAtRisk),
      }),
    );
    out.push(
      t(lang, next.length ? 'brief.f.rank' : 'brief.f.rankOne', {
        by: n.country(first.restrictor),
        item: n.item(first.item),
        p,
        value: usd(first.valueAtRisk),
        share: pct(first.shareOfProduction, first.shareOfProduction < 0.01 ? 2 : 1),
        next: formatList(lang, next),
      }),
    );
  }

  if (d.sim) {
    const s = d.sim.report;
    const name = scenarioLabel(lang, d.sim.scenario);
    if (s.valueAtRisk <= 0) {
      out.push(t(lang, 'brief.f.simNone', { p, name }));
    } else {
      const worst = [...s.byArea].sort((a, b) => b.valueAtRisk - a.valueAtRisk)[0]!;
      out.push(
        t(lang, 'brief.f.sim', {
          p,
          name,
          ci: pct(s.capabilityIndex),
          value: usd(s.valueAtRisk),
          base: usd(s.baselineValue),
          area: n.area(worst.area),
          areaValue: usd(worst.valueAtRisk),
        }),
      );
      const l = s.losses[0];
      if (l) {
        const chain = (l.why[0] === l.item ? l.why.slice(1) : l.why).map(n.item);
        // why runs from the loss back to the root: the last item is where the shock starts.
        const params = {
          item: n.item(l.item),
          country: n.country(l.country),
          value: usd(l.valueLost),
          x: pct(l.x),
          root: chain[chain.length - 1] ?? '',
          via: chain.slice(0, -1).join(' → '),
        };
        out.push(
          t(
            lang,
            chain.length === 0
              ? 'brief.f.lossDirect'
              : chain.length === 1
                ? 'brief.f.lossRoot'
                : 'brief.f.lossVia',
            params,
          ),
        );
      }
    }
  }

  if (d.plan) {
    const pl = d.plan;
    const cut = pl.lossBefore > 0 ? 1 - pl.lossAfter / pl.lossBefore : 0;
    out.push(
      t(lang, 'brief.f.plan', {
        n: pl.chosen.length,
        cost: usd(pl.cost),
        before: usd(pl.lossBefore),
        after: usd(pl.lossAfter),
        cut: pct(cut, 0),
      }),
    );
  }
  return out;
}

/** "2022–2024", "2024", or a dash. */
export function yearRange(lang: Lang, years: readonly number[]): string {
  if (!years.length) return t(lang, 'brief.noYear');
  const lo = years[0]!;
  const hi = years[years.length - 1]!;
  return lo === hi ? String(lo) : `${lo}–${hi}`;
}
