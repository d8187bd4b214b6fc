/**
 * Output formats of the CLI: aligned text tables for people, JSON and CSV for programs.
 * JSON carries shares as fractions 0..1; tables show percentages.
 */
import { toCsv } from '../io/csv.js';
import { neutralizeFormula } from '../store/safe-csv.js';

export type Format = 'table' | 'json' | 'csv';

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
  align?: 'left' | 'right';
  /** Truncate longer text to this width (tables only). */
  max?: number;
}

export function resolveFormat(value: string | undefined, isTTY: boolean): Format {
  if (value === undefined) return isTTY ? 'table' : 'json';
  if (value === 'table' || value === 'json' || value === 'csv') return value;
  throw new UsageError(`unknown format "${value}"; use table, json or csv`);
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function pct(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '-';
  return `${(x * 100).toFixed(digits)}%`;
}

export function usd(x: number | null | undefined): string {
  if (x === null || x === undefined) return '-';
  if (x >= 1e12) return `$${(x / 1e12).toFixed(2)}T`;
  if (x >= 1e9) return `$${(x / 1e9).toFixed(1)}B`;
  if (x >= 1e6) return `$${(x / 1e6).toFixed(1)}M`;
  return `$${Math.round(x).toLocaleString('en-US')}`;
}

/** Terminal columns a string takes: East Asian wide characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += WIDE.test(ch) ? 2 : 1;
  return w;
}
const WIDE =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

function clip(s: string, max: number | undefined): string {
  if (max === undefined || displayWidth(s) <= max) return s;
  let out = '';
  for (const ch of s) {
    if (displayWidth(out + ch) > max - 1) break;
    out += ch;
  }
  return out + '…';
}

function pad(s: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
}

/** `s` padded with spaces to `width` terminal columns (wide characters count two). */
export function padDisplay(s: string, width: number): string {
  return pad(s, width, false);
}

export function renderTable<T>(
  columns: readonly Column<T>[],
  rows: readonly T[],
  options: { indent?: string } = {},
): string {
  const indent = options.indent ?? '';
  const cells = rows.map((r) =>
    columns.map((c) => clip(String(c.value(r) ?? '-'), c.max).replace(/\s+/g, ' ')),
  );
  const widths = columns.map((c, q) =>
    Math.max(displayWidth(c.header), ...cells.map((row) => displayWidth(row[q]!))),
  );
  const line = (vals: string[]) =>
    vals
      .map((v, q) => pad(v, widths[q]!, columns[q]!.align === 'right'))
      .join('  ')
      .trimEnd();
  const lines = [
    line(columns.map((c) => c.header)),
    line(widths.map((w) => '-'.repeat(w))),
    ...cells.map(line),
  ];
  return lines.map((l) => indent + l).join('\n');
}

/** Flatten nested objects to dotted CSV columns: top.country, controlledBy.EU27. */
export function flatten(obj: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      Object.assign(out, flatten(v as Record<string, unknown>, key));
    } else out[key] = Array.isArray(v) ? v.join(';') : v;
  }
  return out;
}

export function rowsToCsv(rows: readonly object[]): string {
  const flat = rows.map((r) => flatten(JSON.parse(stableJson(r)) as Record<string, unknown>));
  const header: string[] = [];
  for (const r of flat) for (const k of Object.keys(r)) if (!header.includes(k)) header.push(k);
  // Result CSVs are opened in spreadsheets: a text cell starting with = + - @ is neutralized.
  return toCsv(
    header,
    flat.map((r) =>
      header.map((h) => {
        const v = r[h];
        if (v === undefined || v === null) return null;
        return typeof v === 'string' ? neutralizeFormula(v) : (v as number);
      }),
    ),
  );
}

/**
 * JSON with numbers rounded to 12 significant digits, so that float noise (0.04999999999999993)
 * does not reach users and outputs compare equal across platforms.
 */
export function stableJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_k, v: unknown) =>
      typeof v === 'number' && Number.isFinite(v) && !Number.isInteger(v)
        ? Number.parseFloat(v.toPrecision(12))
        : v,
    2,
  );
}
