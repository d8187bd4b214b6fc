/**
 * ETO provision (provision.csv) as shares, with the organizations and countries they name.
 *
 * - Providers are joined on `provider_id`, never on `provider_name`: some rows still carry
 *   old names ("Fujifilm" for P209, now "Fujifilm Electronic Materials"); the old name becomes
 *   an alias of the organization and is noted.
 * - Shares are percent / 100; a blank share is null (a supplier, share unknown); a 0.0 share
 *   ("negligible" in ETO's notes) is dropped and noted, since a listed provider at zero says
 *   nothing the model can use and would otherwise look like a known zero.
 * - "Various countries" -> ROW. A region (ETO's `EUR`, Europe aggregated, in 2022 rows) is
 *   not an ISO country and cannot be split: its share also goes to ROW, with a note per item
 *   ("EUR (Europe) 10% counted as unattributed"). Rows that land on the same provider (ROW
 *   from both) are summed into one row and noted. "Various companies" rows are dropped from
 *   organization shares: the organization residual is implied.
 * - Country and organization rows of one input are both kept: country shares drive the
 *   model, organization shares are the organization view (MODEL.md §1). Sums of 99-102 are
 *   kept as is (compile normalizes up to 105); a sum above 105 is scaled to 100 and noted.
 * - Year and source per row. A row with a blank source cites its input's (or stage's) chart
 *   source where there is one (noted as a guess), else the ETO dataset itself.
 * - Basis: "capacity" where the chart caption says capacity (fabrication and ATP site
 *   capacity, S2 and S3); "revenue" for TechInsights and WSTS sales data; "value-added" for
 *   the other stage rows (S1, design); blank otherwise, noted per item.
 */
import type { Country, Organization, Share } from '../../core/dataset.js';
import { ROW } from '../../core/dataset.js';
import { countryName } from '../countries.js';
import type { EtoNoteLog } from './eto-notes.js';
import { pct } from './eto-notes.js';
import type { EtoSources } from './eto-sources.js';
import type { ItemMapping } from './map-items.js';
import type { ProviderIndex } from './map-providers.js';
import { parseYear } from './eto-text.js';
import type { ItemLog } from './share-notes.js';
import { emptyItemLog, reportItems } from './share-notes.js';
import type { EtoInputRow, EtoProvisionRow, EtoStageRow } from './read-eto-csv.js';

export interface ShareMapping {
  shares: Share[];
  organizations: Organization[];
  countries: Country[];
}

interface Chart {
  caption: string;
  source: string;
  isStage: boolean;
}

