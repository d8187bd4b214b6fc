/**
 * Whole-dataset checks of DATA.md: identifiers, references, share sums, cycles, sources.
 * Errors make a dataset unusable; warnings (low share sums, missing sources, old data,
 * suppliers with unknown shares) never block.
 */
import type { Dataset } from '../core/dataset.js';
import { isCountryCodeShape, isSlug } from '../core/dataset.js';
import { suggestNames } from './suggest.js';
import { isKnownCountryCode } from './countries.js';
import type { IssueList, Location } from './issues.js';
import type { Origins } from './to-dataset.js';

export interface ValidateOptions {
  /** The year data age is measured against (warn when older than ten years). */
  currentYear: number;
}

/** Tolerance of share sums, in fractions: above 1.05 is an error, below 0.95 a warning. */
const SUM_MAX = 1.05;
const SUM_WARN = 0.95;

export function validateDataset(
  ds: Dataset,
  origins: Origins,
  issues: IssueList,
  options: ValidateOptions,
): void {
  const itemIds = new Set<string>();
  const orgIds = new Set<string>();
  const sourceIds = new Set(ds.sources.map((s) => s.id));
  const suggestItems = (v: string) => hint(suggestNames(v, itemIds));
  const hint = (near: string[]) =>
    near.length ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : undefined;

  const checkSource = (at: Location, id: string | undefined) => {
    if (id !== undefined && !sourceIds.has(id)) {
      issues.error(
        { ...at, column: 'source' },
        'unknown-source',
        `source "${id}" is not in sources.csv`,
        hint(suggestNames(id, sourceIds)) ?? 'add a row for it to sources.csv',
      );
    }
  };
  const checkCountry = (at: Location, code: string, column: string) => {
    if (code && isCountryCodeShape(code) && !isKnownCountryCode(code)) {
      issues.error(
        { ...at, column },
        'unknown-country',
        `"${code}" is not an ISO 3166-1 alpha-3 country code`,
        code === 'EUR'
          ? 'list European countries one by one, or define a bloc for Europe in blocs.csv'
          : 'use an ISO 3166-1 alpha-3 code (CHN, USA, NLD), or ROW for the rest of the world',
      );
    }
  };

  duplicates(
    ds.sources.map((s) => s.id),
    origins.sources,
    'id',
    'source',
    issues,
  );
  ds.sources.forEach((s, n) => {
    if (s.id && !isSlug(s.id)) badSlug(origins.sources[n]!, s.id, issues);
  });

  duplicates(
    ds.items.map((i) => i.id),
    origins.items,
    'id',
    'item',
    issues,
  );
  for (const it of ds.items) itemIds.add(it.id);
  ds.items.forEach((it, n) => {
    const at = origins.items[n]!;
    if (it.id && !isSlug(it.id)) badSlug({ ...at, column: 'id' }, it.id, issues);
    if (it.area && !isSlug(it.area)) badSlug({ ...at, column: 'area' }, it.area, issues);
    if (it.variantOf !== undefined) {
      if (it.variantOf === it.id) {
        issues.error(
          { ...at, column: 'variant_of' },
          'self-variant',
          `item ${it.id} is a variant of itself`,
        );
      } else if (!itemIds.has(it.variantOf)) {
        issues.error(
          { ...at, column: 'variant_of' },
          'unknown-item',
          `variant_of "${it.variantOf}" is not an item`,
          suggestItems(it.variantOf),
        );
      }
    }
    checkSource(at, it.source);
    if (it.marketSizeUsd !== undefined && it.source === undefined) {
      issues.warn(
        { ...at, column: 'source' },
        'missing-source',
        `item ${it.id} has a market size but no source`,
        'cite the market size in the source column',
      );
    }
    if (it.marketYear !== undefined && it.marketYear < options.currentYear - 10) {
      issues.warn(
        { ...at, column: 'market_year' },
        'old-data',
        `market size of ${it.id} is from ${it.marketYear}, over ten years old`,
      );
    }
  });
  variantCycles(ds, origins, issues);

  duplicates(
    ds.organizations.map((o) => o.id),
    origins.organizations,
    'id',
    'organization',
    issues,
  );
  ds.organizations.forEach((o, n) => {
    const at = origins.organizations[n]!;
    if (o.id && !isSlug(o.id)) badSlug({ ...at, column: 'id' }, o.id, issues);
    if (isKnownCountryCode(o.id.toUpperCase()) && o.id.length === 3) {
      issues.error(
        { ...at, column: 'id' },
        'ambiguous-id',
        `organization id "${o.id}" reads as a country code`,
        'choose a longer id',
      );
    }
    checkCountry(at, o.country, 'country');
    orgIds.add(o.id);
  });

  duplicates(
    ds.countries.map((c) => c.code),
    origins.countries,
    'code',
    'country',
    issues,
  );
  ds.countries.forEach((c, n) => checkCountry(origins.countries[n]!, c.code, 'code'));

  ds.blocs.forEach((b, n) => {
    const at = origins.blocs[n]!;
    if (isCountryCodeShape(b.id)) {
      issues.error(
        { ...at, column: 'bloc' },
        'ambiguous-id',
        `bloc "${b.id}" reads as a country code`,
        'choose another name, e.g. "EU27" or "US+allies"',
      );
    }
    if (!/^[A-Za-z0-9][A-Za-z0-9+_.-]*$/.test(b.id)) {
      issues.error(
        { ...at, column: 'bloc' },
        'bad-id',
        `bloc "${b.id}" has characters other than letters, digits and + - _ .`,
      );
    }
    for (const m of b.members) checkCountry(at, m, 'country');
  });

  validateRequirements(ds, origins, issues, itemIds, suggestItems, checkSource);
  validateShares(
    ds,
    origins,
    issues,
    itemIds,
    orgIds,
    suggestItems,
    checkSource,
    checkCountry,
    options,
  );

  const demandSum = new Map<string, { sum: number; at: Location }>();
  ds.demand.forEach((d, n) => {
    const at = origins.demand[n]!;
    if (!itemIds.has(d.item)) {
      issues.error(
        { ...at, column: 'item' },
        'unknown-item',
        `item "${d.item}" is not in items.csv`,
        suggestItems(d.item),
      );
    }
    checkCountry(at, d.country, 'country');
    checkSource(at, d.source);
    const e = demandSum.get(d.item) ?? { sum: 0, at };
    e.sum += d.share;
    demandSum.set(d.item, e);
  });
  for (const [item, { sum, at }] of demandSum) {
    if (sum > SUM_MAX + 1e-9) {
      issues.error(
        at,
        'sum-too-high',
        `demand shares of ${item} sum to ${pct(sum)}, above 105`,
        'demand shares of an item must sum to 100 or less',
      );
    }
  }
}

