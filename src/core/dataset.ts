/**
 * The dataset as typed objects: the in-memory form of DATA.md's dataset folder.
 *
 * Shares and demand are fractions 0..1 here (the CSV files write percentages 0..100; the
 * io layer converts). Every optional field may be absent or explicitly undefined, so that
 * readers can pass through what a row had without branching.
 */

/** Kinds of items (MODEL.md §1). */
export const ITEM_KINDS = [
  'process',
  'tool',
  'material',
  'software',
  'design',
  'component',
  'product',
  'service',
  'biological',
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** The six bottleneck areas named by the mission; datasets may add more. */
export const CORE_AREAS = [
  'ic',
  'machine-tools',
  'basic-software',
  'materials',
  'instruments',
  'seeds',
] as const;

/** The rest of the world: whatever share of an item no listed country holds. */
export const ROW = 'ROW';

export interface DatasetMeta {
  name?: string | undefined;
  version?: string | undefined;
  description?: string | undefined;
  license?: string | undefined;
  homepage?: string | undefined;
}

export interface Item {
  id: string;
  name: string;
  /** Simplified Chinese name (the official one where it exists). */
  nameZh?: string | undefined;
  area: string;
  kind: ItemKind;
  stage?: string | undefined;
  /** Another item's id: this item is a type of that one (classification, not a dependency). */
  variantOf?: string | undefined;
  marketSizeUsd?: number | undefined;
  marketYear?: number | undefined;
  description?: string | undefined;
  source?: string | undefined;
}

export interface Requirement {
  item: string;
  requires: string;
  /** 0..1, default 1 (essential). */
  criticality: number;
  /** Rows of one item sharing a group form an anyOf group. */
  group?: string | undefined;
  /** 0..1, default 1; used inside anyOf groups. */
  efficiency: number;
  note?: string | undefined;
  source?: string | undefined;
}

export interface Share {
  item: string;
  /** A country code (ISO 3166-1 alpha-3 or ROW) or an organization id. */
  provider: string;
  /** 0..1, or null: "a supplier, share unknown". */
  share: number | null;
  basis?: string | undefined;
  year?: number | undefined;
  source?: string | undefined;
  confidence?: string | undefined;
}

export interface Organization {
  id: string;
  name: string;
  country: string;
  aliases: string[];
}

export interface Country {
  code: string;
  name: string;
  nameZh?: string | undefined;
  gdpUsd?: number | undefined;
  gdpYear?: number | undefined;
}

export interface Demand {
  item: string;
  country: string;
  /** 0..1 of world demand for the item. */
  share: number;
  year?: number | undefined;
  source?: string | undefined;
}

export interface Bloc {
  id: string;
  members: string[];
}

export interface Source {
  id: string;
  title: string;
  publisher?: string | undefined;
  url?: string | undefined;
  year?: number | undefined;
  accessed?: string | undefined;
  license?: string | undefined;
}

export interface Dataset {
  meta: DatasetMeta;
  items: Item[];
  requirements: Requirement[];
  shares: Share[];
  organizations: Organization[];
  countries: Country[];
  demand: Demand[];
  blocs: Bloc[];
  sources: Source[];
}

export function isItemKind(value: string): value is ItemKind {
  return (ITEM_KINDS as readonly string[]).includes(value);
}

/** ISO 3166-1 alpha-3 shape (three capitals) or ROW. Membership is checked against a table. */
export function isCountryCodeShape(value: string): boolean {
  return /^[A-Z]{3}$/.test(value);
}

/** Lowercase slug identifiers: `euv-lithography-tools`. */
export function isSlug(value: string): boolean {
  return /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/.test(value);
}

export function emptyDataset(): Dataset {
  return {
    meta: {},
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

/** Display names of the six areas; other areas show their id. */
export const AREA_NAMES: Readonly<Record<string, string>> = {
  ic: 'Integrated circuits',
  'machine-tools': 'Industrial machine tools',
  'basic-software': 'Basic software',
  materials: 'Advanced materials',
  instruments: 'Scientific research instruments',
  seeds: 'Seed sources',
  electronics: 'Electronics (other)',
};

export function areaName(area: string): string {
  return AREA_NAMES[area] ?? area;
}
