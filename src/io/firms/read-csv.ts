/**
 * Read the CSV form of a firm network (docs/firms.md), a folder with:
 *
 *   firms.csv   id,sector,country,final_demand
 *   links.csv   supplier,client,amount
 *   shocks.csv  firm,delta,start,recovery   (optional; start and recovery may be blank)
 *
 * A header line names the columns (any order; extra columns are ignored). Cells are plain
 * (no quoting): ids must not contain commas. Baseline production is final demand plus sales
 * to clients. Files are streamed line by line, so a file of several hundred MB keeps memory
 * bounded by the network itself.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Allocator } from '../../core/firms/network.js';
import type { FirmShock } from '../../core/firms/shocks.js';
import { LinkReader } from './links.js';
import { FirmIds, fail, forEachLine, growFloat, growInt, numberAt } from './lines.js';
import type { FirmInput } from './read-simulator.js';

/** The largest step a shock can start at (steps are 32-bit integers). */
const MAX_STEP = 2 ** 31 - 1;

export const FIRM_CSV = {
  firms: ['id', 'sector', 'country', 'final_demand'],
  links: ['supplier', 'client', 'amount'],
  shocks: ['firm', 'delta', 'start', 'recovery'],
} as const;

/** Read a CSV file: header first, then `onRow(cells by column, line)`. */
function readCsv(
  path: string,
  required: readonly string[],
  optional: readonly string[],
  onRow: (cell: (k: number) => string | undefined, line: number) => void,
): void {
  let cols: number[] | undefined;
  const names = [...required, ...optional];
  forEachLine(path, (line, no) => {
    if (line.trim() === '') return;
    const cells = line.split(',');
    if (!cols) {
      const header = cells.map((h) => h.trim().toLowerCase());
      cols = names.map((name) => header.indexOf(name));
      const missing = required.filter((_, k) => cols![k]! < 0);
      if (missing.length > 0) {
        fail(
          path,
          no,
          'missing-column',
          `no column ${missing.join(', ')}`,
          `the header is: ${names.join(',')}`,
        );
      }
      return;
    }
    const c = cols;
    onRow((k) => (c[k]! >= 0 ? cells[c[k]!]?.trim() : undefined), no);
  });
  if (!cols)
    fail(
      path,
      undefined,
      'empty-file',
      'the file is empty',
      `start with the header ${names.join(',')}`,
    );
}

export function readFirmCsv(dir: string, alloc?: Allocator): FirmInput {
  const firmsPath = join(dir, 'firms.csv');
  const firms = new FirmIds();
  const sectorIdx = new Map<string, number>();
  const countryIdx = new Map<string, number>();
  const sectorNames: string[] = [];
  const countryNames: string[] = [];
  const sector = growInt();
  const country = growInt();
  const finalDemand = growFloat();
  const intern = (m: Map<string, number>, names: string[], key: string): number => {
    let v = m.get(key);
    if (v === undefined) {
      v = names.length;
      m.set(key, v);
      names.push(key);
    }
    return v;
  };
  readCsv(firmsPath, ['id', 'sector'], ['country', 'final_demand'], (cell, no) => {
    const id = cell(0) ?? '';
    if (id === '') fail(firmsPath, no, 'missing-field', 'no firm id');
    if (firms.add(id) === undefined)
      fail(firmsPath, no, 'duplicate-firm', `firm "${id}" appears twice`, 'keep one line per firm');
    const sec = cell(1) ?? '';
    if (sec === '') fail(firmsPath, no, 'missing-field', `firm "${id}" has no sector`);
    sector.push(intern(sectorIdx, sectorNames, sec));
    country.push(intern(countryIdx, countryNames, cell(2) ?? ''));
    const fdText = cell(3);
    const fd =
      fdText === undefined || fdText === '' ? 0 : numberAt(firmsPath, no, 'final_demand', fdText);
    if (fd < 0) fail(firmsPath, no, 'negative-amount', `final demand ${fd} is negative`);
    finalDemand.push(fd);
  });
  const linksPath = join(dir, 'links.csv');
  const links = new LinkReader(linksPath, firms);
  readCsv(linksPath, FIRM_CSV.links, [], (cell, no) => links.add(no, cell(0), cell(1), cell(2)));

  const shocks: FirmShock[] = [];
  const shocksPath = join(dir, 'shocks.csv');
  if (existsSync(shocksPath)) {
    readCsv(shocksPath, ['firm', 'delta'], ['start', 'recovery'], (cell, no) => {
      const id = cell(0) ?? '';
      const firm = firms.index.get(id);
      if (firm === undefined)
        fail(shocksPath, no, 'unknown-firm', `firm "${id}" is not in firms.csv`);
      const delta = numberAt(shocksPath, no, 'delta', cell(1));
      if (!(delta >= 0 && delta <= 1))
        fail(
          shocksPath,
          no,
          'delta-out-of-range',
          `delta ${delta} is not in 0..1`,
          'delta is the fraction of capacity lost',
        );
      const startText = cell(2);
      const start = startText ? numberAt(shocksPath, no, 'start', startText) : 0;
      // Steps are stored as 32-bit integers: a larger start would wrap around (1e10 becomes
      // 1410065408, 4270255640795555 a start in the past) instead of never starting.
      if (!Number.isInteger(start) || start < 0 || start > MAX_STEP)
        fail(
          shocksPath,
          no,
          'bad-start',
          `start ${start} must be a whole step from 0 to ${MAX_STEP}`,
        );
      const recText = cell(3);
      const recovery = recText ? numberAt(shocksPath, no, 'recovery', recText) : 0;
      if (recovery < 0)
        fail(shocksPath, no, 'bad-recovery', `recovery ${recovery} must be >= 0 steps`);
      shocks.push({ firm, delta, start, recovery });
    });
  }
  const network = links.build(
    {
      nFirms: firms.ids.length,
      sector: sector.data,
      sectorNames,
      country: country.data,
      countryNames,
      finalDemand: finalDemand.data,
      ids: firms.ids,
    },
    alloc,
  );
  return { network, shocks };
}
