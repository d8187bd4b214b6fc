/**
 * CSV for spreadsheets, safe against formula injection (CWE-1236, OWASP "CSV Injection"):
 * a text cell starting with = + - @ (or tab or carriage return, which some spreadsheets skip
 * before reading a formula) gets a leading apostrophe, so Excel, LibreOffice and Google Sheets
 * show it as text instead of evaluating it. Numbers are left alone: -3 stays a number.
 */
import { toCsv } from '../io/csv.js';

const FORMULA_START = /^[=+\-@\t\r]/;

/** The value as a spreadsheet will show it literally. Non-strings pass through. */
export function neutralizeFormula<T>(value: T): T | string {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/** Nested objects become dotted columns (top.country); arrays of scalars join with ';'. */
export function flattenRow(obj: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      Object.assign(out, flattenRow(v as Record<string, unknown>, key));
    } else if (Array.isArray(v)) {
      out[key] = v
        .map((x) => (x !== null && typeof x === 'object' ? JSON.stringify(x) : x))
        .join(';');
    } else out[key] = v;
  }
  return out;
}

/** Rows of objects as neutralized CSV; the header is the union of keys in first-seen order. */
export function safeCsv(rows: readonly Record<string, unknown>[]): string {
  const flat = rows.map((r) => flattenRow(r));
  const header: string[] = [];
  const seen = new Set<string>();
  for (const r of flat)
    for (const k of Object.keys(r))
      if (!seen.has(k)) {
        seen.add(k);
        header.push(k);
      }
  const cell = (v: unknown): string | number | null => {
    if (v === null || v === undefined) return null;
    if (typeof v === 'number') return Number.isFinite(v) ? v : null;
    if (typeof v === 'boolean') return String(v);
    return neutralizeFormula(String(v));
  };
  return toCsv(
    header.map((h) => neutralizeFormula(h)),
    flat.map((r) => header.map((h) => cell(r[h]))),
  );
}
