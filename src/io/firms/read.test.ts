import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateFirmNetwork } from '../../core/firms/generate.js';
import { compileShocks } from '../../core/firms/shocks.js';
import { simulateFirms } from '../../core/firms/simulate.js';
import { ValidationError } from '../issues.js';
import { OutputExistsError } from '../write-dataset.js';
import { forEachLine } from './lines.js';
import { readFirmCsv } from './read-csv.js';
import { readSimulatorFiles } from './read-simulator.js';
import { writeFirmCsv } from './write-csv.js';

const fixtures = resolve(__dirname, '../../../test/fixtures/firms');
const tmp = mkdtempSync(join(tmpdir(), 'chokepoint-firms-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const sim = (dir: string) => ({
  links: join(dir, 'links.txt'),
  finalDemand: join(dir, 'final.txt'),
  initial: join(dir, 'initial.txt'),
  sectors: join(dir, 'sectors.txt'),
  shocks: join(dir, 'delta.txt'),
});

/** Write files into a fresh folder and return it. */
let n = 0;
function folder(files: Record<string, string>): string {
  const dir = join(tmp, `case${n++}`);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function errorOf(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ValidationError) return err;
    throw err;
  }
  throw new Error('expected a ValidationError');
}

describe('readFirmCsv', () => {
  it('reads firms, links and shocks', () => {
    const { network: net, shocks } = readFirmCsv(join(fixtures, 'csv'));
    expect(net.nFirms).toBe(4);
    expect(net.nLinks).toBe(3);
    expect(net.ids).toEqual(['ore1', 'ore2', 'mill', 'fab']);
    expect(net.sectorNames).toEqual(['ore', 'metal', 'device']);
    expect(net.countryNames).toEqual(['AAA', 'BBB']);
    // Baseline production: final demand + sales: mill 20 + 30 = 50, ore1 6.
    expect(Array.from(net.initial)).toEqual([6, 4, 50, 60]);
    // ore1 and ore2 are one sector for the mill: one slot with flow 10.
    expect(net.slotOffsets[3]! - net.slotOffsets[2]!).toBe(1);
    expect(shocks).toEqual([
      { firm: 0, delta: 0.5, start: 1, recovery: 0 },
      { firm: 2, delta: 0.2, start: 0, recovery: 4 },
    ]);
  });

  it('round-trips through writeFirmCsv to the same simulation', () => {
    const net = generateFirmNetwork({ firms: 500, links: 2500, sectors: 7, countries: 3, seed: 4 });
    const dir = join(tmp, 'gen');
    writeFirmCsv(dir, net, [{ firm: 3, delta: 0.4, start: 2, recovery: 10 }]);
    expect(() => writeFirmCsv(dir, net)).toThrow(OutputExistsError);
    const back = readFirmCsv(dir);
    expect(back.network.nLinks).toBe(net.nLinks);
    const a = simulateFirms(
      net,
      compileShocks(500, [{ firm: 3, delta: 0.4, start: 2, recovery: 10 }]),
      { steps: 15 },
    );
    const b = simulateFirms(back.network, compileShocks(500, back.shocks), { steps: 15 });
    expect(Array.from(b.series.production)).toEqual(Array.from(a.series.production));
    writeFirmCsv(dir, net, [], { force: true });
    expect(readFirmCsv(dir).shocks).toEqual([]);
  });

  const firms = 'id,sector,country,final_demand\na,s,X,1\nb,s,X,2\nc,t,Y,3\n';
  it.each([
    ['a negative amount', 'supplier,client,amount\na,b,1\nb,c,-2\n', 3, /negative/],
    ['an unknown firm', 'supplier,client,amount\na,b,1\n\na,zz,2\n', 4, /"zz" is not a known firm/],
    [
      'a duplicate link',
      'supplier,client,amount\na,b,1\nb,c,1\na,b,2\n',
      4,
      /duplicate link a -> b \(first on line 2\)/,
    ],
    ['a non-numeric amount', 'supplier,client,amount\na,b,lots\n', 2, /"lots" is not a number/],
    ['a self-link', 'supplier,client,amount\na,a,1\n', 2, /supplies itself/],
  ])('reports %s with its line', (_what, links, line, message) => {
    const err = errorOf(() => readFirmCsv(folder({ 'firms.csv': firms, 'links.csv': links })));
    expect(err.file).toBe('links.csv');
    expect(err.line).toBe(line);
    expect(err.message).toMatch(message);
  });

  it('reports a missing column and a bad shock', () => {
    const e1 = errorOf(() =>
      readFirmCsv(
        folder({ 'firms.csv': 'id,country\na,X\n', 'links.csv': 'supplier,client,amount\n' }),
      ),
    );
    expect(e1.message).toMatch(/no column sector/);
    const e2 = errorOf(() =>
      readFirmCsv(
        folder({
          'firms.csv': firms,
          'links.csv': 'supplier,client,amount\n',
          'shocks.csv': 'firm,delta\na,0.5\nb,1.5\n',
        }),
      ),
    );
    expect([e2.file, e2.line]).toEqual(['shocks.csv', 3]);
  });
});

