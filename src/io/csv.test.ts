import { describe, expect, it } from 'vitest';
import { parseCsv, splitCsv, toCsv } from './csv.js';
import { IssueList } from './issues.js';

describe('splitCsv', () => {
  it('counts a line break inside a quoted field as a line, whatever the line ending', () => {
    // Found by fuzzing (test/fuzz/csv.test.ts): a lone CR inside quotes was not counted, so
    // every later row was named one line too early.
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = `a${eol}"x${eol}y"${eol}b${eol}`;
      expect(splitCsv(text), JSON.stringify(eol)).toEqual([
        { line: 1, cells: ['a'] },
        { line: 2, cells: [`x${eol}y`] },
        { line: 4, cells: ['b'] },
      ]);
    }
    expect(splitCsv('a\n"\r"\nb\n').map((r) => r.line)).toEqual([1, 2, 4]);
  });
});

describe('parseCsv', () => {
  it('reads back what toCsv writes, on the lines it starts', () => {
    const text = toCsv(
      ['id', 'note'],
      [
        ['a', 'one\rtwo'],
        ['b', ' "quoted", \r\n '],
      ],
    );
    const issues = new IssueList();
    const table = parseCsv('t.csv', text, issues);
    expect(issues.issues).toEqual([]);
    expect(table?.rows).toEqual([
      { line: 2, cells: ['a', 'one\rtwo'] },
      { line: 4, cells: ['b', '"quoted",'] },
    ]);
  });
});
