/**
 * Excel workbooks: a dataset as one sheet per dataset file (DATA.md), with the same columns
 * as the CSV files, and result tables as formatted sheets. Written and read with exceljs.
 *
 * Reading goes through the same tables, converter and validator as CSV, so errors name the
 * sheet, the row (as Excel numbers it) and the column: `book.xlsx#shares:14 [share]`.
 */
import ExcelJS from 'exceljs';
import { basename } from 'node:path';
import type { Dataset, DatasetMeta } from '../core/dataset.js';
import { formatNumber } from './csv.js';
import { IssueList } from './issues.js';
import type { CheckedDataset, ReadOptions } from './read-dataset.js';
import { checkTables } from './read-dataset.js';
import type { TableKey } from './schema.js';
import { FILES, META_KEYS } from './schema.js';
import type { Table } from './tables.js';
import { tableFromCsv } from './tables.js';
import { datasetRows, writeFileAtomic } from './write-dataset.js';
import type { WriteOptions } from './write-dataset.js';

const META_SHEET = 'dataset';

/** Columns written as numbers (everything else is text, so ids like "001" stay text). */
const NUMERIC = new Set([
  'market_size_usd',
  'market_year',
  'criticality',
  'efficiency',
  'share',
  'year',
  'gdp_usd',
  'gdp_year',
]);

function headerStyle(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
}

/** The dataset as an xlsx workbook (bytes). */
export async function datasetToXlsx(ds: Dataset): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Chokepoint';
  const meta = wb.addWorksheet(META_SHEET);
  meta.addRow(['key', 'value']);
  headerStyle(meta.getRow(1));
  for (const k of META_KEYS) if (ds.meta[k] !== undefined) meta.addRow([k, ds.meta[k]]);
  meta.columns.forEach((c) => (c.width = 24));
  const rows = datasetRows(ds);
  for (const spec of FILES) {
    const ws = wb.addWorksheet(spec.key);
    ws.addRow([...spec.columns]);
    headerStyle(ws.getRow(1));
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    for (const r of rows[spec.key]) {
      ws.addRow(
        spec.columns.map((col, q) => {
          const v = r[q];
          if (v === undefined || v === null || v === '') return null;
          return NUMERIC.has(col) && typeof v === 'number' ? v : String(v);
        }),
      );
    }
    spec.columns.forEach((col, q) => {
      ws.getColumn(q + 1).width = Math.min(60, Math.max(10, col.length + 4));
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function writeDatasetXlsx(
  file: string,
  ds: Dataset,
  options: WriteOptions = {},
): Promise<void> {
  writeFileAtomic(file, await datasetToXlsx(ds), options);
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  // A date cell whose serial is not a date (NaN, out of range) reads as an Invalid Date:
  // keep its text so that validation names the cell, instead of toISOString() throwing.
  if (v instanceof Date)
    return Number.isNaN(v.getTime()) ? String(v) : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('error' in v) return String(v.error);
  }
  return String(v);
}

/** Read a workbook written by `datasetToXlsx` (or by hand with the same sheets and headers). */
export async function checkDatasetXlsx(
  path: string,
  options: ReadOptions = {},
): Promise<CheckedDataset> {
  const file = basename(path);
  const issues = new IssueList();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(path);
  } catch (err) {
    issues.error(
      { file },
      'xlsx-syntax',
      `${file} is not a readable xlsx workbook: ${(err as Error).message}`,
    );
    return checkTables({}, {}, issues, path, options);
  }
  const tables: Partial<Record<TableKey, Table>> = {};
  for (const spec of FILES) {
    const ws = wb.getWorksheet(spec.key);
    const where = `${file}#${spec.key}`;
    if (!ws) {
      if (spec.required) {
        issues.error(
          { file: where },
          'missing-file',
          `sheet "${spec.key}" is missing`,
          `add a sheet named "${spec.key}" with the header: ${spec.columns.join(', ')}`,
        );
      }
      continue;
    }
    const width = Math.max(ws.columnCount, 1);
    const header = Array.from({ length: width }, (_, q) =>
      cellText(ws.getRow(1).getCell(q + 1).value).trim(),
    );
    while (header.length && header[header.length - 1] === '') header.pop();
    const csvRows: { line: number; cells: string[] }[] = [];
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      if (n === 1) return;
      const cells = header.map((_, q) => cellText(row.getCell(q + 1).value).trim());
      if (cells.every((x) => x === '')) return;
      csvRows.push({ line: n, cells });
    });
    const t = tableFromCsv(spec, { file: where, header, rows: csvRows }, issues);
    if (t) tables[spec.key] = t;
  }
  const meta: DatasetMeta = {};
  const ms = wb.getWorksheet(META_SHEET);
  ms?.eachRow((row, n) => {
    if (n === 1) return;
    const k = cellText(row.getCell(1).value).trim();
    const v = cellText(row.getCell(2).value);
    if ((META_KEYS as readonly string[]).includes(k)) meta[k as keyof DatasetMeta] = v;
    else if (k)
      issues.warn(
        { file: `${file}#${META_SHEET}`, line: n },
        'unknown-column',
        `"${k}" is not a dataset metadata key and is ignored`,
      );
  });
  return checkTables(tables, meta, issues, path, options);
}

/** A formatted sheet of result rows (shares as percentages, USD with thousands separators). */
export async function rowsToXlsx(
  sheet: string,
  rows: readonly Record<string, unknown>[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet.slice(0, 31));
  const header: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!header.includes(k)) header.push(k);
  ws.addRow(header);
  headerStyle(ws.getRow(1));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) ws.addRow(header.map((h) => toCell(r[h])));
  header.forEach((h, q) => {
    const col = ws.getColumn(q + 1);
    col.width = Math.min(50, Math.max(10, h.length + 4));
    if (/usd|valueAtRisk|valueLost|cost|budget|loss$/i.test(h) && !/share/i.test(h))
      col.numFmt = '#,##0';
    else if (
      /^(share|domestic|foreign|cr1|cr3|unattributed|capabilityIndex|selfSufficiency|x|a|controlled|shareOfProduction|access|worldLoss)$|\.share$|^controlledBy\./.test(
        h,
      )
    )
      col.numFmt = '0.0%';
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function toCell(v: unknown): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(String).join(' <- ');
  return JSON.stringify(v);
}
