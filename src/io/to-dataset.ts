/**
 * Typed rows from text tables: parse numbers, percentages and enums cell by cell, reporting
 * each bad cell with its file, line and column. Cross-references are checked afterwards by
 * validate-dataset.ts, which needs the whole dataset.
 */
import type { Dataset, Item, Requirement, Share } from '../core/dataset.js';
import { ITEM_KINDS, emptyDataset, isCountryCodeShape, isItemKind } from '../core/dataset.js';
import { suggestNames } from './suggest.js';
import type { IssueList, Location } from './issues.js';
import type { TableKey } from './schema.js';
import type { Table, TableRow } from './tables.js';

/** Where each typed row came from, parallel to the Dataset's arrays. */
export type Origins = Record<TableKey, Location[]>;

export function emptyOrigins(): Origins {
  return {
    items: [],
    requirements: [],
    shares: [],
    organizations: [],
    countries: [],
    demand: [],
    blocs: [],
    sources: [],
  };
}

class RowReader {
  constructor(
    private readonly table: Table,
    private readonly row: TableRow,
    private readonly issues: IssueList,
  ) {}

  at(column?: string): Location {
    return { file: this.table.file, line: this.row.line, column };
  }

  text(column: string): string | undefined {
    const v = this.row.cells[column];
    return v === undefined || v === '' ? undefined : v;
  }

  required(column: string): string {
    const v = this.text(column);
    if (v === undefined) {
      this.issues.error(
        this.at(column),
        'missing-value',
        `"${column}" is empty`,
        `fill in the ${column}`,
      );
      return '';
    }
    return v;
  }

  number(column: string, opts: { min?: number; max?: number; what?: string } = {}) {
    const raw = this.text(column);
    if (raw === undefined) return undefined;
    const cleaned = raw.replace(/%$/, '').replace(/_/g, '');
    const n = Number(cleaned);
    const what = opts.what ?? column;
    if (cleaned === '' || !Number.isFinite(n)) {
      this.issues.error(
        this.at(column),
        'not-a-number',
        `${what} "${raw}" is not a number`,
        'write a plain number with a dot for decimals and no thousands separators (e.g. 12.5)',
      );
      return undefined;
    }
    if (opts.min !== undefined && n < opts.min) {
      this.issues.error(
        this.at(column),
        'out-of-range',
        `${what} ${raw} is below ${opts.min}`,
        `write a value from ${opts.min} to ${opts.max ?? 'any'}`,
      );
      return undefined;
    }
    if (opts.max !== undefined && n > opts.max) {
      this.issues.error(
        this.at(column),
        'out-of-range',
        `${what} ${raw} is above ${opts.max}`,
        `write a value from ${opts.min ?? 0} to ${opts.max}` +
          (opts.max === 100 ? ' (percentages are written 0..100)' : ''),
      );
      return undefined;
    }
    return n;
  }

  year(column: string): number | undefined {
    const n = this.number(column, { min: 1900, max: 2100, what: 'year' });
    if (n !== undefined && !Number.isInteger(n)) {
      this.issues.error(this.at(column), 'not-a-year', `year ${n} is not a whole number`);
      return undefined;
    }
    return n;
  }

  country(column: string): string {
    const v = this.required(column);
    if (v && !isCountryCodeShape(v)) {
      this.issues.error(
        this.at(column),
        'country-code',
        `"${v}" is not a country code`,
        'use an ISO 3166-1 alpha-3 code in capitals (CHN, USA, NLD) or ROW',
      );
    }
    return v;
  }
}

function each(table: Table | undefined, issues: IssueList, fn: (r: RowReader) => void): void {
  if (!table) return;
  for (const row of table.rows) fn(new RowReader(table, row, issues));
}

