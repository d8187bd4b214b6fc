import { describe, expect, it } from 'vitest';
import { neutralizeFormula, safeCsv } from './safe-csv.js';

describe('neutralizeFormula', () => {
  it('prefixes text starting with = + - @ tab or CR with an apostrophe', () => {
    for (const s of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1'])
      expect(neutralizeFormula(s)).toBe(`'${s}`);
  });

  it('leaves other text, numbers and null alone', () => {
    expect(neutralizeFormula('a=b')).toBe('a=b');
    expect(neutralizeFormula(-3)).toBe(-3);
    expect(neutralizeFormula(null)).toBeNull();
  });
});

describe('safeCsv', () => {
  it('flattens nested objects to dotted columns and neutralizes cells and headers', () => {
    expect(
      safeCsv([
        { a: '=x', n: -2, top: { c: '@y' }, list: ['p', 'q'] },
        { a: 'ok', extra: true, '=h': 1 },
      ]),
    ).toBe("a,n,top.c,list,extra,'=h\n'=x,-2,'@y,p;q,,\nok,,,,true,1\n");
  });
});
