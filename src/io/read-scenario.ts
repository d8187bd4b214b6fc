/**
 * Scenario files (YAML or JSON, DATA.md): parse, check the shape, and locate every problem by
 * file, line and path. Names (items, countries, blocs) are checked later against a dataset by
 * core/scenario.ts; `locateProblems` maps those paths back to lines.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Scenario, ScenarioProblem, Selector, Shock } from '../core/scenario.js';
import { isSlug } from '../core/dataset.js';
import { suggestNames } from './suggest.js';
import type { ValidationIssue } from './issues.js';
import { MAX_HANDWRITTEN_BYTES, parseLocatedYaml } from './located-yaml.js';
import { ValidationError, quoteValue } from './issues.js';

/** Scenario files larger than this are refused (they are hand-written; 1 MiB is plenty). */
export const MAX_SCENARIO_BYTES = MAX_HANDWRITTEN_BYTES;

export interface ParsedScenario {
  scenario: Scenario;
  file: string;
  /** Path (`shocks[0].restrict.from[1]`) to 1-based line, where known. */
  lineOf: (path: string) => number | undefined;
}

const TOP_KEYS = [
  'id',
  'name',
  'description',
  'nameZh',
  'descriptionZh',
  'perspective',
  'assumptions',
  'shocks',
  'sources',
];
const SELECTOR_KEYS = ['items', 'areas', 'kinds', 'stages', 'includeVariants'];
const TIMING_KEYS = ['startMonth', 'endMonth'];
const RESTRICT_KEYS = ['from', 'to', 'severity', ...SELECTOR_KEYS, ...TIMING_KEYS];
const OUTAGE_KEYS = ['in', 'severity', 'recoveryMonths', ...SELECTOR_KEYS, ...TIMING_KEYS];
const BUILD_KEYS = ['in', 'item', 'capacity', 'rampMonths', ...TIMING_KEYS];
const ASSUMPTION_KEYS = ['reallocation', 'inventoryMonths', 'inventoryByItem', 'leadTimeMonths'];
/** Months are bounded to keep a typo (a year written as months) from running for ever. */
const MAX_MONTHS = 1200;

class ShapeChecker {
  readonly problems: ScenarioProblem[] = [];

  fail(path: string, message: string, hint?: string): void {
    this.problems.push({ path, message, hint });
  }

  object(v: unknown, path: string): Record<string, unknown> | undefined {
    if (v !== null && typeof v === 'object' && !Array.isArray(v))
      return v as Record<string, unknown>;
    this.fail(path, `${path || 'the scenario'} must be a mapping of keys to values`);
    return undefined;
  }

  keys(obj: Record<string, unknown>, allowed: readonly string[], path: string): void {
    for (const k of Object.keys(obj)) {
      if (!allowed.includes(k)) {
        // `name_zh` (as in items.csv) means `nameZh`: keys here are camelCase.
        const camel = k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
        const near = allowed.includes(camel) ? [camel] : suggestNames(k, allowed, 1);
        this.fail(
          join(path, k),
          `unknown key "${k}"`,
          near.length ? `did you mean "${near[0]}"?` : `allowed keys: ${allowed.join(', ')}`,
        );
      }
    }
  }

  string(v: unknown, path: string, required = false): string | undefined {
    if (v === undefined || v === null) {
      if (required) this.fail(path, `${path} is required`);
      return undefined;
    }
    if (typeof v === 'string' || typeof v === 'number') return String(v);
    this.fail(path, `${path} must be text`);
    return undefined;
  }

  /** A list of names; a single name is accepted as a list of one. */
  names(v: unknown, path: string, required = false): string[] | undefined {
    if (v === undefined || v === null) {
      if (required) this.fail(path, `${path} is required`, 'give a list, e.g. [USA, NLD]');
      return undefined;
    }
    const list = Array.isArray(v) ? v : [v];
    const out: string[] = [];
    list.forEach((x, q) => {
      if (typeof x === 'string' || typeof x === 'number') out.push(String(x));
      else this.fail(`${path}[${q}]`, `${path}[${q}] must be a name`);
    });
    if (required && out.length === 0) this.fail(path, `${path} must not be empty`);
    return out;
  }

