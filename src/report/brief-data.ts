/**
 * The numbers a brief shows, computed with the model's own answers: the overview (shares per
 * area, concentrated items the perspective does not control), a chokepoint ranking restricted
 * to the main suppliers (core/rank.ts), a scenario through the equilibrium with its why chains
 * (core/simulate.ts), and a plan's summary. Each figure keeps the source ids and data years of
 * the rows behind it, for the footnotes.
 */
import type { CompiledDataset } from '../core/compile.js';
import type { ScenarioDiff } from '../core/equilibrium/scenario-diff.js';
import type { Item } from '../core/dataset.js';
import type { OverviewArea, OverviewItem } from '../core/overview.js';
import { modelShares } from '../core/metrics.js';
import { HIGH_HHI, overview } from '../core/overview.js';
import type { Perspective } from '../core/perspective.js';
import { resolveArea, resolveItem, resolvePerspective } from '../core/perspective.js';
import type { RankAnswerRow } from '../core/queries/index.js';
import { rankQuery } from '../core/queries/index.js';
import type { Scenario } from '../core/scenario.js';
import type { SimulationReport } from '../core/simulate.js';
import { simulate } from '../core/simulate.js';
import type { PlanSummary } from './plan-summary.js';

export interface BriefOptions {
  /** Perspective: a country code or a bloc id. */
  country: string;
  /** Only this area's items (chokepoints, ranking); all areas when undefined. */
  area?: string | undefined;
  /** The item mapped ("where it is made"); default the most concentrated chokepoint. */
  item?: string | undefined;
  /** A resolved scenario to simulate, with the name the command line gave it. */
  scenario?: { scenario: Scenario; diff: ScenarioDiff; ref: string } | undefined;
  plan?: PlanSummary | undefined;
  /** Rank single restrictions by the main suppliers. Default true. */
  rank?: boolean | undefined;
  /** Restrictors ranked: default the 6 countries that are top supplier of most chokepoints. */
  restrictors?: readonly string[] | undefined;
  /** Chokepoints listed. Default 8. */
  top?: number | undefined;
}

/** Where a figure's numbers come from: source ids and the data years of its rows. */
export interface Provenance {
  sources: string[];
  years: number[];
}

export interface BriefChokepoint extends OverviewItem {
  area: string;
  provenance: Provenance;
}

export interface BriefData {
  perspective: Perspective;
  members: string[];
  area: string | undefined;
  areas: (OverviewArea & { provenance: Provenance })[];
  chokepoints: BriefChokepoint[];
  /** Concentrated (HHI >= 2,500) items the perspective holds under half of, in the areas shown. */
  concentratedCount: number;
  focus: {
    item: Item;
    shares: { country: string; share: number | null }[];
    provenance: Provenance;
  } | null;
  rank: { rows: RankAnswerRow[]; restrictors: string[]; provenance: Provenance } | null;
  sim: { report: SimulationReport; scenario: Scenario; ref: string } | null;
  plan: PlanSummary | null;
}

function provenance(c: CompiledDataset, items: Iterable<string>): Provenance {
  const want = new Set(items);
  const sources = new Set<string>();
  const years = new Set<number>();
  for (const s of c.dataset.shares) {
    if (!want.has(s.item)) continue;
    if (s.source) sources.add(s.source);
    if (s.year !== undefined) years.add(s.year);
  }
  for (const it of c.dataset.items) {
    if (want.has(it.id) && it.source && it.marketSizeUsd !== undefined) sources.add(it.source);
  }
  return { sources: [...sources].sort(), years: [...years].sort((a, b) => a - b) };
}

/** The countries that are top supplier of most of the listed items (not the perspective). */
function mainSuppliers(list: readonly OverviewItem[], members: ReadonlySet<string>, n: number) {
  const count = new Map<string, number>();
  for (const r of list) {
    const k = r.top?.country;
    if (k && !members.has(k) && k !== 'ROW') count.set(k, (count.get(k) ?? 0) + 1);
  }
  return [...count]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([k]) => k);
}