export function mapShares(args: {
  provision: readonly EtoProvisionRow[];
  inputs: readonly EtoInputRow[];
  stages: readonly EtoStageRow[];
  providers: ProviderIndex;
  items: ItemMapping;
  sources: EtoSources;
  notes: EtoNoteLog;
}): ShareMapping {
  const { provision, providers, items, sources, notes } = args;
  const charts = new Map<string, Chart>();
  for (const r of args.inputs) {
    charts.set(r.input_id, {
      caption: r.market_share_chart_caption,
      source: r.market_share_chart_source,
      isStage: false,
    });
  }
  for (const r of args.stages) {
    charts.set(r.stage_id, {
      caption: r.market_share_chart_caption,
      source: r.market_share_chart_source,
      isStage: true,
    });
  }

  const logs = new Map<string, ItemLog>();
  const logOf = (item: string): ItemLog => {
    let l = logs.get(item);
    if (!l) logs.set(item, (l = emptyItemLog()));
    return l;
  };
  const oldNames = new Map<string, Set<string>>();
  const usedOrgs = new Set<string>();
  const orgIds = new Set<string>();
  const codes = new Set<string>();
  const byKey = new Map<string, { share: Share; parts: string[] }>();

  for (const r of provision) {
    const where = `provision.csv row ${r.row}`;
    const item = items.byEtoId.get(r.provided_id);
    if (!item) {
      notes.add(
        'dropped',
        `${where}: provided_id ${r.provided_id} (${r.provided_name}) is not an ETO input or stage`,
      );
      continue;
    }
    const log = logOf(item);
    const p = providers.byId.get(r.provider_id);
    if (!p) {
      notes.add('dropped', `${where}: provider_id ${r.provider_id} is not in providers.csv`, item);
      continue;
    }
    if (r.provider_name && r.provider_name !== p.name && !p.aliases.includes(r.provider_name)) {
      const seen = oldNames.get(p.providerId) ?? new Set<string>();
      oldNames.set(p.providerId, seen);
      if (!seen.has(r.provider_name)) {
        notes.add(
          'normalized',
          `${where} names provider ${p.providerId} "${r.provider_name}"; joined on the id to "${p.name}"`,
          item,
        );
      }
      seen.add(r.provider_name);
    }
    const percent = r.share_provided === '' ? null : Number(r.share_provided);
    if (percent !== null && (!Number.isFinite(percent) || percent < 0 || percent > 100)) {
      notes.add(
        'dropped',
        `${where}: share "${r.share_provided}" of ${p.name} is not a percentage 0..100`,
        item,
      );
      continue;
    }
    if (percent === 0) {
      log.zeros.push(p.name);
      continue;
    }
    let provider: string;
    switch (p.role) {
      case 'residual-companies':
        if (percent !== null) log.variousCompanies.push(percent);
        continue;
      case 'unplaced':
        continue;
      case 'residual-countries':
        provider = ROW;
        if (percent !== null) log.variousCountries.push(percent);
        break;
      case 'region':
        provider = ROW;
        log.regions.push(
          `${p.name}${p.aliases[0] ? ` (${p.aliases[0]}, aggregated)` : ''} ${percent === null ? 'share unknown' : pct(percent)}`,
        );
        break;
      case 'country':
        provider = p.code;
        codes.add(p.code);
        break;
      case 'organization':
        provider = p.orgId;
        usedOrgs.add(p.providerId);
        orgIds.add(p.orgId);
        break;
    }

    if (r.year && parseYear(r.year) === undefined) {
      notes.add('dropped', `${where}: year "${r.year}" is not a year 1900..2100; left blank`, item);
    }
    const chart = charts.get(r.provided_id);
    let sourceText = r.source;
    if (!sourceText && chart?.source) {
      sourceText = chart.source;
      log.chartSource = true;
    } else if (!sourceText) log.noSource = true;
    const basis = basisFor(sourceText, chart);
    if (!basis) log.basisUnknown = true;
    const share: Share = {
      item,
      provider,
      share: percent === null ? null : round(percent / 100),
      basis,
      year: parseYear(r.year),
      source: sources.idFor(sourceText),
    };
    const key = `${item}\u0000${provider}`;
    const part = `${p.name} ${percent === null ? 'unknown' : pct(percent)}`;
    const prev = byKey.get(key);
    if (!prev) {
      byKey.set(key, { share, parts: [part] });
      continue;
    }
    // Two rows on one provider (Various countries and EUR both on ROW): one row, summed.
    prev.parts.push(part);
    if (share.share !== null) prev.share.share = round((prev.share.share ?? 0) + share.share);
  }

  const shares = [...byKey.values()].map(({ share, parts }) => {
    if (parts.length > 1) logOf(share.item).merged.push(`${share.provider} = ${parts.join(' + ')}`);
    return share;
  });
  capSums(shares, orgIds, notes);
  reportItems(items, logs, notes);

  const organizations: Organization[] = [];
  // In providers.csv order, which does not depend on which rows came first.
  for (const p of providers.byId.values()) {
    const id = p.providerId;
    if (p.role !== 'organization' || !usedOrgs.has(id)) continue;
    const aliases = [...new Set([...p.aliases, ...(oldNames.get(id) ?? [])])];
    organizations.push({ id: p.orgId, name: p.name, country: p.country, aliases });
  }
  for (const o of organizations) codes.add(o.country);
  const countries = [...codes].sort().map((code) => ({
    code,
    name: providers.countryNames.get(code) || countryName(code) || code,
  }));
  return { shares, organizations, countries };
}

function basisFor(sourceText: string, chart: Chart | undefined): string | undefined {
  if (chart && /capacity/i.test(chart.caption)) return 'capacity';
  if (/TechInsights|semiconductor sales/i.test(sourceText)) return 'revenue';
  if (chart?.isStage) return 'value-added';
  return undefined;
}

/** Percent / 100 without binary noise (0.7 / 100 is 0.006999999999999999). */
function round(x: number): number {
  return Number(x.toPrecision(12));
}

/** Scale any item's country or organization sum above 105% down to 100%, with a note. */
function capSums(shares: Share[], orgIds: ReadonlySet<string>, notes: EtoNoteLog): void {
  const sums = new Map<string, number>();
  const keyOf = (s: Share) => `${s.item}\u0000${orgIds.has(s.provider) ? 'org' : 'country'}`;
  for (const s of shares) {
    if (s.share !== null) sums.set(keyOf(s), (sums.get(keyOf(s)) ?? 0) + s.share);
  }
  const noted = new Set<string>();
  for (const s of shares) {
    const sum = sums.get(keyOf(s)) ?? 0;
    if (s.share === null || sum <= 1.05 + 1e-9) continue;
    s.share = round(s.share / sum);
    if (!noted.has(keyOf(s))) {
      noted.add(keyOf(s));
      const what = orgIds.has(s.provider) ? 'organization' : 'country';
      notes.add('normalized', `${what} shares sum to ${pct(sum * 100)}; scaled to 100%`, s.item);
    }
  }
}