  number(v: unknown, path: string, min: number, max: number, fallback?: number): number {
    if (v === undefined || v === null) {
      if (fallback !== undefined) return fallback;
      this.fail(path, `${path} is required`, `write a number from ${min} to ${max}`);
      return min;
    }
    // Numbers, or text that reads as one; never Number() of a list or mapping (`[0.5]` would
    // pass as 0.5, and a mapping with a `toString` key throws) nor of blank text (0).
    const n =
      typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (!Number.isFinite(n)) {
      this.fail(path, `${path} must be a number, not ${quoteValue(v)}`);
      return min;
    }
    if (n < min || n > max) {
      this.fail(
        path,
        `${path} ${n} is outside ${min}..${max}`,
        `write a number from ${min} to ${max}`,
      );
      return Math.min(max, Math.max(min, n));
    }
    return n;
  }

  /** An optional number of months, 0..MAX_MONTHS. */
  months(v: unknown, path: string): number | undefined {
    if (v === undefined || v === null) return undefined;
    return this.number(v, path, 0, MAX_MONTHS);
  }

  timing(o: Record<string, unknown>, path: string): { startMonth?: number; endMonth?: number } {
    const out: { startMonth?: number; endMonth?: number } = {};
    const start = this.months(o.startMonth, join(path, 'startMonth'));
    const end = this.months(o.endMonth, join(path, 'endMonth'));
    if (start !== undefined) out.startMonth = start;
    if (end !== undefined) out.endMonth = end;
    if (end !== undefined && end <= (start ?? 0)) {
      this.fail(join(path, 'endMonth'), `endMonth ${end} is not after startMonth ${start ?? 0}`);
    }
    return out;
  }

  selector(o: Record<string, unknown>, path: string): Selector {
    const inc = o.includeVariants;
    if (inc !== undefined && typeof inc !== 'boolean')
      this.fail(join(path, 'includeVariants'), 'includeVariants must be true or false');
    return {
      items: this.names(o.items, join(path, 'items')),
      areas: this.names(o.areas, join(path, 'areas')),
      kinds: this.names(o.kinds, join(path, 'kinds')),
      stages: this.names(o.stages, join(path, 'stages')),
      includeVariants: inc === true,
    };
  }
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** Check the shape of a parsed scenario value (from YAML, JSON or an HTTP body). */
export function scenarioFromValue(
  value: unknown,
  fallbackId: string,
): { scenario: Scenario; problems: ScenarioProblem[] } {
  const ck = new ShapeChecker();
  const top = ck.object(value, '') ?? {};
  ck.keys(top, TOP_KEYS, '');
  const id = ck.string(top.id, 'id') ?? fallbackId;
  if (!isSlug(id))
    ck.fail(
      'id',
      `id "${id}" is not a lowercase identifier`,
      'use lowercase words joined by hyphens',
    );
  const assumptions =
    top.assumptions === undefined ? {} : (ck.object(top.assumptions, 'assumptions') ?? {});
  ck.keys(assumptions, ASSUMPTION_KEYS, 'assumptions');
  const inventoryMonths = ck.months(assumptions.inventoryMonths, 'assumptions.inventoryMonths');
  const leadTimeMonths = ck.months(assumptions.leadTimeMonths, 'assumptions.leadTimeMonths');
  let inventoryByItem: Record<string, number> | undefined;
  if (assumptions.inventoryByItem !== undefined) {
    const o = ck.object(assumptions.inventoryByItem, 'assumptions.inventoryByItem');
    if (o) {
      inventoryByItem = {};
      for (const [k, v] of Object.entries(o)) {
        inventoryByItem[k] = ck.months(v, `assumptions.inventoryByItem.${k}`) ?? 0;
      }
    }
  }
  const realloc = assumptions.reallocation ?? 'market';
  if (realloc !== 'market' && realloc !== 'fixed') {
    ck.fail(
      'assumptions.reallocation',
      `reallocation ${quoteValue(realloc)} is not market or fixed`,
    );
  }
  const shocks: Shock[] = [];
  if (top.shocks !== undefined && !Array.isArray(top.shocks))
    ck.fail('shocks', 'shocks must be a list');
  const list = Array.isArray(top.shocks) ? (top.shocks as unknown[]) : [];
  list.forEach((raw, n) => {
    const path = `shocks[${n}]`;
    const s = ck.object(raw, path);
    if (!s) return;
    const kinds = Object.keys(s);
    if (kinds.length !== 1 || !['restrict', 'outage', 'build'].includes(kinds[0]!)) {
      ck.fail(
        path,
        `${path} must have exactly one of restrict, outage or build`,
        kinds.length === 1 ? hintKind(kinds[0]!) : undefined,
      );
      return;
    }
    const kind = kinds[0]!;
    const p = `${path}.${kind}`;
    const o = ck.object(s[kind], p);
    if (!o) return;
    if (kind === 'restrict') {
      ck.keys(o, RESTRICT_KEYS, p);
      shocks.push({
        restrict: {
          ...ck.selector(o, p),
          from: ck.names(o.from, `${p}.from`, true) ?? [],
          to: ck.names(o.to, `${p}.to`, true) ?? [],
          severity: ck.number(o.severity, `${p}.severity`, 0, 1, 1),
          ...ck.timing(o, p),
        },
      });
    } else if (kind === 'outage') {
      ck.keys(o, OUTAGE_KEYS, p);
      shocks.push({
        outage: {
          ...ck.selector(o, p),
          in: ck.names(o.in, `${p}.in`, true) ?? [],
          severity: ck.number(o.severity, `${p}.severity`, 0, 1, 1),
          recoveryMonths: ck.months(o.recoveryMonths, `${p}.recoveryMonths`),
          ...ck.timing(o, p),
        },
      });
    } else {
      ck.keys(o, BUILD_KEYS, p);
      shocks.push({
        build: {
          in: ck.string(o.in, `${p}.in`, true) ?? '',
          item: ck.string(o.item, `${p}.item`, true) ?? '',
          capacity: ck.number(o.capacity, `${p}.capacity`, 0, 100),
          rampMonths: ck.months(o.rampMonths, `${p}.rampMonths`),
          ...ck.timing(o, p),
        },
      });
    }
  });
  const scenario: Scenario = {
    id,
    name: ck.string(top.name, 'name'),
    description: ck.string(top.description, 'description'),
    // Optional Chinese texts (docs/formats.md); absent keys stay absent in the scenario.
    ...optional('nameZh', ck.string(top.nameZh, 'nameZh')),
    ...optional('descriptionZh', ck.string(top.descriptionZh, 'descriptionZh')),
    perspective: ck.string(top.perspective, 'perspective'),
    assumptions: {
      reallocation: realloc === 'fixed' ? 'fixed' : 'market',
      inventoryMonths,
      inventoryByItem,
      leadTimeMonths,
    },
    shocks,
    sources: ck.names(top.sources, 'sources') ?? [],
  };
  return { scenario, problems: ck.problems };
}

/** `{ key: value }` when the value is given, else nothing (keeps absent fields absent). */
function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Partial<Record<K, string>>);
}

