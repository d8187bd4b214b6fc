/**
 * The body of `POST /api/simulate`: a scenario as a JSON object (the scenario file's fields),
 * `{ "yaml": "..." }` with the text of a scenario file, or raw YAML with a YAML content type.
 * Shape problems and unknown names are a 422 listing every problem with its pointer
 * (`body.shocks[0].restrict.from[1]`, or `body.yaml.…` with the line for YAML text).
 */
import type { CompiledDataset } from '../core/compile.js';
import type { ScenarioDiff } from '../core/equilibrium/scenario-diff.js';
import type { Reallocation, Scenario, ScenarioProblem } from '../core/scenario.js';
import { resolveScenario } from '../core/scenario.js';
import { parseScenarioText, scenarioFromValue } from '../io/read-scenario.js';
import type { ProblemDetail } from './errors.js';
import { ApiError } from './errors.js';

/** Scenario id used when the body gives none. */
const FALLBACK_ID = 'scenario';

const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];

interface Source {
  scenario: Scenario;
  problems: ScenarioProblem[];
  prefix: string;
  lineOf: (path: string) => number | undefined;
}

function fromYaml(text: string, prefix: string): Source {
  const parsed = parseScenarioText(text, `${FALLBACK_ID}.yaml`);
  if (parsed.syntax) {
    const s = parsed.syntax;
    throw new ApiError(
      422,
      `the scenario is not valid YAML or JSON${s.line !== undefined ? ` (line ${s.line})` : ''}: ${s.message}`,
      prefix,
      s.hint,
    );
  }
  return { scenario: parsed.scenario, problems: parsed.problems, prefix, lineOf: parsed.lineOf };
}

function fromText(text: string, contentType: string): Source {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (YAML_TYPES.includes(type)) return fromYaml(text, 'body');
  if (type !== 'application/json') {
    throw new ApiError(
      415,
      `unsupported content type "${type || '(none)'}"`,
      'body',
      'send application/json (a scenario object, or {"yaml": "..."}) or application/yaml',
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ApiError(400, `the body is not valid JSON: ${(err as Error).message}`, 'body');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ApiError(
      400,
      `the body must be a JSON object (a scenario), not ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`,
      'body',
      'send {"shocks": [...]} or {"yaml": "..."}',
    );
  }
  const obj = value as Record<string, unknown>;
  if ('yaml' in obj) {
    if (typeof obj.yaml !== 'string') {
      throw new ApiError(400, 'body.yaml must be text (the scenario file)', 'body.yaml');
    }
    const extra = Object.keys(obj).filter((k) => k !== 'yaml');
    if (extra.length) {
      throw new ApiError(
        400,
        `a YAML body has only the key "yaml"; found also "${extra[0]}"`,
        `body.${extra[0]}`,
      );
    }
    return fromYaml(obj.yaml, 'body.yaml');
  }
  const { scenario, problems } = scenarioFromValue(obj, FALLBACK_ID);
  return { scenario, problems, prefix: 'body', lineOf: () => undefined };
}

function detail(src: Source, p: ScenarioProblem): ProblemDetail & { line?: number } {
  const line = src.lineOf(p.path);
  return {
    pointer: p.path ? `${src.prefix}.${p.path}` : src.prefix,
    message: line !== undefined ? `${p.message} (line ${line})` : p.message,
    ...(p.hint !== undefined ? { hint: p.hint } : {}),
    ...(line !== undefined ? { line } : {}),
  };
}

/** Parse, check and resolve the scenario of a request body; throws a located ApiError. */
export function scenarioFromBody(
  c: CompiledDataset,
  text: string,
  contentType: string,
  reallocation: Reallocation | undefined,
): { scenario: Scenario; diff: ScenarioDiff; pointerPrefix: string } {
  const src = fromText(text, contentType);
  // Shape first: names are only checked on a well-formed scenario.
  const resolved = src.problems.length ? undefined : resolveScenario(c, src.scenario, reallocation);
  const problems = resolved ? resolved.problems : src.problems;
  if (problems.length) {
    const all = problems.map((p) => detail(src, p));
    const first = all[0]!;
    throw new ApiError(
      422,
      `invalid scenario: ${first.message}${all.length > 1 ? ` (and ${all.length - 1} more problems)` : ''}`,
      first.pointer,
      first.hint,
      { problems: all },
    );
  }
  return { scenario: src.scenario, diff: resolved!.diff, pointerPrefix: src.prefix };
}
