/**
 * Tables of text cells, the common form of the CSV folder and the JSON form before typing.
 * Both readers produce these, so one converter and one validator serve both formats.
 */
import type { CsvTable } from './csv.js';
import type { IssueList } from './issues.js';
import type { FileSpec, TableKey } from './schema.js';
import { suggestNames } from './suggest.js';

export interface TableRow {
  line: number;
  cells: Record<string, string>;
}

export interface Table {
  /** How errors name the table: `shares.csv`, or `dataset.json#/shares`. */
  file: string;
  key: TableKey;
  rows: TableRow[];
}

/**
 * Check a CSV header against a file's spec and turn its rows into named cells.
 * Missing required columns are errors (with the closest header named); unknown columns are
 * warnings and are ignored.
 */
export function tableFromCsv(spec: FileSpec, csv: CsvTable, issues: IssueList): Table | undefined {
  const seen = new Set<string>();
  for (const [idx, h] of csv.header.entries()) {
    if (h === '') {
      issues.error(
        { file: csv.file, line: 1 },
        'empty-column-name',
        `header column ${idx + 1} has no name`,
        `name every column; this file's columns are: ${spec.columns.join(', ')}`,
      );
    } else if (seen.has(h)) {
      issues.error(
        { file: csv.file, line: 1, column: h },
        'duplicate-column',
        `column "${h}" appears twice in the header`,
        'keep one of them',
      );
    } else if (!spec.columns.includes(h)) {
      const near = suggestNames(h, spec.columns, 1);
      issues.warn(
        { file: csv.file, line: 1, column: h },
        'unknown-column',
        `column "${h}" is not part of ${spec.file} and is ignored`,
        near.length
          ? `did you mean "${near[0]}"?`
          : `known columns are: ${spec.columns.join(', ')}`,
      );
    }
    seen.add(h);
  }
  let ok = true;
  for (const req of spec.requiredColumns) {
    if (!seen.has(req)) {
      ok = false;
      const near = suggestNames(
        req,
        csv.header.filter((h) => !spec.columns.includes(h)),
        1,
      );
      issues.error(
        { file: csv.file, line: 1, column: req },
        'missing-column',
        `required column "${req}" is missing from the header`,
        near.length
          ? `rename column "${near[0]}" to "${req}"`
          : `add a "${req}" column; required columns are: ${spec.requiredColumns.join(', ')}`,
      );
    }
  }
  if (!ok) return undefined;
  const known = csv.header.map((h) => spec.columns.includes(h));
  const rows = csv.rows.map((r) => {
    const cells: Record<string, string> = {};
    for (let q = 0; q < known.length; q++) if (known[q]) cells[csv.header[q]!] = r.cells[q] ?? '';
    return { line: r.line, cells };
  });
  return { file: csv.file, key: spec.key, rows };
}

/** Rows of the JSON form: an array of objects keyed by the CSV column names. */
export function tableFromJson(
  spec: FileSpec,
  file: string,
  value: unknown,
  issues: IssueList,
): Table | undefined {
  const where = `${file}#/${spec.key}`;
  if (!Array.isArray(value)) {
    issues.error(
      { file: where },
      'json-shape',
      `"${spec.key}" must be an array of objects`,
      `write "${spec.key}": [ { ${spec.requiredColumns.map((c) => `"${c}": ...`).join(', ')} } ]`,
    );
    return undefined;
  }
  const rows: TableRow[] = [];
  value.forEach((row: unknown, idx) => {
    const line = idx + 1;
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      issues.error({ file: where, line }, 'json-shape', `row ${line} is not an object`);
      return;
    }
    const cells: Record<string, string> = {};
    for (const [k, v] of Object.entries(row as Record<string, unknown>)) {
      if (!spec.columns.includes(k)) {
        issues.warn(
          { file: where, line, column: k },
          'unknown-column',
          `field "${k}" is not part of ${spec.key} and is ignored`,
          `known fields are: ${spec.columns.join(', ')}`,
        );
        continue;
      }
      if (v === null || v === undefined) cells[k] = '';
      else if (Array.isArray(v) && k === 'aliases') {
        // Names only: String() of a nested list or of a mapping can overflow the stack or throw.
        if (v.every((a) => typeof a === 'string' || typeof a === 'number'))
          cells[k] = v.map(String).join(';');
        else
          issues.error(
            { file: where, line, column: k },
            'json-shape',
            'field "aliases" must be a list of names',
            'write "aliases": ["first name", "second name"]',
          );
      } else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
        cells[k] = String(v).trim();
      else {
        issues.error(
          { file: where, line, column: k },
          'json-shape',
          `field "${k}" must be a string or a number`,
        );
      }
    }
    for (const req of spec.requiredColumns) {
      if (!(req in cells)) {
        issues.error(
          { file: where, line, column: req },
          'missing-column',
          `required field "${req}" is missing`,
          `add "${req}" to this row`,
        );
      }
    }
    rows.push({ line, cells });
  });
  return { file: where, key: spec.key, rows };
}