describe('readSimulatorFiles', () => {
  it("reads the simulator's five files", () => {
    const { network: net, shocks } = readSimulatorFiles(sim(join(fixtures, 'simulator')));
    expect(net.ids).toEqual(['1', '2', '3', '4']);
    expect(net.sectorNames).toEqual(['10', '20', '30']);
    expect(Array.from(net.initial)).toEqual([6, 4, 50, 60]);
    expect(Array.from(net.finalDemand)).toEqual([0, 0, 20, 60]);
    expect(shocks).toEqual([{ firm: 0, delta: 0.5 }]);
  });

  it('gives the same series as the CSV form of the same network', () => {
    const a = readSimulatorFiles(sim(join(fixtures, 'simulator')));
    const b = readFirmCsv(join(fixtures, 'csv'));
    const ra = simulateFirms(a.network, compileShocks(4, a.shocks), { steps: 40 });
    const rb = simulateFirms(b.network, compileShocks(4, [{ firm: 0, delta: 0.5 }]), { steps: 40 });
    expect(Array.from(ra.series.production)).toEqual(Array.from(rb.series.production));
  });

  it('reports unknown firms and bad numbers with file and line', () => {
    const base = join(fixtures, 'simulator');
    const bad = folder({ 'links.txt': '1 3 6\n2 3 4\n3 9 30\n', 'd.txt': '1 0.5\n2 x\n' });
    const e1 = errorOf(() => readSimulatorFiles({ ...sim(base), links: join(bad, 'links.txt') }));
    expect([e1.file, e1.line]).toEqual(['links.txt', 3]);
    expect(e1.message).toMatch(/client "9" is not a known firm/);
    const e2 = errorOf(() => readSimulatorFiles({ ...sim(base), shocks: join(bad, 'd.txt') }));
    expect([e2.file, e2.line]).toEqual(['d.txt', 2]);
  });
});

describe('forEachLine', () => {
  it('splits lines across chunk boundaries, with CRLF and no final newline', () => {
    const long = 'x'.repeat(1_500_000);
    const file = join(tmp, 'lines.txt');
    writeFileSync(file, `a\r\n${long}\nb\n\nlast`);
    const got: [string, number][] = [];
    forEachLine(file, (line, no) => got.push([line.length > 10 ? `${line.length}` : line, no]));
    expect(got).toEqual([
      ['a', 1],
      ['1500000', 2],
      ['b', 3],
      ['', 4],
      ['last', 5],
    ]);
  });
});

// Hostile input found by fuzzing (test/fuzz/firms.test.ts): minimal counterexamples.
describe('firm readers (hostile input)', () => {
  const firms = 'id,sector\na,s\nb,s\n';
  const links = 'supplier,client,amount\na,b,1\n';

  it('refuses a shock start too large for a step, which wrapped around to an earlier step', () => {
    // 4270255640795555 was stored as step 1586616739 (and 1e10 as 1410065408).
    for (const start of ['4270255640795555', '1e10']) {
      const err = errorOf(() =>
        readFirmCsv(
          folder({
            'firms.csv': firms,
            'links.csv': links,
            'shocks.csv': `firm,delta,start\na,0.5,${start}\n`,
          }),
        ),
      );
      expect([err.file, err.line, err.issues[0]!.code]).toEqual(['shocks.csv', 2, 'bad-start']);
    }
    const ok = readFirmCsv(
      folder({
        'firms.csv': firms,
        'links.csv': links,
        'shocks.csv': 'firm,delta,start\na,0.5,2147483647\n',
      }),
    );
    expect(ok.shocks[0]!.start).toBe(2 ** 31 - 1);
  });

  it('refuses a missing file or a folder in place of a file with a ValidationError', () => {
    const missing = errorOf(() => readFirmCsv(folder({ 'firms.csv': firms })));
    expect([missing.file, missing.issues[0]!.code]).toEqual(['links.csv', 'missing-file']);
    const dir = folder({ 'firms.csv': firms, 'links.csv': links });
    mkdirSync(join(dir, 'shocks.csv'));
    const notFile = errorOf(() => readFirmCsv(dir));
    expect([notFile.file, notFile.issues[0]!.code]).toEqual(['shocks.csv', 'not-a-file']);
    const base = join(fixtures, 'simulator');
    const noFile = errorOf(() =>
      readSimulatorFiles({ ...sim(base), initial: join(dir, 'nope.txt') }),
    );
    expect([noFile.file, noFile.issues[0]!.code]).toEqual(['nope.txt', 'missing-file']);
  });
});
