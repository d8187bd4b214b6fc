import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MINI, cleanupTemp, miniWith, tempDir } from '../../test/support.js';
import type { ValidationIssue } from './issues.js';
import { ValidationError } from './issues.js';
import {
  DatasetNotFoundError,
  checkDataset,
  checkDatasetJson,
  loadDataset,
} from './read-dataset.js';
import { datasetToJson, writeDatasetFolder } from './write-dataset.js';

afterAll(cleanupTemp);

const errorsOf = (dir: string): ValidationIssue[] =>
  checkDataset(dir, { currentYear: 2026 }).issues.filter((i) => i.severity === 'error');

describe('checkDataset(folder)', () => {
  it('loads the mini fixture with no errors, shares as fractions', () => {
    const { dataset, issues } = checkDataset(MINI, { currentYear: 2026 });
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(dataset.items).toHaveLength(6);
    expect(dataset.shares.find((s) => s.item === 'euv')?.share).toBe(1);
    expect(dataset.shares.find((s) => s.provider === 'USA')?.share).toBeNull();
    expect(dataset.organizations[0]?.aliases).toEqual(['USSC', 'US Seeds']);
    expect(dataset.blocs).toEqual([{ id: 'US+allies', members: ['USA', 'NLD', 'JPN'] }]);
    expect(dataset.meta.name).toBe('mini');
  });

  it('warns, without failing, on a low share sum and a supplier with unknown share', () => {
    const { issues } = checkDataset(MINI, { currentYear: 2026 });
    expect(issues.map((i) => i.code).sort()).toEqual(['sum-low', 'unquantified']);
    expect(issues.every((i) => i.severity === 'warning')).toBe(true);
  });

  it('rejects share 130 naming file, line, column and the fix', () => {
    const dir = miniWith({ 'shares.csv': (t) => t.replace('euv,NLD,100', 'euv,NLD,130') });
    const [e, ...rest] = errorsOf(dir);
    expect(rest).toEqual([]);
    expect(e).toMatchObject({ file: 'shares.csv', line: 2, column: 'share', code: 'out-of-range' });
    expect(e?.message).toBe('share 130 is above 100');
    expect(e?.hint).toContain('0..100');
  });

  it('rejects an unknown provider and suggests the closest organization', () => {
    const dir = miniWith({ 'shares.csv': (t) => t.replace('seed,usseedco', 'seed,usseedc') });
    const [e] = errorsOf(dir);
    expect(e).toMatchObject({
      file: 'shares.csv',
      line: 11,
      column: 'provider',
      code: 'unknown-provider',
    });
    expect(e?.hint).toContain('"usseedco"');
  });

  it('rejects a country code that is not ISO 3166 (EUR) with a hint about blocs', () => {
    const dir = miniWith({ 'shares.csv': (t) => t.replace('resist,KOR', 'resist,EUR') });
    const [e] = errorsOf(dir);
    expect(e).toMatchObject({ line: 6, column: 'provider', code: 'unknown-country' });
    expect(e?.hint).toContain('bloc');
  });

  it('rejects a duplicate item id, pointing at both lines', () => {
    const dir = miniWith({ 'items.csv': (t) => t + 'euv,EUV again,ic,tool,,,,,,\n' });
    const [e] = errorsOf(dir);
    expect(e).toMatchObject({ file: 'items.csv', line: 8, column: 'id', code: 'duplicate-id' });
    expect(e?.message).toContain('first at line 3');
  });

  it('rejects a missing required column and names the misspelt header to rename', () => {
    const dir = miniWith({
      'shares.csv': (t) => t.replace('item,provider,share', 'item,provder,share'),
    });
    const errs = errorsOf(dir);
    expect(errs[0]).toMatchObject({
      file: 'shares.csv',
      line: 1,
      column: 'provider',
      code: 'missing-column',
    });
    expect(errs[0]?.hint).toBe('rename column "provder" to "provider"');
  });

  it('accepts a byte-order mark and Windows line endings', () => {
    const dir = miniWith({
      'items.csv': (t) => '\uFEFF' + t.replace(/\n/g, '\r\n'),
      'shares.csv': (t) => '\uFEFF' + t.replace(/\n/g, '\r\n'),
    });
    const { dataset, issues } = checkDataset(dir, { currentYear: 2026 });
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(dataset.items[0]?.id).toBe('litho');
    expect(dataset.items.at(-1)?.source).toBeUndefined();
    expect(dataset.shares.at(-1)?.confidence).toBe('L');
  });

  it('reports an empty file as an error, not a crash', () => {
    const dir = miniWith({ 'requirements.csv': '' });
    expect(errorsOf(dir)).toMatchObject([
      { file: 'requirements.csv', line: 1, code: 'empty-file' },
    ]);
  });

  it('reports a missing required file', () => {
    const dir = miniWith({ 'shares.csv': null });
    expect(errorsOf(dir)).toMatchObject([{ file: 'shares.csv', code: 'missing-file' }]);
  });

  it('reports a row with too many fields and an unclosed quote with their lines', () => {
    const dir = miniWith({
      'shares.csv': (t) => t.replace('resist,KOR,5,', 'resist,KOR,5,extra,'),
    });
    expect(errorsOf(dir)).toMatchObject([{ file: 'shares.csv', line: 6, code: 'field-count' }]);
    const dir2 = miniWith({ 'items.csv': (t) => t + 'x,"unclosed,ic,tool,,,,,,\n' });
    expect(errorsOf(dir2)).toMatchObject([{ file: 'items.csv', code: 'csv-syntax' }]);
  });

  it('reports non-numeric numbers and an unknown kind with a suggestion', () => {
    const dir = miniWith({
      'items.csv': (t) =>
        t.replace(
          'chip,Logic chips,ic,product,fabrication,,5000',
          'chip,Logic chips,ic,prodcut,fabrication,,5 bn',
        ),
    });
    const errs = errorsOf(dir);
    expect(errs.map((e) => [e.line, e.column, e.code])).toEqual([
      [6, 'kind', 'unknown-kind'],
      [6, 'market_size_usd', 'not-a-number'],
    ]);
    expect(errs[0]?.hint).toBe('did you mean "product"?');
  });

  it('rejects a requirement cycle with no way out, but accepts one with an alternative', () => {
    const cyc = miniWith({ 'requirements.csv': (t) => t + 'resist,chip,1,,,,\n' });
    const errs = errorsOf(cyc);
    expect(errs.length).toBeGreaterThan(0);
    expect(errs[0]).toMatchObject({ code: 'requirement-cycle' });
    expect(errs[0]?.message).toMatch(/chip -> resist -> chip|resist -> chip -> resist/);
    const soft = miniWith({ 'requirements.csv': (t) => t + 'resist,chip,0.5,,,,\n' });
    expect(errorsOf(soft)).toEqual([]);
  });

  it('rejects share sums above 105 and warns below 95', () => {
    const dir = miniWith({ 'shares.csv': (t) => t.replace('duv,JPN,10', 'duv,JPN,20') });
    expect(errorsOf(dir)).toMatchObject([{ code: 'sum-too-high', line: 3 }]);
    const ok = miniWith({ 'shares.csv': (t) => t.replace('duv,JPN,10', 'duv,JPN,14') });
    expect(errorsOf(ok)).toEqual([]);
  });

  it('rejects references to unknown items and sources with suggestions', () => {
    const dir = miniWith({
      'requirements.csv': (t) => t + 'chip,resists,1,,,,fxx\n',
    });
    const errs = errorsOf(dir);
    expect(errs.map((e) => [e.column, e.code])).toEqual([
      ['requires', 'unknown-item'],
      ['source', 'unknown-source'],
    ]);
    expect(errs[0]?.hint).toBe('did you mean "resist"?');
  });

  it('loads a 50 MB shares file', () => {
    const dir = miniWith();
    const rows = [
      'id,name,area,kind,stage,variant_of,market_size_usd,market_year,description,source',
    ];
    const shares = ['item,provider,share,basis,year,source,confidence'];
    const countries = ['USA', 'CHN', 'JPN', 'KOR', 'NLD'];
    let bytes = 0;
    let n = 0;
    while (bytes < 50 * 1024 * 1024) {
      const id = `item-${n}`;
      rows.push(
        `${id},Item ${n},ic,material,,,,,"A padded description to make rows realistic, with a comma",fx`,
      );
      for (const c of countries) {
        const line = `${id},${c},20,revenue,2024,fx,M`;
        shares.push(line);
        bytes += line.length + 1;
      }
      n++;
    }
    writeFileSync(join(dir, 'items.csv'), rows.join('\n') + '\n');
    writeFileSync(join(dir, 'shares.csv'), shares.join('\n') + '\n');
    writeFileSync(join(dir, 'requirements.csv'), 'item,requires\n');
    writeFileSync(join(dir, 'demand.csv'), 'item,country,share\n');
    const { dataset, issues } = checkDataset(dir, { currentYear: 2026 });
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(dataset.shares.length).toBe(n * 5);
  }, 120_000);
});

