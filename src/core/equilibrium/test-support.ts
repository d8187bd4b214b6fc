/**
 * Small hand-written datasets for the equilibrium's tests (MODEL.md §8): a compact spec
 * turned into a Dataset and compiled. Used by the colocated tests only.
 */
import type { CompiledDataset } from '../compile.js';
import { compileDataset } from '../compile.js';
import type { Dataset, Item } from '../dataset.js';
import { emptyDataset } from '../dataset.js';

export interface MiniItem {
  id: string;
  area?: string;
  marketSizeUsd?: number;
  variantOf?: string;
}

export interface MiniSpec {
  items: (string | MiniItem)[];
  /** [item, country, share 0..1] */
  shares: [string, string, number][];
  /** [item, requires, criticality = 1, group?, efficiency = 1] */
  requirements?: [
    string,
    string,
    (number | undefined)?,
    (string | undefined)?,
    (number | undefined)?,
  ][];
  /** [item, country, share 0..1] */
  demand?: [string, string, number][];
  /** [code, gdpUsd?] */
  countries?: [string, (number | undefined)?][];
  blocs?: { id: string; members: string[] }[];
}

export function miniDataset(spec: MiniSpec): Dataset {
  const ds = emptyDataset();
  ds.items = spec.items.map((it): Item => {
    const m = typeof it === 'string' ? { id: it } : it;
    return {
      id: m.id,
      name: m.id,
      area: m.area ?? 'ic',
      kind: 'product',
      marketSizeUsd: m.marketSizeUsd,
      variantOf: m.variantOf,
    };
  });
  ds.shares = spec.shares.map(([item, provider, share]) => ({ item, provider, share }));
  ds.requirements = (spec.requirements ?? []).map(([item, requires, c, group, e]) => ({
    item,
    requires,
    criticality: c ?? 1,
    group,
    efficiency: e ?? 1,
  }));
  ds.demand = (spec.demand ?? []).map(([item, country, share]) => ({ item, country, share }));
  ds.countries = (spec.countries ?? []).map(([code, gdpUsd]) => ({ code, name: code, gdpUsd }));
  ds.blocs = spec.blocs ?? [];
  return ds;
}

export function compileMini(spec: MiniSpec): CompiledDataset {
  return compileDataset(miniDataset(spec));
}

/** Index helpers that fail loudly on a typo in a test. */
export function itemOf(c: CompiledDataset, id: string): number {
  const i = c.itemIndex.get(id);
  if (i === undefined) throw new Error(`no item ${id}`);
  return i;
}

export function countryOf(c: CompiledDataset, code: string): number {
  const k = c.countryIndex.get(code);
  if (k === undefined) throw new Error(`no country ${code}`);
  return k;
}

/** Value of an item x country array at (item id, country code). */
export function at(c: CompiledDataset, arr: Float64Array, item: string, country: string): number {
  return arr[itemOf(c, item) * c.nCountries + countryOf(c, country)]!;
}