function validateRequirements(
  ds: Dataset,
  origins: Origins,
  issues: IssueList,
  itemIds: Set<string>,
  suggestItems: (v: string) => string | undefined,
  checkSource: (at: Location, id: string | undefined) => void,
): void {
  const seen = new Set<string>();
  ds.requirements.forEach((r, n) => {
    const at = origins.requirements[n]!;
    for (const col of ['item', 'requires'] as const) {
      if (r[col] && !itemIds.has(r[col])) {
        issues.error(
          { ...at, column: col },
          'unknown-item',
          `item "${r[col]}" is not in items.csv`,
          suggestItems(r[col]),
        );
      }
    }
    if (r.item === r.requires) {
      issues.error(
        { ...at, column: 'requires' },
        'self-requirement',
        `item ${r.item} requires itself`,
        'delete the row',
      );
    }
    const key = `${r.item}\u0000${r.requires}\u0000${r.group ?? ''}`;
    if (seen.has(key)) {
      issues.error(
        at,
        'duplicate-requirement',
        `${r.item} requires ${r.requires} twice`,
        'keep one row',
      );
    }
    seen.add(key);
    checkSource(at, r.source);
  });
  requirementCycles(ds, origins, issues, itemIds);
}

/**
 * An item that cannot be made even when everything else is available: it sits on (or
 * depends on) a cycle of essential requirements with no alternative. Least fixed point of
 * "producible": an item is producible when each criticality-1 requirement is producible and
 * each criticality-1 anyOf group has a producible member; softer requirements never block.
 */