describe('loadDataset', () => {
  it('throws a ValidationError carrying every error and the first location', () => {
    const dir = miniWith({
      'shares.csv': (t) =>
        t.replace('euv,NLD,100', 'euv,NLD,130').replace('resist,KOR', 'resist,EUR'),
    });
    let err: unknown;
    try {
      loadDataset(dir, { currentYear: 2026 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    const v = err as ValidationError;
    expect(v.file).toBe('shares.csv');
    expect(v.line).toBe(2);
    expect(v.issues.filter((i) => i.severity === 'error')).toHaveLength(2);
    expect(v.message).toContain('shares.csv:2 [share]: share 130 is above 100.');
  });

  it('throws DatasetNotFoundError for a missing path', () => {
    expect(() => loadDataset(join(tempDir(), 'nope'))).toThrow(DatasetNotFoundError);
  });
});

describe('JSON form and writer', () => {
  it('round-trips folder -> JSON -> folder with equal content', () => {
    const a = checkDataset(MINI, { currentYear: 2026 }).dataset;
    const json = datasetToJson(a);
    const b = checkDatasetJson(json, { currentYear: 2026 });
    expect(b.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(b.dataset).toEqual(a);
    const out = join(tempDir(), 'out');
    writeDatasetFolder(out, b.dataset);
    expect(checkDataset(out, { currentYear: 2026 }).dataset).toEqual(a);
  });

  it('names the JSON table and row of a bad value', () => {
    const json = datasetToJson(checkDataset(MINI, { currentYear: 2026 }).dataset) as {
      shares: { share?: number }[];
    };
    json.shares[0]!.share = 130;
    const { issues } = checkDatasetJson(json, { currentYear: 2026 });
    expect(issues.filter((i) => i.severity === 'error')).toMatchObject([
      { file: 'dataset.json#/shares', line: 1, column: 'share', code: 'out-of-range' },
    ]);
  });

  it('refuses to overwrite a non-empty folder without force, leaving it intact', () => {
    const out = join(tempDir(), 'out');
    const ds = checkDataset(MINI, { currentYear: 2026 }).dataset;
    writeDatasetFolder(out, ds);
    expect(() => writeDatasetFolder(out, { ...ds, items: [] })).toThrow(/already exists/);
    expect(checkDataset(out, { currentYear: 2026 }).dataset.items).toHaveLength(6);
    writeDatasetFolder(out, { ...ds, shares: ds.shares.slice(0, 2) }, { force: true });
    expect(checkDataset(out, { currentYear: 2026 }).dataset.shares).toHaveLength(2);
  });
});

// Hostile input found by fuzzing (test/fuzz/dataset.test.ts): minimal counterexamples.
describe('hostile input', () => {
  const mini = {
    items: [{ id: 'a', name: 'A', area: 'ic', kind: 'tool' }],
    shares: [{ item: 'a', provider: 'USA', share: 100 }],
  };
  const deep = JSON.parse('['.repeat(20_000) + ']'.repeat(20_000)) as unknown;
  const errorCodes = (value: unknown) =>
    checkDatasetJson(value, { currentYear: 2026 })
      .issues.filter((i) => i.severity === 'error')
      .map((i) => [i.file, i.line, i.column, i.code]);

  it('refuses aliases that are not a list of names (String() overflowed or threw)', () => {
    for (const aliases of [deep, [deep], [{ toString: 1 }]]) {
      const value = {
        ...mini,
        organizations: [{ id: 'org-a', name: 'Org', country: 'USA', aliases }],
      };
      expect(errorCodes(value)).toEqual([
        ['dataset.json#/organizations', 1, 'aliases', 'json-shape'],
      ]);
    }
  });

  it('refuses metadata that is not text (String() overflowed or threw)', () => {
    for (const name of [deep, { toString: 1 }, ['a', 'b']]) {
      expect(errorCodes({ ...mini, dataset: { name } })).toEqual([
        ['dataset.json', undefined, 'name', 'meta-shape'],
      ]);
    }
    const dir = miniWith({ 'dataset.yaml': 'name: {toString: 1}\n' });
    expect(errorsOf(dir).map((i) => [i.file, i.column, i.code])).toEqual([
      ['dataset.yaml', 'name', 'meta-shape'],
    ]);
  });

  it('reports a folder where a file should be, instead of throwing EISDIR', () => {
    const dir = miniWith({ 'items.csv': null, 'dataset.yaml': null });
    mkdirSync(join(dir, 'items.csv'));
    mkdirSync(join(dir, 'dataset.yaml'));
    expect(errorsOf(dir).map((i) => [i.file, i.code])).toEqual([
      ['items.csv', 'not-a-file'],
      ['dataset.yaml', 'not-a-file'],
    ]);
  });
});
