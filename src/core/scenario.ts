/**
 * Scenarios (DATA.md "Scenario file"): trade restrictions, outages and build projects, and
 * their resolution against a compiled dataset: names become indices, selectors become item
 * sets, and every unknown name is reported with the closest known ones.
 */
import type { CompiledDataset } from './compile.js';
import { ITEM_KINDS } from './dataset.js';
import type {
  Reallocation,
  ScenarioDiff,
  Shock as IndexedShock,
} from './equilibrium/scenario-diff.js';
import { build, outage, restrict, scenarioDiff } from './equilibrium/scenario-diff.js';
import { closestNames } from './suggest.js';

export type { Reallocation };

/** Which items a shock covers: an item matches when it matches every non-empty list. */
export interface Selector {
  items?: string[] | undefined;
  areas?: string[] | undefined;
  kinds?: string[] | undefined;
  stages?: string[] | undefined;
  /** An item id (or a matched category) also covers its variants. */
  includeVariants?: boolean | undefined;
}

/** When a shock acts, for `simulate --months` (dynamics.ts); the static equilibrium ignores it. */
export interface Timing {
  /** First month the shock acts (0 = at once). Default 0. */
  startMonth?: number | undefined;
  /** First month it no longer acts (a restriction lifted). Default never. */
  endMonth?: number | undefined;
}

export interface RestrictShock {
  restrict: Selector &
    Timing & {
      from: string[];
      to: string[];
      /** 0..1, the share of the trade that is blocked. */
      severity: number;
    };
}

export interface OutageShock {
  outage: Selector &
    Timing & {
      in: string[];
      /** 0..1, the share of capacity lost. */
      severity: number;
      /** Months from the start to full recovery, linearly. Default: no recovery. */
      recoveryMonths?: number | undefined;
    };
}

export interface BuildShock {
  build: Timing & {
    in: string;
    item: string;
    /** Percent of world capacity added (0..100). */
    capacity: number;
    /** Months from the start to full capacity, linearly. Default 0. */
    rampMonths?: number | undefined;
  };
}

export type Shock = RestrictShock | OutageShock | BuildShock;

export interface Scenario {
  id: string;
  name?: string | undefined;
  description?: string | undefined;
  /** The name in Simplified Chinese (shown under `--lang zh-CN` and in the dashboard's 中文). */
  nameZh?: string | undefined;
  /** The description in Simplified Chinese. */
  descriptionZh?: string | undefined;
  perspective?: string | undefined;
  assumptions: {
    reallocation: Reallocation;
    /** Stocks of every input, in months of baseline use (dynamics). Default 0. */
    inventoryMonths?: number | undefined;
    /** Per-item stocks overriding `inventoryMonths`. */
    inventoryByItem?: Record<string, number> | undefined;
    /** Months before buyers can switch suppliers (`fixed` until then, `market` after). Default 0. */
    leadTimeMonths?: number | undefined;
  };
  shocks: Shock[];
  sources: string[];
}

/** A problem in a scenario, located by a path like `shocks[0].restrict.from[1]`. */
export interface ScenarioProblem {
  path: string;
  message: string;
  hint?: string | undefined;
}

export function isRestrict(s: Shock): s is RestrictShock {
  return 'restrict' in s;
}
export function isOutage(s: Shock): s is OutageShock {
  return 'outage' in s;
}
export function isBuild(s: Shock): s is BuildShock {
  return 'build' in s;
}

/** The reserved name for every country, ROW included (`to: [ALL]`: an export ban to all). */
export const ALL_COUNTRIES = 'ALL';

/**
 * Countries named by a list of country codes, bloc ids and `ALL`, as sorted unique indices.
 * ROW is a valid name. Unknown names are reported to `problems`.
 */
export function resolveCountries(
  c: CompiledDataset,
  names: readonly string[],
  path: string,
  problems: ScenarioProblem[],
): Int32Array {
  const out = new Set<number>();
  names.forEach((name, q) => {
    if (name === ALL_COUNTRIES) {
      for (let k = 0; k < c.nCountries; k++) out.add(k);
      return;
    }
    const k = c.countryIndex.get(name) ?? c.countryIndex.get(name.toUpperCase());
    if (k !== undefined) {
      out.add(k);
      return;
    }
    const b = c.blocIndex.get(name);
    if (b !== undefined) {
      for (let r = c.blocOffsets[b]!; r < c.blocOffsets[b + 1]!; r++) out.add(c.blocMember[r]!);
      return;
    }
    problems.push(
      unknown(`${path}[${q}]`, 'country or bloc', name, [...c.countryCodes, ...c.blocIds]),
    );
  });
  return Int32Array.from([...out].sort((a, b) => a - b));
}