function hintKind(k: string): string | undefined {
  const near = suggestNames(k, ['restrict', 'outage', 'build'], 1);
  return near.length ? `did you mean "${near[0]}"?` : undefined;
}

/** Parse scenario text (YAML, of which JSON is a subset). */
export function parseScenarioText(
  text: string,
  file: string,
): ParsedScenario & { problems: ScenarioProblem[]; syntax?: ValidationIssue } {
  const fallbackId = basename(file).replace(/\.(ya?ml|json)$/i, '');
  const read = parseLocatedYaml(text, 'the scenario');
  if (!read.ok) {
    return {
      scenario: {
        id: fallbackId,
        assumptions: { reallocation: 'market' },
        shocks: [],
        sources: [],
      },
      file,
      lineOf: () => undefined,
      problems: [],
      syntax: {
        severity: 'error',
        code: 'scenario-syntax',
        file,
        line: read.line,
        message: read.message,
        hint: read.hint,
      },
    };
  }
  const { scenario, problems } = scenarioFromValue(read.value, fallbackId);
  return { scenario, file, lineOf: read.lineOf, problems };
}

/** Turn scenario problems into located validation issues. */
export function locateProblems(
  parsed: Pick<ParsedScenario, 'file' | 'lineOf'>,
  problems: readonly ScenarioProblem[],
): ValidationIssue[] {
  return problems.map((p) => ({
    severity: 'error',
    code: 'scenario',
    file: parsed.file,
    line: parsed.lineOf(p.path),
    column: p.path || undefined,
    message: p.message,
    hint: p.hint,
  }));
}

/** Read a scenario file and check its shape; throws ValidationError on any problem. */
export function readScenarioFile(path: string): ParsedScenario {
  const file = basename(path);
  const parsed = parseScenarioText(readFileSync(path, 'utf8'), file);
  if (parsed.syntax) throw new ValidationError([parsed.syntax]);
  if (parsed.problems.length) throw new ValidationError(locateProblems(parsed, parsed.problems));
  return parsed;
}