/** Convert text tables into a typed Dataset plus the origin of every row. */
export function tablesToDataset(
  tables: Partial<Record<TableKey, Table>>,
  issues: IssueList,
): { dataset: Dataset; origins: Origins } {
  const ds = emptyDataset();
  const origins = emptyOrigins();

  each(tables.items, issues, (r) => {
    const kind = r.required('kind');
    if (kind && !isItemKind(kind)) {
      const near = suggestNames(kind, ITEM_KINDS, 1);
      issues.error(
        r.at('kind'),
        'unknown-kind',
        `kind "${kind}" is not one of ${ITEM_KINDS.join(', ')}`,
        near.length ? `did you mean "${near[0]}"?` : undefined,
      );
    }
    const item: Item = {
      id: r.required('id'),
      name: r.required('name'),
      nameZh: r.text('name_zh'),
      area: r.required('area'),
      kind: (isItemKind(kind) ? kind : 'product') as Item['kind'],
      stage: r.text('stage'),
      variantOf: r.text('variant_of'),
      marketSizeUsd: r.number('market_size_usd', { min: 0, what: 'market size' }),
      marketYear: r.year('market_year'),
      description: r.text('description'),
      source: r.text('source'),
    };
    ds.items.push(item);
    origins.items.push(r.at());
  });

  each(tables.requirements, issues, (r) => {
    const c = r.number('criticality', { min: 0, max: 1, what: 'criticality' });
    if (c === 0) {
      issues.error(
        r.at('criticality'),
        'out-of-range',
        'criticality 0 means the input is not needed',
        'delete the row, or write a criticality above 0 and at most 1',
      );
    }
    const e = r.number('efficiency', { min: 0, max: 1, what: 'efficiency' });
    const req: Requirement = {
      item: r.required('item'),
      requires: r.required('requires'),
      criticality: c ?? 1,
      group: r.text('group'),
      efficiency: e ?? 1,
      note: r.text('note'),
      source: r.text('source'),
    };
    ds.requirements.push(req);
    origins.requirements.push(r.at());
  });

  each(tables.shares, issues, (r) => {
    const pct = r.number('share', { min: 0, max: 100, what: 'share' });
    const share: Share = {
      item: r.required('item'),
      provider: r.required('provider'),
      share: pct === undefined ? null : pct / 100,
      basis: r.text('basis'),
      year: r.year('year'),
      source: r.text('source'),
      confidence: r.text('confidence'),
    };
    // A cell that failed to parse is an error already; keep the row as "unknown" so later
    // checks do not pile up.
    ds.shares.push(share);
    origins.shares.push(r.at());
  });

  each(tables.organizations, issues, (r) => {
    ds.organizations.push({
      id: r.required('id'),
      name: r.required('name'),
      country: r.country('country'),
      aliases: (r.text('aliases') ?? '')
        .split(';')
        .map((a) => a.trim())
        .filter(Boolean),
    });
    origins.organizations.push(r.at());
  });

  each(tables.countries, issues, (r) => {
    ds.countries.push({
      code: r.country('code'),
      name: r.required('name'),
      nameZh: r.text('name_zh'),
      gdpUsd: r.number('gdp_usd', { min: 0, what: 'GDP' }),
      gdpYear: r.year('gdp_year'),
    });
    origins.countries.push(r.at());
  });

  each(tables.demand, issues, (r) => {
    const pct = r.number('share', { min: 0, max: 100, what: 'demand share' });
    ds.demand.push({
      item: r.required('item'),
      country: r.country('country'),
      share: (pct ?? 0) / 100,
      year: r.year('year'),
      source: r.text('source'),
    });
    origins.demand.push(r.at());
  });

  // Blocs: one row per member; rows are grouped into Bloc objects, each keeping the origin of
  // its first row (member errors are reported on their own rows here).
  const blocByName = new Map<string, { members: string[] }>();
  each(tables.blocs, issues, (r) => {
    const bloc = r.required('bloc');
    const country = r.country('country');
    let b = blocByName.get(bloc);
    if (!b) {
      b = { members: [] };
      blocByName.set(bloc, b);
      ds.blocs.push({ id: bloc, members: b.members });
      origins.blocs.push(r.at());
    }
    if (b.members.includes(country)) {
      issues.warn(
        r.at('country'),
        'duplicate-member',
        `${country} is listed twice in bloc ${bloc}`,
      );
    } else if (country) b.members.push(country);
  });

  each(tables.sources, issues, (r) => {
    ds.sources.push({
      id: r.required('id'),
      title: r.required('title'),
      publisher: r.text('publisher'),
      url: r.text('url'),
      year: r.year('year'),
      accessed: r.text('accessed'),
      license: r.text('license'),
    });
    origins.sources.push(r.at());
  });

  return { dataset: ds, origins };
}
