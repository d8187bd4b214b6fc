/**
 * CSV in and out (RFC 4180), with the positions validation needs.
 *
 * Accepts a UTF-8 byte-order mark, LF, CRLF or CR line endings, quoted fields spanning lines
 * and blank lines. Each row keeps the 1-based line it starts on, so errors can name it.
 */
import { parse } from 'csv-parse/sync';
import type { IssueList } from './issues.js';

export interface CsvRow {
  /** 1-based line where the row starts. */
  line: number;
  cells: string[];
}

export interface CsvTable {
  file: string;
  header: string[];
  rows: CsvRow[];
}

interface Parsed {
  record: string[];
  info: { lines: number };
}

/**
 * Parse CSV text. Problems (an empty file, an unclosed quote, a row with the wrong number of
 * fields) are reported to `issues`; the result holds the rows that could be read.
 */
export function parseCsv(file: string, text: string, issues: IssueList): CsvTable | undefined {
  if (text.replace(/^\uFEFF/, '').trim() === '') {
    issues.error(
      { file, line: 1 },
      'empty-file',
      'the file is empty',
      'add a header row (see docs/formats.md), or delete the file if it is optional',
    );
    return undefined;
  }
  let parsed: Parsed[];
  try {
    parsed = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      record_delimiter: ['\r\n', '\n', '\r'],
    }) as unknown as Parsed[];
  } catch (err) {
    const e = err as { lines?: number; message?: string };
    issues.error(
      { file, line: e.lines },
      'csv-syntax',
      `the file is not valid CSV: ${String(e.message).replace(/\s+on line \d+$/, '')}`,
      'check the quoting on this line: a field with a comma, quote or line break must be in double quotes, and quotes inside it doubled ("")',
    );
    return undefined;
  }
  const first = parsed[0];
  if (!first) return undefined;
  const header = first.record.map((h) => h.trim());
  const rows: CsvRow[] = [];
  let prevEnd = first.info.lines;
  for (let r = 1; r < parsed.length; r++) {
    const p = parsed[r]!;
    const line = prevEnd + 1;
    prevEnd = p.info.lines;
    const cells = p.record;
    if (cells.length === 1 && cells[0]!.trim() === '') continue; // blank line
    if (cells.length !== header.length) {
      issues.error(
        { file, line },
        'field-count',
        `the row has ${cells.length} fields but the header has ${header.length}`,
        'quote fields that contain commas, and give every row one field per header column (leave a field empty rather than removing it)',
      );
      continue;
    }
    rows.push({ line, cells: cells.map((c) => c.trim()) });
  }
  return { file, header, rows };
}

/** One CSV field, quoted when needed (RFC 4180). */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'number' ? formatNumber(value) : value;
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Numbers without float noise: 12 significant digits, no trailing zeros. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return '';
  if (Number.isInteger(n)) return String(n);
  return String(Number.parseFloat(n.toPrecision(12)));
}

export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const lines = [header.map((h) => csvField(h)).join(',')];
  for (const r of rows) lines.push(r.map((v) => csvField(v as string | number | null)).join(','));
  return lines.join('\n') + '\n';
}
