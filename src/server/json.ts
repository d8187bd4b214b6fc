/**
 * JSON responses with the CLI's number rounding: non-integer numbers are rounded to 12
 * significant digits (src/cli/output.ts `stableJson`), so that the API and the CLI give equal
 * JSON for the same question and float noise (0.04999999999999993) does not reach clients.
 * Reimplemented here because the server may not import the CLI.
 */
export function roundNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && Number.isFinite(value) && !Number.isInteger(value)
    ? Number.parseFloat(value.toPrecision(12))
    : value;
}

export function stableJsonText(value: unknown): string {
  return JSON.stringify(value, roundNumbers);
}

/** A JSON response (UTF-8, rounded numbers). */
export function jsonResponse(
  value: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return new Response(stableJsonText(value), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}
