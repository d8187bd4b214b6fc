/**
 * CSV in and out (RFC 4180), with the positions validation needs.
 *
 * Accepts a UTF-8 byte-order mark, LF, CRLF or CR line endings, quoted fields spanning lines
 * and blank lines. Each row keeps the 1-based line it starts on, so errors can name it.
 */
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

class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * Split CSV text into records with their starting lines. A hand-written scanner: one pass,
 * no per-record bookkeeping objects, which keeps a 50 MB file to a few seconds (a general
 * parser's per-record info objects cost more in garbage collection than the parsing).
 */
export function splitCsv(text: string): { line: number; cells: string[] }[] {
  const out: { line: number; cells: string[] }[] = [];
  const n = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (pos < n) {
    const startLine = line;
    const cells: string[] = [];
    for (;;) {
      // One field.
      if (text.charCodeAt(pos) === QUOTE) {
        const openLine = line;
        let value = '';
        let from = ++pos;
        for (;;) {
          const q = text.indexOf('"', pos);
          if (q < 0) {
            throw new CsvSyntaxError(
              `a quoted field opened on line ${openLine} is never closed`,
              openLine,
            );
          }
          // Line breaks inside the field: LF, CRLF or a lone CR, as outside quotes.
          for (let k = pos; k < q; k++) {
            const c = text.charCodeAt(k);
            if (c === LF || (c === CR && text.charCodeAt(k + 1) !== LF)) line++;
          }
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(from, q + 1);
            pos = from = q + 2;
            continue;
          }
          value += text.slice(from, q);
          pos = q + 1;
          break;
        }
        const c = text.charCodeAt(pos);
        if (pos < n && c !== COMMA && c !== LF && c !== CR) {
          throw new CsvSyntaxError(
            `unexpected text after the closing quote of a field on line ${line}`,
            line,
          );
        }
        cells.push(value);
      } else {
        let k = pos;
        while (k < n) {
          const c = text.charCodeAt(k);
          if (c === COMMA || c === LF || c === CR) break;
          if (c === QUOTE) {
            throw new CsvSyntaxError(
              `a double quote inside an unquoted field on line ${line}`,
              line,
            );
          }
          k++;
        }
        cells.push(text.slice(pos, k));
        pos = k;
      }
      const c = text.charCodeAt(pos);
      if (c === COMMA) {
        pos++;
        continue;
      }
      if (c === CR) pos += text.charCodeAt(pos + 1) === LF ? 2 : 1;
      else if (c === LF) pos++;
      line++;
      break;
    }
    out.push({ line: startLine, cells });
  }
  return out;
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
  let records: { line: number; cells: string[] }[];
  try {
    records = splitCsv(text);
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    issues.error(
      { file, line: err.line },
      'csv-syntax',
      `the file is not valid CSV: ${err.message}`,
      'a field with a comma, quote or line break must be in double quotes, with quotes inside it doubled ("")',
    );
    return undefined;
  }
  const first = records[0];
  if (!first) return undefined;
  const header = first.cells.map((h) => h.trim());
  const rows: CsvRow[] = [];
  for (let r = 1; r < records.length; r++) {
    const { line, cells } = records[r]!;
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
    for (let q = 0; q < cells.length; q++) cells[q] = cells[q]!.trim();
    rows.push({ line, cells });
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
