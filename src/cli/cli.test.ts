import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../../test/cli-run.js';
import { MINI, cleanupTemp, miniWith, tempDir } from '../../test/support.js';

afterAll(cleanupTemp);

const D = ['--dataset', MINI];
const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);

describe('chokepoint concentration', () => {
  it('prints JSON with the documented fields, shares in 0..1, most concentrated first', async () => {
    const r = await cli(['concentration', ...D, '--format', 'json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(Object.keys(rows[0]!)).toEqual(
      expect.arrayContaining([
        'item',
        'name',
        'area',
        'hhi',
        'cr1',
        'cr3',
        'top',
        'countriesTo75',
        'unattributed',
      ]),
    );
    expect(rows[0]).toMatchObject({ item: 'euv', hhi: 10000, top: { country: 'NLD', share: 1 } });
    expect(rows.find((x) => x.item === 'resist')).toMatchObject({ cr1: 0.9, unattributed: 0.05 });
  });

  it('filters by area and reports organization concentration with --by org', async () => {
    const r = await cli([
      'concentration',
      ...D,
      '--area',
      'seeds',
      '--by',
      'org',
      '--format',
      'json',
    ]);
    const rows = JSON.parse(r.stdout) as {
      item: string;
      hhi: number;
      top: { organization: string };
    }[];
    expect(rows.map((x) => x.item)).toEqual(['seed']);
    expect(rows[0]).toMatchObject({ hhi: 2000, top: { organization: 'usseedco' } });
  });

  it('writes CSV with flattened columns', async () => {
    const r = await cli(['concentration', ...D, '--format', 'csv']);
    const [header, first] = r.stdout.split('\n');
    expect(header).toContain('top.country');
    expect(first).toMatch(/^euv,EUV lithography tools,ic,10000,1,1,NLD,1,1,0,/);
  });

  it('suggests the closest area for a typo', async () => {
    const r = await cli(['concentration', ...D, '--area', 'seed']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown area "seed"; did you mean "seeds"?');
  });
});

describe('chokepoint exposure', () => {
  it('gives domestic, foreign, controlledBy per bloc and self-sufficiency', async () => {
    const r = await cli(['exposure', ...D, '--country', 'CHN', '--format', 'json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    const chip = rows.find((x) => x.item === 'chip')!;
    expect(chip).toEqual({
      item: 'chip',
      name: 'Logic chips',
      area: 'ic',
      domestic: 0.1,
      foreign: 0.9,
      controlledBy: { 'US+allies': 0 },
      selfSufficiency: 0.25,
    });
  });

  it('names the closest country for an unknown code', async () => {
    const r = await cli(['exposure', ...D, '--country', 'CHM']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown country or bloc "CHM"; did you mean "CHN"/);
    noStack(r.stderr);
  });
});

describe('chokepoint items and show', () => {
  it('lists items with the documented JSON fields', async () => {
    const r = await cli(['items', ...D, '--area', 'ic', '--format', 'json']);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(rows[1]).toEqual({
      id: 'euv',
      name: 'EUV lithography tools',
      area: 'ic',
      kind: 'tool',
      stage: 'equipment',
      variantOf: 'litho',
      marketSizeUsd: 600,
    });
    expect(rows).toHaveLength(4);
  });

  it('shows an item with shares, requirements both ways and its sources', async () => {
    const r = await cli(['show', 'resist', ...D, '--format', 'table'], { tty: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Photoresist [resist]');
    expect(r.stdout).toMatch(/JPN\s+90\.0%\s+revenue\s+2024\s+fx/);
    expect(r.stdout).toContain('Required by (1):\n  chip');
    expect(r.stdout).toContain('[fx] Hand-made fixture');
  });

  it('suggests close item ids for an unknown item', async () => {
    const r = await cli(['show', 'resits', ...D]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('did you mean "resist"?');
  });
});

describe('chokepoint overview', () => {
  it('lists per area the share and the concentrated items the perspective does not control', async () => {
    const r = await cli(['overview', ...D, '--country', 'CHN', '--format', 'json']);
    const o = JSON.parse(r.stdout) as {
      areas: { id: string; share: number; chokepoints: { item: string }[] }[];
    };
    const ic = o.areas.find((a) => a.id === 'ic')!;
    expect(ic.chokepoints.map((x) => x.item)).toEqual(['euv', 'duv', 'chip']);
    // (600*0 + 400*0 + 5000*0.1) / (600 + 400 + 5000); litho is unquantified.
    expect(ic.share).toBeCloseTo(500 / 6000, 10);
  });

  it('prints a readable table on a terminal', async () => {
    const r = await cli(['overview', ...D], { tty: true });
    expect(r.stdout).toContain('Chokepoint overview for CHN');
    expect(r.stdout).toMatch(/Integrated circuits \[ic\]: 4 items; CHN holds 8\.3% by value/);
  });
});

describe('chokepoint validate', () => {
  it('exits 0 with warnings on a valid dataset', async () => {
    const r = await cli(['validate', MINI, '--format', 'table']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('valid, with 2 warning(s).');
  });

  it('exits 1 and prints file:line for each error', async () => {
    const dir = miniWith({ 'shares.csv': (t) => t.replace('euv,NLD,100', 'euv,NLD,130') });
    const r = await cli(['validate', dir, '--format', 'table']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('error: shares.csv:2 [share]: share 130 is above 100.');
  });

  it('refuses to run other commands on an invalid dataset, listing the errors without a stack trace', async () => {
    const dir = miniWith({ 'items.csv': '' });
    const r = await cli(['overview', '--dataset', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('items.csv:1: the file is empty.');
    noStack(r.stderr);
  });

  it('reports a missing dataset path plainly', async () => {
    const r = await cli(['items', '--dataset', '/nonexistent/x']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no dataset at /nonexistent/x');
  });

  it('rejects an unknown format as a usage error', async () => {
    const r = await cli(['items', ...D, '--format', 'xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown format "xml"');
  });
});

describe('broken datasets through the CLI', () => {
  const cases: [string, Record<string, string | ((t: string) => string) | null>, string][] = [
    [
      'share 130',
      { 'shares.csv': (t) => t.replace('euv,NLD,100', 'euv,NLD,130') },
      'shares.csv:2 [share]: share 130 is above 100',
    ],
    [
      'unknown provider',
      { 'shares.csv': (t) => t.replace('seed,usseedco', 'seed,nobody') },
      'shares.csv:11 [provider]: provider "nobody"',
    ],
    [
      'duplicate id',
      { 'items.csv': (t) => t + 'euv,Again,ic,tool,,,,,,\n' },
      'items.csv:8 [id]: item "euv" is defined twice',
    ],
    [
      'missing required column',
      { 'items.csv': (t) => t.replace('id,name,area,kind', 'id,name,area,knd') },
      'items.csv:1 [kind]: required column "kind" is missing',
    ],
    ['empty file', { 'shares.csv': '' }, 'shares.csv:1: the file is empty'],
    [
      'unclosed quote',
      { 'items.csv': (t) => t + 'x,"oops,ic,tool,,,,,,\n' },
      'items.csv:8: the file is not valid CSV',
    ],
  ];
  for (const [name, edits, expected] of cases) {
    it(`reports ${name} with file and line, exit 1, no stack trace`, async () => {
      const dir = miniWith(edits);
      for (const args of [
        ['validate', dir, '--format', 'table'],
        ['overview', '--dataset', dir],
      ]) {
        const r = await cli(args);
        expect(r.code).toBe(1);
        expect(r.stdout + r.stderr).toContain(expected);
        noStack(r.stdout + r.stderr);
      }
    });
  }

  it('loads a dataset with a byte-order mark and CRLF line endings', async () => {
    const dir = miniWith({ 'shares.csv': (t) => '\uFEFF' + t.replace(/\n/g, '\r\n') });
    const r = await cli(['concentration', '--dataset', dir, '--format', 'json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { item: string }[])[0]?.item).toBe('euv');
  });
});

describe('chokepoint data audit', () => {
  it('prints coverage per area as JSON and as a table', async () => {
    const r = await cli(['data', 'audit', ...D, '--format', 'json']);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout) as {
      areas: { area: string; items: number }[];
      totals: { items: number };
    };
    expect(rep.totals.items).toBe(6);
    expect(rep.areas.map((a) => a.area).sort()).toEqual(['ic', 'materials', 'seeds']);
    const t = await cli(['data', 'audit', ...D, '--items'], { tty: true });
    expect(t.stdout).toContain('Data audit of mini');
    expect(t.stdout).toMatch(/chip\s+ic\s+90\.0%/);
  });
});

describe('Excel in and out', () => {
  it('exports a dataset to xlsx and imports it back to the same content', async () => {
    const dir = tempDir();
    const book = join(dir, 'mini.xlsx');
    const e = await cli(['export', ...D, '--xlsx', book]);
    expect(e.code).toBe(0);
    const i = await cli(['import', 'xlsx', book, '--out', join(dir, 'back')]);
    expect(i.stderr).toBe('');
    expect(i.code).toBe(0);
    const a = await cli(['concentration', ...D, '--format', 'json']);
    const b = await cli(['concentration', '--dataset', join(dir, 'back'), '--format', 'json']);
    expect(b.stdout).toBe(a.stdout);
  });

  it('writes result rows to xlsx beside the normal output', async () => {
    const book = join(tempDir(), 'rank.xlsx');
    const r = await cli(['concentration', ...D, '--format', 'json', '--xlsx', book]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`wrote 6 rows to ${book}`);
    expect(existsSync(book)).toBe(true);
  });
});

describe('--lang', () => {
  it('prints the overview table in Chinese with aligned columns', async () => {
    const r = await cli(['overview', ...D, '--lang', 'zh-CN'], { tty: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('CHN的卡脖子概览');
    expect(r.stdout).toMatch(/物项\s+最大供应方\s+HHI/);
  });

  it('rejects an unknown language as a usage error', async () => {
    const r = await cli(['overview', ...D, '--lang', 'fr', '--format', 'table']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown language "fr"');
  });
});