function requirementCycles(
  ds: Dataset,
  origins: Origins,
  issues: IssueList,
  itemIds: Set<string>,
): void {
  interface Need {
    options: string[];
    row: number;
  }
  const needs = new Map<string, Need[]>();
  const groups = new Map<string, Need>();
  ds.requirements.forEach((r, n) => {
    if (r.criticality < 1 || !itemIds.has(r.item) || !itemIds.has(r.requires)) return;
    const list = needs.get(r.item) ?? [];
    needs.set(r.item, list);
    if (r.group) {
      const key = `${r.item}\u0000${r.group}`;
      const g = groups.get(key);
      if (g) g.options.push(r.requires);
      else {
        const need = { options: [r.requires], row: n };
        groups.set(key, need);
        list.push(need);
      }
    } else list.push({ options: [r.requires], row: n });
  });
  const producible = new Set<string>();
  let changed = true;
  while (changed) {
    changed = false;
    for (const id of itemIds) {
      if (producible.has(id)) continue;
      const list = needs.get(id) ?? [];
      if (list.every((need) => need.options.some((o) => producible.has(o)))) {
        producible.add(id);
        changed = true;
      }
    }
  }
  for (const id of itemIds) {
    if (producible.has(id)) continue;
    const blocking = (needs.get(id) ?? []).find(
      (need) => !need.options.some((o) => producible.has(o)),
    )!;
    const path = [id];
    let cur = blocking.options[0]!;
    while (!path.includes(cur) && path.length < 50) {
      path.push(cur);
      const next = (needs.get(cur) ?? []).find(
        (need) => !need.options.some((o) => producible.has(o)),
      );
      if (!next) break;
      cur = next.options[0]!;
    }
    path.push(cur);
    issues.error(
      origins.requirements[blocking.row]!,
      'requirement-cycle',
      `item ${id} can never be made: essential requirements form a cycle (${path.join(' -> ')})`,
      'lower the criticality of one requirement in the cycle below 1, or give it an alternative with an anyOf group',
    );
  }
}

