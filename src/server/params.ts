/**
 * Query-parameter validation: each route names the parameters it takes; an unknown or repeated
 * parameter, a value of the wrong type or out of range is a 400 that points at the parameter.
 */
import type { Context } from 'hono';
import { closestNames } from '../core/suggest.js';
import { ApiError } from './errors.js';

export class Query {
  private readonly params: URLSearchParams;

  constructor(
    c: Context,
    private readonly allowed: readonly string[],
    private readonly repeatable: readonly string[] = [],
  ) {
    this.params = new URL(c.req.url).searchParams;
    for (const key of new Set(this.params.keys())) {
      if (!allowed.includes(key)) {
        const near = closestNames(key, allowed, 1);
        throw new ApiError(
          400,
          `unknown query parameter "${key}"`,
          `query.${key}`,
          near.length
            ? `did you mean "${near[0]}"?`
            : allowed.length
              ? `this endpoint takes: ${allowed.join(', ')}`
              : 'this endpoint takes no query parameters',
        );
      }
      if (!repeatable.includes(key) && this.params.getAll(key).length > 1) {
        throw new ApiError(400, `query parameter "${key}" is given more than once`, `query.${key}`);
      }
    }
  }

  /** A text value; empty text counts as absent. */
  string(name: string): string | undefined {
    const v = this.params.get(name);
    return v === null || v === '' ? undefined : v;
  }

  required(name: string, hint: string): string {
    const v = this.string(name);
    if (v === undefined)
      throw new ApiError(400, `query parameter "${name}" is required`, `query.${name}`, hint);
    return v;
  }

  /** One of a fixed set of words. */
  oneOf<T extends string>(name: string, values: readonly T[]): T | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    if (!(values as readonly string[]).includes(v)) {
      throw new ApiError(
        400,
        `query parameter "${name}" must be ${values.map((x) => `"${x}"`).join(' or ')}, not "${v}"`,
        `query.${name}`,
      );
    }
    return v as T;
  }

  /** A whole number in min..max. */
  int(name: string, min: number, max: number): number | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!/^-?\d+$/.test(v) || !Number.isSafeInteger(n)) {
      throw new ApiError(
        400,
        `query parameter "${name}" must be a whole number, not "${v}"`,
        `query.${name}`,
      );
    }
    if (n < min || n > max) {
      throw new ApiError(
        400,
        `query parameter "${name}" must be from ${min} to ${max}, not ${n}`,
        `query.${name}`,
      );
    }
    return n;
  }

  /** Names given repeated (`?bloc=A&bloc=B`) or comma-separated (`?bloc=A,B`). */
  list(name: string): string[] | undefined {
    const all = this.params
      .getAll(name)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);
    return all.length ? all : undefined;
  }
}

/**
 * A request body that must be a JSON object: 415 for another content type, 400 for text that
 * is not JSON or a value that is not an object.
 */
export async function jsonObjectBody(ctx: Context): Promise<Record<string, unknown>> {
  const type = (ctx.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new ApiError(
      415,
      `unsupported content type "${type || '(none)'}"`,
      'body',
      'send application/json',
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(await ctx.req.text());
  } catch (err) {
    throw new ApiError(400, `the body is not valid JSON: ${(err as Error).message}`, 'body');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new ApiError(400, 'the body must be a JSON object', 'body');
  return value as Record<string, unknown>;
}