function unknown(
  path: string,
  what: string,
  name: string,
  known: Iterable<string>,
): ScenarioProblem {
  const near = closestNames(name, known);
  return {
    path,
    message: `unknown ${what} "${name}"`,
    hint: near.length ? `did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : undefined,
  };
}

/** Items selected by a selector, as sorted unique indices. */
export function selectItems(
  c: CompiledDataset,
  sel: Selector,
  path: string,
  problems: ScenarioProblem[],
): Int32Array {
  const check = (
    list: string[] | undefined,
    known: readonly string[],
    key: string,
    what: string,
  ) => {
    const set = new Set(known);
    (list ?? []).forEach((v, q) => {
      if (!set.has(v)) problems.push(unknown(`${path}.${key}[${q}]`, what, v, known));
    });
  };
  check(sel.items, c.itemIds, 'items', 'item');
  check(sel.areas, c.areaIds, 'areas', 'area');
  check(sel.kinds, ITEM_KINDS, 'kinds', 'kind');
  check(sel.stages, c.stageIds, 'stages', 'stage');
  const items = new Set(sel.items ?? []);
  const areas = new Set(sel.areas ?? []);
  const kinds = new Set(sel.kinds ?? []);
  const stages = new Set(sel.stages ?? []);
  const matched = new Set<number>();
  c.dataset.items.forEach((it, i) => {
    if (items.size && !items.has(it.id)) return;
    if (areas.size && !areas.has(it.area)) return;
    if (kinds.size && !kinds.has(it.kind)) return;
    if (stages.size && !(it.stage !== undefined && stages.has(it.stage))) return;
    matched.add(i);
  });
  if (sel.includeVariants) {
    // Walk down the variant tree from every matched item (variants of variants included).
    const stack = [...matched];
    while (stack.length) {
      const i = stack.pop()!;
      for (let q = c.variantOffsets[i]!; q < c.variantOffsets[i + 1]!; q++) {
        const v = c.variantChild[q]!;
        if (!matched.has(v)) {
          matched.add(v);
          stack.push(v);
        }
      }
    }
  }
  return Int32Array.from([...matched].sort((a, b) => a - b));
}

/**
 * Resolve a scenario against a compiled dataset into the diff the equilibrium runs on.
 * Every unknown name is reported (with the closest known names); the diff is built from the
 * shocks that resolved, so callers must refuse to run when `problems` is not empty.
 */
export function resolveScenario(
  c: CompiledDataset,
  scenario: Scenario,
  reallocation?: Reallocation,
): { diff: ScenarioDiff; problems: ScenarioProblem[] } {
  const problems: ScenarioProblem[] = [];
  const shocks: IndexedShock[] = [];
  scenario.shocks.forEach((s, n) => {
    const path = `shocks[${n}]`;
    if (isRestrict(s)) {
      const r = s.restrict;
      const p = `${path}.restrict`;
      const before = problems.length;
      const items = selectItems(c, r, p, problems);
      const from = resolveCountries(c, r.from, `${p}.from`, problems);
      const to = resolveCountries(c, r.to, `${p}.to`, problems);
      if (problems.length === before) {
        shocks.push(restrict(c, { items, from, to, severity: r.severity }));
      }
    } else if (isOutage(s)) {
      const o = s.outage;
      const p = `${path}.outage`;
      const before = problems.length;
      const items = selectItems(c, o, p, problems);
      const countries = resolveCountries(c, o.in, `${p}.in`, problems);
      if (problems.length === before) {
        shocks.push(outage(c, { items, countries, severity: o.severity }));
      }
    } else {
      const b = s.build;
      const p = `${path}.build`;
      const item = c.itemIndex.get(b.item);
      const country = c.countryIndex.get(b.in.toUpperCase());
      if (item === undefined) problems.push(unknown(`${p}.item`, 'item', b.item, c.itemIds));
      if (country === undefined) {
        problems.push(unknown(`${p}.in`, 'country', b.in, c.countryCodes));
      }
      if (item !== undefined && country !== undefined) {
        shocks.push(build(c, { item, country, capacity: b.capacity / 100 }));
      }
    }
  });
  const diff = scenarioDiff(c, shocks, {
    reallocation: reallocation ?? scenario.assumptions.reallocation,
  });
  return { diff, problems };
}
