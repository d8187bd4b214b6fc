/**
 * The API's errors: every failure is a JSON body `{ error: { message, pointer, hint? } }` with
 * a 4xx status for the client's mistakes and 500 only for bugs. `pointer` locates the bad
 * field: `query.<name>`, `path.<name>`, `body` or `body.<path>` (a scenario path such as
 * `body.shocks[0].restrict.from[1]`).
 */
import { UnknownNameError } from '../core/perspective.js';
import { jsonResponse } from './json.js';

export interface ProblemDetail {
  pointer: string;
  message: string;
  hint?: string | undefined;
}

export interface ErrorBody {
  error: ProblemDetail & {
    /** Closest known names, for an unknown item, country, bloc or area. */
    suggestions?: string[];
    /** Every problem found, when there is more than one (scenarios). */
    problems?: ProblemDetail[];
  };
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 500 | 503,
    message: string,
    readonly pointer: string,
    readonly hint?: string | undefined,
    readonly extra: { suggestions?: string[]; problems?: ProblemDetail[] } = {},
  ) {
    super(message);
  }

  toResponse(): Response {
    const body: ErrorBody = {
      error: {
        message: this.message,
        pointer: this.pointer,
        ...(this.hint !== undefined ? { hint: this.hint } : {}),
        ...this.extra,
      },
    };
    return jsonResponse(body, this.status);
  }
}

/** An unknown name in a query or path parameter: 404 for a path resource, else 400. */
export function fromUnknownName(err: UnknownNameError, pointer: string, status: 400 | 404) {
  const hint = err.suggestions.length
    ? `did you mean ${err.suggestions.map((s) => `"${s}"`).join(', ')}?`
    : undefined;
  return new ApiError(status, `unknown ${err.kind} "${err.value}"`, pointer, hint, {
    suggestions: [...err.suggestions],
  });
}

/**
 * Run a query whose unknown names come from request parameters, turning UnknownNameError
 * into a located 4xx. `pointers` maps the error's kind to the parameter that carried it.
 */
export function withNames<T>(
  run: () => T,
  pointers: Partial<Record<UnknownNameError['kind'], string>>,
  status: 400 | 404 = 400,
): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof UnknownNameError) {
      throw fromUnknownName(err, pointers[err.kind] ?? 'query', status);
    }
    throw err;
  }
}

/** Turn anything thrown by a handler into a response; unexpected errors become a 500. */
export function errorResponse(err: unknown, log: (e: unknown) => void): Response {
  if (err instanceof ApiError) return err.toResponse();
  log(err);
  return new ApiError(
    500,
    'internal error: this is a bug in Chokepoint, please report it',
    '',
  ).toResponse();
}