function validateShares(
  ds: Dataset,
  origins: Origins,
  issues: IssueList,
  itemIds: Set<string>,
  orgIds: Set<string>,
  suggestItems: (v: string) => string | undefined,
  checkSource: (at: Location, id: string | undefined) => void,
  checkCountry: (at: Location, code: string, column: string) => void,
  options: ValidateOptions,
): void {
  interface Sums {
    country: number;
    org: number;
    countryRows: number;
    at: Location;
    unknown: string[];
  }
  const sums = new Map<string, Sums>();
  const seen = new Set<string>();
  ds.shares.forEach((s, n) => {
    const at = origins.shares[n]!;
    if (s.item && !itemIds.has(s.item)) {
      issues.error(
        { ...at, column: 'item' },
        'unknown-item',
        `item "${s.item}" is not in items.csv`,
        suggestItems(s.item),
      );
    }
    const isOrg = orgIds.has(s.provider);
    if (!isOrg && s.provider) {
      if (isCountryCodeShape(s.provider)) checkCountry(at, s.provider, 'provider');
      else {
        const near = suggestNames(s.provider, orgIds);
        issues.error(
          { ...at, column: 'provider' },
          'unknown-provider',
          `provider "${s.provider}" is neither a country code nor an organization in organizations.csv`,
          near.length
            ? `did you mean ${near.map((x) => `"${x}"`).join(' or ')}?`
            : 'use an ISO 3166-1 alpha-3 code, ROW, or add the organization to organizations.csv',
        );
      }
    }
    const key = `${s.item}\u0000${s.provider}`;
    if (seen.has(key)) {
      issues.error(
        at,
        'duplicate-share',
        `${s.provider} has two share rows for ${s.item}`,
        'keep one row per item and provider',
      );
    }
    seen.add(key);
    checkSource(at, s.source);
    if (s.share !== null && s.source === undefined) {
      issues.warn(
        { ...at, column: 'source' },
        'missing-source',
        `the share of ${s.provider} in ${s.item} has no source`,
        'cite a source id from sources.csv',
      );
    }
    if (s.year !== undefined && s.year < options.currentYear - 10) {
      issues.warn(
        { ...at, column: 'year' },
        'old-data',
        `the share of ${s.provider} in ${s.item} is from ${s.year}, over ten years old`,
      );
    }
    const e = sums.get(s.item) ?? { country: 0, org: 0, countryRows: 0, at, unknown: [] };
    sums.set(s.item, e);
    if (s.share === null) e.unknown.push(s.provider);
    else if (isOrg) e.org += s.share;
    else {
      e.country += s.share;
      e.countryRows++;
    }
  });
  for (const [item, e] of sums) {
    for (const [type, sum] of [
      ['country', e.country],
      ['organization', e.org],
    ] as const) {
      if (sum > SUM_MAX + 1e-9) {
        issues.error(
          e.at,
          'sum-too-high',
          `${type} shares of ${item} sum to ${pct(sum)}, above 105`,
          `correct the shares of ${item}: up to 105 is treated as rounding`,
        );
      }
    }
    if (e.countryRows > 0 && e.country < SUM_WARN - 1e-9) {
      issues.warn(
        e.at,
        'sum-low',
        `country shares of ${item} sum to ${pct(e.country)}; the remaining ${pct(1 - e.country)} is counted as ROW (rest of the world)`,
      );
    }
    if (e.unknown.length) {
      issues.warn(
        e.at,
        'unquantified',
        `${item} has ${e.unknown.length} supplier(s) with unknown share: ${e.unknown.slice(0, 6).join(', ')}${e.unknown.length > 6 ? ', ...' : ''}`,
      );
    }
  }
}

function variantCycles(ds: Dataset, origins: Origins, issues: IssueList): void {
  const parent = new Map(ds.items.map((it) => [it.id, it.variantOf]));
  ds.items.forEach((it, n) => {
    const seen = new Set([it.id]);
    let cur = it.variantOf;
    while (cur !== undefined && parent.has(cur)) {
      if (seen.has(cur)) {
        if (cur === it.id && it.variantOf !== it.id) {
          issues.error(
            { ...origins.items[n]!, column: 'variant_of' },
            'variant-cycle',
            `variant_of forms a cycle through ${it.id}`,
            'an item cannot be a type of its own variant',
          );
        }
        return;
      }
      seen.add(cur);
      cur = parent.get(cur);
    }
  });
}

function duplicates(
  ids: string[],
  at: Location[],
  column: string,
  what: string,
  issues: IssueList,
): void {
  const first = new Map<string, number>();
  ids.forEach((id, n) => {
    if (!id) return;
    const prev = first.get(id);
    if (prev === undefined) first.set(id, n);
    else {
      issues.error(
        { ...at[n]!, column },
        'duplicate-id',
        `${what} "${id}" is defined twice (first at line ${at[prev]!.line})`,
        'ids must be unique: rename or merge the rows',
      );
    }
  });
}

function badSlug(at: Location, id: string, issues: IssueList): void {
  issues.error(
    at,
    'bad-id',
    `"${id}" is not a lowercase identifier`,
    `write it as lowercase words joined by hyphens, e.g. "${slugify(id)}"`,
  );
}

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function pct(x: number): string {
  return String(Math.round(x * 1000) / 10);
}
