/**
 * Read a dataset from a folder of CSV files or from its JSON form (DATA.md), and validate it.
 *
 * `checkDataset` returns every issue (the `validate` command prints them); `loadDataset`
 * throws a ValidationError when there is any error, and otherwise returns the dataset with
 * its warnings.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Dataset, DatasetMeta } from '../core/dataset.js';

import { parseCsv } from './csv.js';
import type { ValidationIssue } from './issues.js';
import { IssueList, ValidationError, quoteValue } from './issues.js';
import type { TableKey } from './schema.js';
import { FILES, META_FILE, META_KEYS } from './schema.js';
import type { Table } from './tables.js';
import { tableFromCsv, tableFromJson } from './tables.js';
import type { Origins } from './to-dataset.js';
import { tablesToDataset } from './to-dataset.js';
import { validateDataset } from './validate-dataset.js';

export interface ReadOptions {
  /** Year against which "older than ten years" is judged. Default: this year. */
  currentYear?: number;
}

export interface CheckedDataset {
  dataset: Dataset;
  origins: Origins;
  issues: ValidationIssue[];
  format: 'folder' | 'json';
  path: string;
}

export class DatasetNotFoundError extends Error {
  override readonly name = 'DatasetNotFoundError';
  constructor(readonly path: string) {
    super(
      `no dataset at ${path}: expected a folder with items.csv and shares.csv, or a .json file`,
    );
  }
}

/** Read and validate; never throws for bad content (only for a missing path). */
export function checkDataset(path: string, options: ReadOptions = {}): CheckedDataset {
  if (!existsSync(path)) throw new DatasetNotFoundError(path);
  const issues = new IssueList();
  const isDir = statSync(path).isDirectory();
  const tables: Partial<Record<TableKey, Table>> = {};
  const meta = isDir ? readFolder(path, tables, issues) : readJson(path, tables, issues);
  const { dataset, origins } = tablesToDataset(tables, issues);
  dataset.meta = meta;
  finish(dataset, origins, issues, options);
  return { dataset, origins, issues: issues.issues, format: isDir ? 'folder' : 'json', path };
}

/**
 * Cross-file checks run only when every file could be read: a file that failed to parse
 * would otherwise make every reference to it look broken and bury the real error.
 */
const FILE_LEVEL = new Set([
  'empty-file',
  'csv-syntax',
  'missing-column',
  'missing-file',
  'not-a-file',
  'json-syntax',
]);

function finish(dataset: Dataset, origins: Origins, issues: IssueList, options: ReadOptions): void {
  if (issues.issues.some((i) => i.severity === 'error' && FILE_LEVEL.has(i.code))) return;
  validateDataset(dataset, origins, issues, {
    currentYear: options.currentYear ?? new Date().getFullYear(),
  });
}

/** Typed, validated dataset from already-read tables (the xlsx reader's path). */
export function checkTables(
  tables: Partial<Record<TableKey, Table>>,
  meta: DatasetMeta,
  issues: IssueList,
  path: string,
  options: ReadOptions = {},
): CheckedDataset {
  const { dataset, origins } = tablesToDataset(tables, issues);
  dataset.meta = meta;
  finish(dataset, origins, issues, options);
  return { dataset, origins, issues: issues.issues, format: 'json', path };
}

/** Read and validate; throws ValidationError listing every error. */
export function loadDataset(path: string, options: ReadOptions = {}): CheckedDataset {
  const checked = checkDataset(path, options);
  if (checked.issues.some((i) => i.severity === 'error')) throw new ValidationError(checked.issues);
  return checked;
}

