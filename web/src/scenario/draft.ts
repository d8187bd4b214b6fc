/**
 * The scenario being built, as a scenario file's JSON (core `Scenario`): encoded in the URL,
 * turned into YAML for editing and download, and cleaned of empty fields.
 */
import { parse, stringify } from 'yaml';
import type { Scenario, Shock } from '../api.js';

export const blankScenario = (): Scenario => ({
  id: 'my-scenario',
  name: 'My scenario',
  assumptions: { reallocation: 'market' },
  shocks: [{ restrict: { from: ['USA'], to: ['CHN'], items: [], areas: ['ic'], severity: 1 } }],
  sources: [],
});

const isEmpty = (v: unknown) =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** Drop empty lists, undefined fields and `includeVariants: false`, recursively. */
export function clean<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clean) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (isEmpty(v) && k !== 'shocks') continue;
      if (k === 'includeVariants' && v === false) continue;
      out[k] = clean(v);
    }
    return out as T;
  }
  return value;
}

export function toYaml(s: Scenario): string {
  return stringify(clean(s), { lineWidth: 100 });
}

/** Parse YAML text into a scenario object; the server checks the details when it runs. */
export function fromYaml(text: string): Scenario {
  const v: unknown = parse(text);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new Error('a scenario is a mapping with at least "shocks:"');
  }
  const s = v as Partial<Scenario>;
  return {
    ...s,
    id: s.id ?? 'my-scenario',
    assumptions: s.assumptions ?? { reallocation: 'market' },
    shocks: Array.isArray(s.shocks) ? s.shocks : [],
    sources: Array.isArray(s.sources) ? s.sources : [],
  } as Scenario;
}

export function encodeDraft(s: Scenario): string {
  return JSON.stringify(clean(s));
}

export function decodeDraft(q: string | undefined): Scenario | undefined {
  if (!q) return undefined;
  try {
    return fromYaml(q); // JSON is YAML
  } catch {
    return undefined;
  }
}

export type ShockKind = 'restrict' | 'outage' | 'build';

export function shockKind(s: Shock): ShockKind {
  return 'restrict' in s ? 'restrict' : 'outage' in s ? 'outage' : 'build';
}

export function newShock(kind: ShockKind): Shock {
  if (kind === 'restrict')
    return { restrict: { from: [], to: [], items: [], areas: [], severity: 1 } };
  if (kind === 'outage') return { outage: { in: [], items: [], areas: [], severity: 1 } };
  return { build: { in: 'CHN', item: '', capacity: 10 } };
}
