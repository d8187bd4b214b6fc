/**
 * Risk model files (YAML or JSON; docs/planning.md): independent events with probabilities,
 * each a list of shocks in the scenario syntax (DATA.md), checked by the scenario reader's
 * own shape checker. Every problem is located by file, line and path
 * (`events[1].shocks[0].restrict.from[2]`); names are checked against a dataset by
 * `checkRiskModel` and located with `lineOf`.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { isSlug } from '../core/dataset.js';
import type { RiskEvent, RiskModel } from '../core/risk/model.js';
import type { ScenarioProblem } from '../core/scenario.js';
import { suggestNames } from './suggest.js';
import type { ValidationIssue } from './issues.js';
import { ValidationError, quoteValue } from './issues.js';
import { parseLocatedYaml } from './located-yaml.js';
import { locateProblems, scenarioFromValue } from './read-scenario.js';

export interface ParsedRiskModel {
  model: RiskModel;
  file: string;
  /** Path (`events[0].probability`) to 1-based line, where known. */
  lineOf: (path: string) => number | undefined;
}

const TOP_KEYS = ['id', 'name', 'description', 'perspective', 'assumptions', 'events', 'sources'];
const EVENT_KEYS = ['id', 'name', 'description', 'probability', 'shocks', 'sources'];

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function unknownKeys(
  obj: Record<string, unknown>,
  allowed: readonly string[],
  path: string,
  problems: ScenarioProblem[],
): void {
  for (const k of Object.keys(obj)) {
    if (allowed.includes(k)) continue;
    const near = suggestNames(k, allowed, 1);
    problems.push({
      path: path ? `${path}.${k}` : k,
      message: `unknown key "${k}"`,
      hint: near.length ? `did you mean "${near[0]}"?` : `allowed keys: ${allowed.join(', ')}`,
    });
  }
}

/** Check the shape of a parsed risk model value (from YAML, JSON or an HTTP body). */
export function riskFromValue(
  value: unknown,
  fallbackId: string,
): { model: RiskModel; problems: ScenarioProblem[] } {
  const problems: ScenarioProblem[] = [];
  const fail = (path: string, message: string, hint?: string) =>
    problems.push({ path, message, hint });
  if (!isObject(value)) fail('', 'a risk model must be a mapping with an events list');
  const top = isObject(value) ? value : {};
  unknownKeys(top, TOP_KEYS, '', problems);
  // The top level shares the scenario's keys (id, name, perspective, assumptions): check them
  // with the scenario checker, without shocks.
  const head = scenarioFromValue(
    Object.fromEntries(Object.entries(top).filter(([k]) => k !== 'events' && TOP_KEYS.includes(k))),
    fallbackId,
  );
  problems.push(...head.problems);
  const events: RiskEvent[] = [];
  if (top.events === undefined) fail('events', 'events is required', 'list at least one event');
  else if (!Array.isArray(top.events)) fail('events', 'events must be a list');
  const seen = new Map<string, number>();
  (Array.isArray(top.events) ? (top.events as unknown[]) : []).forEach((raw, q) => {
    const path = `events[${q}]`;
    if (!isObject(raw)) {
      fail(path, `${path} must be a mapping with id, probability and shocks`);
      return;
    }
    unknownKeys(raw, EVENT_KEYS, path, problems);
    const id = typeof raw.id === 'string' ? raw.id : `event-${q + 1}`;
    if (raw.id === undefined) fail(`${path}.id`, `${path}.id is required`);
    else if (typeof raw.id !== 'string' || !isSlug(raw.id))
      fail(
        `${path}.id`,
        `event id ${quoteValue(raw.id)} is not a lowercase identifier`,
        'use lowercase words joined by hyphens',
      );
    const dup = seen.get(id);
    if (dup !== undefined) fail(`${path}.id`, `event id "${id}" is already used by events[${dup}]`);
    else seen.set(id, q);
    let probability = 0;
    const p = raw.probability;
    if (p === undefined || p === null)
      fail(`${path}.probability`, `${path}.probability is required`, 'write a number from 0 to 1');
    else if (typeof p !== 'number' || !Number.isFinite(p))
      fail(
        `${path}.probability`,
        `${path}.probability must be a number, not ${quoteValue(p)}`,
        'write a number from 0 to 1',
      );
    else if (p < 0 || p > 1)
      fail(
        `${path}.probability`,
        `${path}.probability ${p} is outside 0..1`,
        p > 1 && p <= 100 && Number.isInteger(p)
          ? `probabilities are fractions: write ${p / 100} for ${p}%`
          : 'write a number from 0 to 1',
      );
    else probability = p;
    if (raw.shocks === undefined)
      fail(`${path}.shocks`, `${path}.shocks is required`, 'list the shocks that happen together');
    else if (Array.isArray(raw.shocks) && raw.shocks.length === 0)
      fail(`${path}.shocks`, `${path}.shocks must not be empty`);
    const shocks = scenarioFromValue({ shocks: raw.shocks ?? [] }, 'event');
    for (const sp of shocks.problems) problems.push({ ...sp, path: `${path}.${sp.path}` });
    events.push({
      id,
      name: typeof raw.name === 'string' ? raw.name : undefined,
      probability,
      shocks: shocks.scenario.shocks,
    });
  });
  const s = head.scenario;
  return {
    model: {
      id: s.id,
      name: s.name,
      description: s.description,
      perspective: s.perspective,
      assumptions: s.assumptions,
      events,
    },
    problems,
  };
}

/** Parse risk model text (YAML, of which JSON is a subset). */
export function parseRiskText(
  text: string,
  file: string,
): ParsedRiskModel & { problems: ScenarioProblem[]; syntax?: ValidationIssue } {
  const fallbackId = basename(file).replace(/\.(ya?ml|json)$/i, '');
  const read = parseLocatedYaml(text, 'the risk model');
  if (!read.ok) {
    const empty: RiskModel = {
      id: fallbackId,
      assumptions: { reallocation: 'market' },
      events: [],
    };
    return {
      model: empty,
      file,
      lineOf: () => undefined,
      problems: [],
      syntax: {
        severity: 'error',
        code: 'risk-syntax',
        file,
        line: read.line,
        message: read.message,
      },
    };
  }
  const { model, problems } = riskFromValue(read.value, fallbackId);
  return { model, file, lineOf: read.lineOf, problems };
}

/** Turn risk model problems into located validation issues (code `risk`). */
export function locateRiskProblems(
  parsed: Pick<ParsedRiskModel, 'file' | 'lineOf'>,
  problems: readonly ScenarioProblem[],
): ValidationIssue[] {
  return locateProblems(parsed, problems).map((i) => ({ ...i, code: 'risk' }));
}

/** Read a risk model file and check its shape; throws ValidationError on any problem. */
export function readRiskFile(path: string): ParsedRiskModel {
  const parsed = parseRiskText(readFileSync(path, 'utf8'), basename(path));
  if (parsed.syntax) throw new ValidationError([parsed.syntax]);
  if (parsed.problems.length)
    throw new ValidationError(locateRiskProblems(parsed, parsed.problems));
  return parsed;
}
