import ExcelJS from 'exceljs';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLED, ETO_DIR, MINI, cleanupTemp, tempDir } from '../../test/support.js';
import { importEto } from './eto/import-eto.js';
import { loadDataset } from './read-dataset.js';
import { writeDatasetFolder } from './write-dataset.js';
import { checkDatasetXlsx, rowsToXlsx, writeDatasetXlsx } from './xlsx.js';

afterAll(cleanupTemp);

function sameFolders(a: string, b: string): void {
  expect(readdirSync(b).sort()).toEqual(readdirSync(a).sort());
  for (const f of readdirSync(a))
    expect(readFileSync(join(b, f), 'utf8'), f).toBe(readFileSync(join(a, f), 'utf8'));
}

async function roundTrip(ds: Parameters<typeof writeDatasetXlsx>[1]) {
  const dir = tempDir();
  const book = join(dir, 'book.xlsx');
  await writeDatasetXlsx(book, ds);
  const back = await checkDatasetXlsx(book);
  expect(back.issues.filter((i) => i.severity === 'error')).toEqual([]);
  writeDatasetFolder(join(dir, 'a'), ds);
  writeDatasetFolder(join(dir, 'b'), back.dataset);
  sameFolders(join(dir, 'a'), join(dir, 'b'));
  return back.dataset;
}

describe('dataset <-> xlsx', () => {
  it('round-trips the bundled dataset to identical CSV files', async () => {
    const ds = loadDataset(BUNDLED).dataset;
    expect(await roundTrip(ds)).toEqual(ds);
  }, 60_000);

  it('round-trips the ETO-imported dataset', async () => {
    const { dataset } = importEto(ETO_DIR);
    const back = await roundTrip(dataset);
    expect(back.shares.length).toBe(dataset.shares.length);
  }, 60_000);

  it('names the sheet, row and column of a bad cell', async () => {
    const dir = tempDir();
    const book = join(dir, 'book.xlsx');
    await writeDatasetXlsx(book, loadDataset(MINI, { currentYear: 2026 }).dataset);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book);
    wb.getWorksheet('shares')!.getRow(2).getCell(3).value = 130;
    await wb.xlsx.writeFile(book);
    const { issues } = await checkDatasetXlsx(book, { currentYear: 2026 });
    expect(issues.filter((i) => i.severity === 'error')).toMatchObject([
      { file: 'book.xlsx#shares', line: 2, column: 'share', message: 'share 130 is above 100' },
    ]);
  });

  it('reports a file that is not a workbook', async () => {
    const { issues } = await checkDatasetXlsx(join(MINI, 'items.csv'));
    expect(issues[0]).toMatchObject({ severity: 'error', code: 'xlsx-syntax' });
  });

  it('writes result rows with percent and USD formats', async () => {
    const buf = await rowsToXlsx('rank', [
      { item: 'euv', valueAtRisk: 1.5e9, capabilityIndex: 0.9 },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('rank')!;
    expect(ws.getRow(2).getCell(2).value).toBe(1.5e9);
    expect(ws.getColumn(2).numFmt).toBe('#,##0');
    expect(ws.getColumn(3).numFmt).toBe('0.0%');
  });
});

// Hostile input found by fuzzing (test/fuzz/xlsx.test.ts): a minimal counterexample.
describe('checkDatasetXlsx (hostile input)', () => {
  it('reports a date cell that is not a date instead of throwing RangeError', async () => {
    // exceljs reads a date-formatted cell holding NaN as an Invalid Date, whose
    // toISOString() throws.
    const dir = tempDir();
    const book = join(dir, 'book.xlsx');
    await writeDatasetXlsx(book, loadDataset(MINI, { currentYear: 2026 }).dataset);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book);
    const shares = wb.getWorksheet('shares')!;
    shares.getRow(2).getCell(5).value = new Date(NaN); // the year of the first share
    await wb.xlsx.writeFile(book);
    const back = await checkDatasetXlsx(book, { currentYear: 2026 });
    const errors = back.issues.filter((i) => i.severity === 'error');
    expect(errors.map((i) => [i.file, i.line, i.column, i.code])).toEqual([
      ['book.xlsx#shares', 2, 'year', 'not-a-number'],
    ]);
    expect(errors[0]!.message).toBe('year "Invalid Date" is not a number');
  });
});