function readFolder(
  dir: string,
  tables: Partial<Record<TableKey, Table>>,
  issues: IssueList,
): DatasetMeta {
  for (const spec of FILES) {
    const p = join(dir, spec.file);
    if (!existsSync(p)) {
      if (spec.required) {
        issues.error(
          { file: spec.file },
          'missing-file',
          `${spec.file} is missing from ${dir}`,
          `create it with the header: ${spec.columns.join(',')}`,
        );
      }
      continue;
    }
    if (notAFile(p, spec.file, issues)) continue;
    const csv = parseCsv(spec.file, readFileSync(p, 'utf8'), issues);
    if (!csv) continue;
    const t = tableFromCsv(spec, csv, issues);
    if (t) tables[spec.key] = t;
  }
  const metaPath = join(dir, META_FILE);
  if (!existsSync(metaPath) || notAFile(metaPath, META_FILE, issues)) return {};
  let value: unknown;
  try {
    value = parseYaml(readFileSync(metaPath, 'utf8'), { maxAliasCount: 100, logLevel: 'error' });
  } catch (err) {
    const e = err as { message?: string; linePos?: { line: number }[] };
    issues.error(
      { file: META_FILE, line: e.linePos?.[0]?.line },
      'yaml-syntax',
      `${META_FILE} is not valid YAML: ${String(e.message).split('\n')[0]}`,
    );
    return {};
  }
  return metaFrom(value, META_FILE, issues);
}

/** A folder (or other non-file) where a dataset file should be: an error, true. */
function notAFile(path: string, file: string, issues: IssueList): boolean {
  if (statSync(path).isFile()) return false;
  issues.error(
    { file },
    'not-a-file',
    `${path} is a folder, not a file`,
    `move the folder away, or replace it with the ${file} file`,
  );
  return true;
}

function metaFrom(value: unknown, file: string, issues: IssueList): DatasetMeta {
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    issues.error(
      { file },
      'meta-shape',
      'dataset metadata must be a mapping of name, version, ...',
    );
    return {};
  }
  const meta: DatasetMeta = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if ((META_KEYS as readonly string[]).includes(k)) {
      if (v === null || v === undefined) meta[k as keyof DatasetMeta] = undefined;
      else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
        meta[k as keyof DatasetMeta] = String(v);
      else
        issues.error(
          { file, column: k },
          'meta-shape',
          `dataset metadata "${k}" must be text, not ${quoteValue(v)}`,
        );
    } else {
      issues.warn(
        { file, column: k },
        'unknown-column',
        `"${k}" is not a dataset metadata key and is ignored`,
        `known keys: ${META_KEYS.join(', ')}`,
      );
    }
  }
  return meta;
}

function readJson(
  path: string,
  tables: Partial<Record<TableKey, Table>>,
  issues: IssueList,
): DatasetMeta {
  const file = basename(path);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    issues.error(
      { file },
      'json-syntax',
      `${file} is not valid JSON: ${(err as Error).message}`,
      'a dataset is a folder of CSV files or one JSON object with an array per file',
    );
    return {};
  }
  return datasetJsonToTables(value, file, tables, issues);
}

/** The JSON form, already parsed (the HTTP API passes bodies here). */
export function datasetJsonToTables(
  value: unknown,
  file: string,
  tables: Partial<Record<TableKey, Table>>,
  issues: IssueList,
): DatasetMeta {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    issues.error(
      { file },
      'json-shape',
      'the dataset must be a JSON object',
      'write { "items": [...], "shares": [...], ... }',
    );
    return {};
  }
  const obj = value as Record<string, unknown>;
  for (const spec of FILES) {
    if (!(spec.key in obj)) {
      if (spec.required) {
        issues.error(
          { file },
          'missing-file',
          `"${spec.key}" is missing`,
          `add "${spec.key}": [ ... ] with fields ${spec.requiredColumns.join(', ')}`,
        );
      }
      continue;
    }
    const t = tableFromJson(spec, file, obj[spec.key], issues);
    if (t) tables[spec.key] = t;
  }
  for (const k of Object.keys(obj)) {
    if (k !== 'dataset' && !FILES.some((f) => f.key === k)) {
      issues.warn(
        { file, column: k },
        'unknown-column',
        `"${k}" is not part of the dataset format and is ignored`,
      );
    }
  }
  return metaFrom(obj.dataset, file, issues);
}

/** Parse an in-memory JSON-form dataset (for the HTTP API and scripts). */
export function checkDatasetJson(value: unknown, options: ReadOptions = {}): CheckedDataset {
  const issues = new IssueList();
  const tables: Partial<Record<TableKey, Table>> = {};
  const meta = datasetJsonToTables(value, 'dataset.json', tables, issues);
  const { dataset, origins } = tablesToDataset(tables, issues);
  dataset.meta = meta;
  finish(dataset, origins, issues, options);
  return { dataset, origins, issues: issues.issues, format: 'json', path: 'dataset.json' };
}
