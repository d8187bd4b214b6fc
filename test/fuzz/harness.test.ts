/**
 * The fuzzing harness itself: mutations do what they say, the oracle tells a typed refusal
 * from a crash (so the fuzz tests can fail), and the stored-zip writer makes zips that read
 * back.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/io/issues.js';
import { loadDataset } from '../../src/io/read-dataset.js';
import { checkDatasetXlsx, datasetToXlsx } from '../../src/io/xlsx.js';
import { MINI } from '../support.js';
import { mutateBytes, mutateText } from './mutate.js';
import { FuzzCrash, checkIssues, fuzz, lineCount, refusal } from './targets.js';
import { readZip, writeStoredZip } from './zip.js';

const CSV = 'id,name,share\na,A,10\nb,B,20\n';

describe('mutations', () => {
  it.each([
    [{ op: 'cell', line: 2, col: 2, value: 'NaN' }, 'id,name,share\na,A,10\nb,B,NaN\n'],
    [{ op: 'swapColumns', a: 0, b: 2 }, 'share,name,id\n10,A,a\n20,B,b\n'],
    [{ op: 'dupLine', line: 1 }, 'id,name,share\na,A,10\na,A,10\nb,B,20\n'],
    [{ op: 'delLine', line: 0 }, 'a,A,10\nb,B,20\n'],
    [{ op: 'copyCell', from: 1, to: 2, col: 0 }, 'id,name,share\na,A,10\na,B,20\n'],
    [{ op: 'eol', style: 'crlf' }, 'id,name,share\r\na,A,10\r\nb,B,20\r\n'],
    [{ op: 'truncate', at: 5 }, 'id,na'],
    [{ op: 'insert', at: 0, text: '"' }, '"id,name,share\na,A,10\nb,B,20\n'],
    [{ op: 'bom' }, '\uFEFFid,name,share\na,A,10\nb,B,20\n'],
  ] as const)('%j', (m, want) => {
    expect(mutateText(CSV, [m])).toBe(want);
  });

  it('takes positions modulo the length, and flips single bits', () => {
    expect(mutateBytes(Buffer.from('ab'), [{ op: 'flip', at: 3, bit: 0 }]).toString()).toBe('ac');
    expect(mutateText('x: 1\ny: 2\n', [{ op: 'value', line: 1, value: '.nan' }])).toBe(
      'x: 1\ny: .nan\n',
    );
    expect(mutateText('x: 1\n', [{ op: 'key', line: 0, key: '__proto__' }])).toBe('__proto__: 1\n');
  });

  it('can make invalid UTF-8, which readers see as U+FFFD', () => {
    const bytes = mutateBytes(Buffer.from('a'), [{ op: 'byte', at: 0, value: 0xff }]);
    expect([...bytes]).toEqual([0xff]);
    expect(bytes.toString('utf8')).toBe('\uFFFD');
  });
});

describe('the oracle', () => {
  const issue = { severity: 'error' as const, code: 'x', message: 'bad', file: 'a.csv' };

  it('takes a well-formed ValidationError as a refusal', () => {
    expect(refusal(new ValidationError([{ ...issue, line: 2 }]), { linesOf: () => 3 })).toBe(
      'refused',
    );
  });

  it('takes any other throw as a crash', () => {
    expect(() => refusal(new TypeError('x is undefined'), {})).toThrow(FuzzCrash);
    expect(() => refusal(new RangeError('Maximum call stack size exceeded'), {})).toThrow(
      /untyped RangeError/,
    );
    expect(() => refusal('a string', {})).toThrow(FuzzCrash);
  });

  it('takes a malformed issue as a crash', () => {
    const rules = { linesOf: () => 3, needsLine: () => true };
    expect(() => checkIssues([{ ...issue, line: 4 }], rules, true)).toThrow(/beyond the end/);
    expect(() => checkIssues([issue], rules, true)).toThrow(/no line/);
    expect(() => checkIssues([{ ...issue, file: '', line: 1 }], rules, true)).toThrow(/no file/);
    expect(() => checkIssues([{ ...issue, line: 0 }], rules, true)).toThrow(/positive/);
    expect(() => checkIssues([{ ...issue, severity: 'warning' }], {}, true)).toThrow(/no error/);
  });

  it('counts lines as an editor does', () => {
    expect([lineCount(''), lineCount('a\nb'), lineCount('a\r\nb\rc\n')]).toEqual([1, 2, 4]);
  });

  it('makes fuzz() fail with the shrunk counterexample when a reader crashes', async () => {
    const target = {
      name: 'broken',
      what: 'a reader that crashes on long input',
      arbitrary: fc.string(),
      run: (s: unknown) => {
        if ((s as string).length > 3) throw new TypeError('boom');
        return Promise.resolve('accepted' as const);
      },
    };
    await expect(fuzz(target, { numRuns: 200, seed: 1 })).rejects.toThrow(/Counterexample/);
  });
});

describe('stored zips', () => {
  it('round-trip entries', () => {
    const entries = [
      { name: 'a.xml', data: Buffer.from('<a>1</a>') },
      { name: 'dir/b.xml', data: Buffer.from('é'.repeat(100)) },
    ];
    expect(readZip(writeStoredZip(entries))).toEqual(entries);
  });

  it('re-pack an exceljs workbook into one that reads as the same dataset', async () => {
    const mini = loadDataset(MINI, { currentYear: 2026 });
    const entries = readZip(await datasetToXlsx(mini.dataset));
    expect(entries.map((e) => e.name)).toContain('xl/workbook.xml');
    const dir = mkdtempSync(join(tmpdir(), 'chokepoint-zip-'));
    try {
      const path = join(dir, 'book.xlsx');
      writeFileSync(path, writeStoredZip(entries));
      const back = await checkDatasetXlsx(path, { currentYear: 2026 });
      expect(back.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(back.dataset.items).toEqual(mini.dataset.items);
      expect(back.dataset.shares).toEqual(mini.dataset.shares);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