export function briefData(c: CompiledDataset, o: BriefOptions): BriefData {
  const p = resolvePerspective(c, o.country);
  if (o.area !== undefined) resolveArea(c, o.area);
  const all = overview(c, p, { top: Number.MAX_SAFE_INTEGER });
  const areas = all.areas.filter((a) => o.area === undefined || a.id === o.area);
  const itemsOf = (area: string) =>
    c.dataset.items.filter((it) => it.area === area).map((it) => it.id);
  const pool = areas.flatMap((a) => a.chokepoints.map((r) => ({ ...r, area: a.id })));
  pool.sort(
    (x, y) =>
      (y.hhi ?? 0) - (x.hhi ?? 0) || x.domestic - y.domestic || x.item.localeCompare(y.item),
  );
  const chokepoints = pool.slice(0, o.top ?? 8).map((r) => ({
    ...r,
    provenance: provenance(c, [r.item]),
  }));
  const members = new Set(all.members);

  let rank: BriefData['rank'] = null;
  if (o.rank ?? true) {
    const restrictors = o.restrictors ?? mainSuppliers(pool, members, 6);
    if (restrictors.length) {
      const { rows } = rankQuery(c, {
        country: p.id,
        restrictors,
        top: Number.MAX_SAFE_INTEGER,
      });
      const inArea = (id: string) =>
        o.area === undefined || c.dataset.items[c.itemIndex.get(id)!]!.area === o.area;
      const top = rows.filter((r) => r.valueAtRisk > 0 && inArea(r.item)).slice(0, 6);
      rank = {
        rows: top,
        restrictors: [...restrictors],
        provenance: provenance(
          c,
          top.map((r) => r.item),
        ),
      };
    }
  }

  // The map shows the item asked for, else the costliest restriction's, else the most
  // concentrated chokepoint.
  const focusId = o.item ?? rank?.rows[0]?.item ?? chokepoints[0]?.item;
  let focus: BriefData['focus'] = null;
  if (focusId !== undefined) {
    const i = resolveItem(c, focusId);
    const it = c.dataset.items[i]!;
    const orgs = new Set(c.dataset.organizations.map((x) => x.id));
    const byCountry = new Map<string, number | null>();
    for (const s of c.dataset.shares) {
      if (s.item !== it.id || orgs.has(s.provider)) continue;
      const prev = byCountry.get(s.provider);
      byCountry.set(s.provider, s.share === null ? (prev ?? null) : (prev ?? 0) + s.share);
    }
    // No country row with a number: map the shares the model runs on (summed over the
    // organizations' headquarters, the category's, or the mean of the variants'), as `show`
    // and the item page do.
    const model = modelShares(c, i);
    const ownNumbers = [...byCountry.values()].some((v) => v !== null);
    if (
      model.origin === 'organizations' ||
      model.origin === 'category' ||
      (model.origin === 'variants' && !ownNumbers)
    ) {
      for (const x of model.shares) byCountry.set(x.country, x.share);
    }
    focus = {
      item: it,
      shares: [...byCountry]
        .map(([country, share]) => ({ country, share }))
        .sort((a, b) => (b.share ?? -1) - (a.share ?? -1) || a.country.localeCompare(b.country)),
      provenance: provenance(c, [it.id]),
    };
  }

  let sim: BriefData['sim'] = null;
  if (o.scenario) {
    const { report } = simulate(c, o.scenario.diff, p, o.scenario.scenario.id);
    sim = { report, scenario: o.scenario.scenario, ref: o.scenario.ref };
  }

  return {
    perspective: p,
    members: all.members,
    area: o.area,
    areas: areas.map((a) => ({ ...a, provenance: provenance(c, itemsOf(a.id)) })),
    chokepoints,
    concentratedCount: pool.filter((r) => (r.hhi ?? 0) >= HIGH_HHI).length,
    focus,
    rank,
    sim,
    plan: o.plan ?? null,
  };
}
