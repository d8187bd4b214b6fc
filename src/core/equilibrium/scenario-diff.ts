/**
 * A scenario compiled to indices: the small diff applied on top of a CompiledDataset
 * (MODEL.md §3 "Scenario parameters", ARCHITECTURE.md "a scenario is a small diff").
 *
 * - `restrictions`: a sparse form of `allowed[j][k][m]`. Each restriction blocks `severity` of
 *   the trade in its items from each `from` country to each `to` country; `allowed` is the
 *   product of `(1 - severity)` over the restrictions that match, and is never applied where
 *   k === m (a country's own supply is not trade). See `allowed.ts` for the dense form.
 * - `outage[j][k]`: fraction of node capacity lost; several outages on one node combine as
 *   independent losses, `1 - prod(1 - severity)`, like restrictions.
 * - `added[j][k]`: new capacity in share-of-world units; several builds add up.
 *
 * The builders work on indices: the scenario-file parser (io) resolves names and calls them.
 */
import type { CompiledDataset } from '../compile.js';

/** MODEL.md §3: `market` (buyers switch suppliers, default) or `fixed` (baseline sourcing). */
export type Reallocation = 'market' | 'fixed';

export interface Restriction {
  /** Item indices, without duplicates. */
  readonly items: Int32Array;
  /** Supplier country indices, without duplicates. */
  readonly from: Int32Array;
  /** Buyer country indices, without duplicates. */
  readonly to: Int32Array;
  /** 0..1, the share of the trade that is blocked. */
  readonly severity: number;
}

export interface ScenarioDiff {
  readonly restrictions: readonly Restriction[];
  /** outage[j * nCountries + k] in 0..1. */
  readonly outage: Float64Array;
  /** added[j * nCountries + k] >= 0, share-of-world units. */
  readonly added: Float64Array;
  readonly reallocation: Reallocation;
}

export interface RestrictSpec {
  items: ArrayLike<number>;
  from: ArrayLike<number>;
  to: ArrayLike<number>;
  severity: number;
  /** A category item also covers its variants, recursively (DATA.md `includeVariants`). */
  includeVariants?: boolean | undefined;
}

export interface OutageSpec {
  items: ArrayLike<number>;
  countries: ArrayLike<number>;
  severity: number;
  includeVariants?: boolean | undefined;
}

export interface BuildSpec {
  item: number;
  country: number;
  /** Share of world capacity, >= 0 (DATA.md writes percent; io converts). */
  capacity: number;
}

export type Shock =
  | { readonly kind: 'restrict'; readonly restriction: Restriction }
  | {
      readonly kind: 'outage';
      readonly items: Int32Array;
      readonly countries: Int32Array;
      readonly severity: number;
    }
  | {
      readonly kind: 'build';
      readonly item: number;
      readonly country: number;
      readonly capacity: number;
    };

/** The scenario that changes nothing: the equilibrium of it is x = a = 1 (MODEL.md §8.7). */
export function emptyDiff(c: CompiledDataset, reallocation: Reallocation = 'market'): ScenarioDiff {
  const n = c.nItems * c.nCountries;
  return {
    restrictions: [],
    outage: new Float64Array(n),
    added: new Float64Array(n),
    reallocation,
  };
}

/** A trade restriction shock; indices are checked and deduplicated. */
export function restrict(c: CompiledDataset, spec: RestrictSpec): Shock {
  checkSeverity(spec.severity);
  const items = indexSet(spec.items, c.nItems, 'item');
  return {
    kind: 'restrict',
    restriction: {
      items: spec.includeVariants ? withVariants(c, items) : items,
      from: indexSet(spec.from, c.nCountries, 'country'),
      to: indexSet(spec.to, c.nCountries, 'country'),
      severity: spec.severity,
    },
  };
}

/** A physical outage shock on the nodes (item, country) of the given lists. */
export function outage(c: CompiledDataset, spec: OutageSpec): Shock {
  checkSeverity(spec.severity);
  const items = indexSet(spec.items, c.nItems, 'item');
  return {
    kind: 'outage',
    items: spec.includeVariants ? withVariants(c, items) : items,
    countries: indexSet(spec.countries, c.nCountries, 'country'),
    severity: spec.severity,
  };
}

/** New capacity for one node (a build project, MODEL.md §6). */
export function build(c: CompiledDataset, spec: BuildSpec): Shock {
  checkIndex(spec.item, c.nItems, 'item');
  checkIndex(spec.country, c.nCountries, 'country');
  if (!(spec.capacity >= 0) || !Number.isFinite(spec.capacity)) {
    throw new RangeError(`build capacity ${spec.capacity} must be a finite number >= 0`);
  }
  return { kind: 'build', item: spec.item, country: spec.country, capacity: spec.capacity };
}

export interface ScenarioDiffOptions {
  /** Default 'market' (MODEL.md §3), or the base diff's mode when `base` is given. */
  reallocation?: Reallocation | undefined;
  /** Shocks are added on top of this diff (which is not modified). */
  base?: ScenarioDiff | undefined;
}

/** Combine shocks into one diff. */
export function scenarioDiff(
  c: CompiledDataset,
  shocks: readonly Shock[],
  options: ScenarioDiffOptions = {},
): ScenarioDiff {
  const nC = c.nCountries;
  const base = options.base;
  const outageArr = base ? base.outage.slice() : new Float64Array(c.nItems * nC);
  const added = base ? base.added.slice() : new Float64Array(c.nItems * nC);
  const restrictions: Restriction[] = base ? [...base.restrictions] : [];
  for (const s of shocks) {
    if (s.kind === 'restrict') {
      restrictions.push(s.restriction);
    } else if (s.kind === 'outage') {
      for (const j of s.items) {
        for (const k of s.countries) {
          const p = j * nC + k;
          // Independent losses: the surviving fractions multiply.
          outageArr[p] = 1 - (1 - outageArr[p]!) * (1 - s.severity);
        }
      }
    } else {
      added[s.item * nC + s.country]! += s.capacity;
    }
  }
  return {
    restrictions,
    outage: outageArr,
    added,
    reallocation: options.reallocation ?? base?.reallocation ?? 'market',
  };
}

/** The items plus all their variants, recursively (variant trees are acyclic after validation). */
export function withVariants(c: CompiledDataset, items: Int32Array): Int32Array {
  const seen = new Uint8Array(c.nItems);
  const stack = Array.from(items);
  const out: number[] = [];
  while (stack.length > 0) {
    const i = stack.pop()!;
    if (seen[i]) continue;
    seen[i] = 1;
    out.push(i);
    for (let q = c.variantOffsets[i]!; q < c.variantOffsets[i + 1]!; q++) {
      stack.push(c.variantChild[q]!);
    }
  }
  return Int32Array.from(out.sort((p, q) => p - q));
}

function checkSeverity(severity: number): void {
  if (!(severity >= 0 && severity <= 1)) {
    throw new RangeError(`severity ${severity} must be between 0 and 1`);
  }
}

function checkIndex(i: number, n: number, what: string): void {
  if (!Number.isInteger(i) || i < 0 || i >= n) {
    throw new RangeError(`${what} index ${i} is out of range 0..${n - 1}`);
  }
}

function indexSet(list: ArrayLike<number>, n: number, what: string): Int32Array {
  const seen = new Uint8Array(n);
  const out: number[] = [];
  for (let q = 0; q < list.length; q++) {
    const i = list[q]!;
    checkIndex(i, n, what);
    if (!seen[i]) {
      seen[i] = 1;
      out.push(i);
    }
  }
  return Int32Array.from(out);
}
