/**
 * Read the input files of Inoue's ProductionNetworkSimulator (proNet): whitespace-separated
 * lines, one record per line.
 *
 *   links          supplier client amount   (the simulator's aTableLineFile)
 *   final demand   firm amount              (cVectorFile)
 *   initial        firm amount              (piniVectorFile: baseline production)
 *   sectors        firm sector              (firmAffiFile)
 *   shocks         firm delta               (deltaFile, optional)
 *
 * The sector file defines the firms: every firm named elsewhere must appear in it (proNet
 * silently ignores such lines; here they are an error with the line, since they are almost
 * always a mistake). Firms without a final demand or initial production line get 0, as in
 * proNet. Blank lines and lines starting with `#` are skipped.
 */
import type { Allocator, FirmNetwork } from '../../core/firms/network.js';
import type { FirmShock } from '../../core/firms/shocks.js';
import { LinkReader } from './links.js';
import { FirmIds, fail, forEachLine, numberAt } from './lines.js';

export interface SimulatorFiles {
  links: string;
  finalDemand: string;
  initial: string;
  sectors: string;
  shocks?: string | undefined;
}

export interface FirmInput {
  network: FirmNetwork;
  shocks: FirmShock[];
}

const fieldsOf = (line: string): string[] | undefined => {
  const t = line.trim();
  if (t === '' || t.startsWith('#')) return undefined;
  return t.split(/\s+/);
};

function readFirmValues(
  path: string,
  firms: FirmIds,
  what: string,
  onValue: (firm: number, x: number, line: number) => void,
): void {
  const seen = new Uint8Array(firms.ids.length);
  forEachLine(path, (line, no) => {
    const f = fieldsOf(line);
    if (!f) return;
    if (f.length < 2)
      fail(path, no, 'missing-field', `expected "firm ${what}", got "${line.trim()}"`);
    const i = firms.index.get(f[0]!);
    if (i === undefined)
      fail(
        path,
        no,
        'unknown-firm',
        `firm "${f[0]}" is not in the sector file`,
        'add it to the sector file',
      );
    if (seen[i])
      fail(path, no, 'duplicate-firm', `firm "${f[0]}" appears twice`, 'keep one line per firm');
    seen[i] = 1;
    onValue(i, numberAt(path, no, what, f[1]), no);
  });
}

export function readSimulatorFiles(files: SimulatorFiles, alloc?: Allocator): FirmInput {
  const firms = new FirmIds();
  const sectorIndex = new Map<string, number>();
  const sectorNames: string[] = [];
  const sectorOf: number[] = [];
  forEachLine(files.sectors, (line, no) => {
    const f = fieldsOf(line);
    if (!f) return;
    if (f.length < 2)
      fail(files.sectors, no, 'missing-field', `expected "firm sector", got "${line.trim()}"`);
    if (firms.add(f[0]!) === undefined) {
      fail(
        files.sectors,
        no,
        'duplicate-firm',
        `firm "${f[0]}" appears twice`,
        'give each firm one sector',
      );
    }
    let s = sectorIndex.get(f[1]!);
    if (s === undefined) {
      s = sectorNames.length;
      sectorIndex.set(f[1]!, s);
      sectorNames.push(f[1]!);
    }
    sectorOf.push(s);
  });
  const n = firms.ids.length;
  const links = new LinkReader(files.links, firms);
  forEachLine(files.links, (line, no) => {
    const f = fieldsOf(line);
    if (!f) return;
    if (f.length < 3)
      fail(
        files.links,
        no,
        'missing-field',
        `expected "supplier client amount", got "${line.trim()}"`,
      );
    links.add(no, f[0], f[1], f[2]);
  });
  const finalDemand = new Float64Array(n);
  readFirmValues(files.finalDemand, firms, 'amount', (i, x, no) => {
    if (x < 0) fail(files.finalDemand, no, 'negative-amount', `final demand ${x} is negative`);
    finalDemand[i] = x;
  });
  const initial = new Float64Array(n);
  readFirmValues(files.initial, firms, 'amount', (i, x, no) => {
    if (x < 0) fail(files.initial, no, 'negative-amount', `initial production ${x} is negative`);
    initial[i] = x;
  });
  const shocks: FirmShock[] = [];
  if (files.shocks) {
    const path = files.shocks;
    readFirmValues(path, firms, 'delta', (firm, delta, no) => {
      if (!(delta >= 0 && delta <= 1))
        fail(
          path,
          no,
          'delta-out-of-range',
          `delta ${delta} is not in 0..1`,
          'delta is the fraction of capacity lost',
        );
      shocks.push({ firm, delta });
    });
  }
  const network = links.build(
    {
      nFirms: n,
      sector: Int32Array.from(sectorOf),
      sectorNames,
      finalDemand,
      initial,
      ids: firms.ids,
    },
    alloc,
  );
  return { network, shocks };
}
