import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { saveRun } from '../../src/cli/commands/store-commands.js';
import { Context } from '../../src/cli/context.js';
import { loadScenario } from '../../src/cli/scenario-input.js';
import { loadDataset } from '../../src/io/read-dataset.js';
import { readScenarioFile } from '../../src/io/read-scenario.js';
import { datasetToJson } from '../../src/io/write-dataset.js';
import { canonicalJson } from '../../src/store/hash.js';
import { MINI, cleanupTemp, tempDir } from '../support.js';
import { storeCli } from './store-cli.js';

afterAll(cleanupTemp);

const json = (s: string) => JSON.parse(s) as unknown;
const freshDb = () => join(tempDir('chokepoint-cli-store-'), 'store.db');
const quietIo = () => {
  let stderr = '';
  return {
    io: {
      stdout: { write: () => true, isTTY: false },
      stderr: { write: (s: string) => (stderr += s) },
    },
    stderr: () => stderr,
  };
};

describe('chokepoint tokens', () => {
  it('create prints the secret once; list never shows it; revoke stops it', async () => {
    const db = ['--db', freshDb(), '--format', 'json'];
    const made = await storeCli(['tokens', 'create', '--name', 'ci', '--role', 'analyst', ...db]);
    expect(made.code).toBe(0);
    const t = json(made.stdout) as { id: string; secret: string; role: string };
    expect(t.role).toBe('analyst');
    expect(t.secret).toMatch(/^chk_/);
    const list = await storeCli(['tokens', 'list', ...db]);
    expect(list.stdout).not.toContain(t.secret);
    expect(json(list.stdout)).toEqual([expect.objectContaining({ id: t.id, revokedAt: null })]);
    const rev = await storeCli(['tokens', 'revoke', t.id, ...db]);
    expect(json(rev.stdout)).toEqual({ id: t.id, revoked: true });
    const again = await storeCli(['tokens', 'revoke', t.id, ...db]);
    expect(json(again.stdout)).toEqual({ id: t.id, revoked: false });
    expect((await storeCli(['tokens', 'revoke', 'tnope', ...db])).code).toBe(2);
  });

  it('an unknown role is a usage error naming the three roles', async () => {
    const r = await storeCli([
      'tokens',
      'create',
      '--name',
      'x',
      '--role',
      'root',
      '--db',
      freshDb(),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/viewer, analyst or admin/);
  });
});

describe('chokepoint datasets', () => {
  it('save, list, show and export: the export reads back as the same dataset', async () => {
    const dir = tempDir();
    const db = ['--db', join(dir, 's.db'), '--dataset', MINI, '--format', 'json'];
    const saved = json((await storeCli(['datasets', 'save', '--note', 'v1', ...db])).stdout) as {
      id: string;
      created: boolean;
    };
    expect(saved.created).toBe(true);
    const again = json((await storeCli(['datasets', 'save', ...db])).stdout) as typeof saved;
    expect(again).toMatchObject({ id: saved.id, created: false });
    const list = json((await storeCli(['datasets', 'list', ...db])).stdout) as { id: string }[];
    expect(list.map((d) => d.id)).toEqual([saved.id]);
    const show = json((await storeCli(['datasets', 'show', saved.id, ...db])).stdout) as {
      rows: Record<string, number>;
      note: string;
    };
    expect(show.note).toBe('v1');
    expect(show.rows.items).toBe(loadDataset(MINI).dataset.items.length);
    const out = join(dir, 'exported');
    const ex = await storeCli(['datasets', 'export', saved.id, '--out', out, ...db]);
    expect(ex.code).toBe(0);
    expect(canonicalJson(datasetToJson(loadDataset(out).dataset))).toBe(
      canonicalJson(datasetToJson(loadDataset(MINI).dataset)),
    );
    const refused = await storeCli(['datasets', 'export', saved.id, '--out', out, ...db]);
    expect(refused.code).toBe(1);
    expect((await storeCli(['datasets', 'show', 'dnope', ...db])).code).toBe(2);
  });
});

describe('chokepoint scenarios (saved)', () => {
  it('save, history, show ID@V and export; bare `scenarios` still lists the library', async () => {
    const dir = tempDir();
    const db = ['--db', join(dir, 's.db'), '--dataset', MINI, '--format', 'json'];
    const s1 = json((await storeCli(['scenarios', 'save', 'nl-duv', ...db])).stdout) as {
      id: string;
      version: number;
    };
    expect(s1).toMatchObject({ id: 'nl-duv', version: 1 });
    const list = json((await storeCli(['scenarios', 'list', ...db])).stdout) as unknown[];
    expect(list).toHaveLength(1);
    const hist = await storeCli(['scenarios', 'history', 'nl-duv', ...db]);
    expect((json(hist.stdout) as unknown[]).length).toBe(1);
    const shown = json((await storeCli(['scenarios', 'show', 'nl-duv@1', ...db])).stdout) as {
      scenario: unknown;
    };
    const original = readScenarioFile(join(MINI, 'scenarios', 'nl-duv.yaml')).scenario;
    expect(shown.scenario).toEqual(JSON.parse(JSON.stringify(original)));
    const out = join(dir, 'out');
    expect((await storeCli(['scenarios', 'export', 'nl-duv', '--out', out, ...db])).code).toBe(0);
    expect(readScenarioFile(join(out, 'nl-duv.yaml')).scenario).toEqual(original);
    expect((await storeCli(['scenarios', 'show', 'nl-duv@7', ...db])).code).toBe(2);
    expect((await storeCli(['scenarios', ...db])).stdout).toBe('LIBRARY\n');
  });
});

describe('saveRun and chokepoint runs', () => {
  it('saveRun(ctx) records dataset, scenario and run; runs list/show/export read it back', async () => {
    const dir = tempDir();
    const dbFile = join(dir, 's.db');
    const q = quietIo();
    const ctx = new Context(q.io, { dataset: MINI, db: dbFile } as never);
    const loaded = loadScenario(ctx, ctx.compiled, 'jp-resist');
    const hostile = [
      { item: '=HYPERLINK("http://x","y")', country: '+CHN', note: '-1+2', who: '@SUM(A1)', v: -3 },
      { item: 'resist', country: 'JPN', note: 'plain', who: 'a', v: 0.5 },
    ];
    const run = await saveRun(ctx, {
      kind: 'simulate',
      inputs: { scenario: 'jp-resist', top: 15 },
      scenario: { scenario: loaded.scenario, source: loaded.path },
      results: { capabilityIndex: 0.9, losses: hostile },
      startedAt: new Date(Date.now() - 1500),
    });
    expect(q.stderr()).toContain(`saved run ${run.id}`);
    expect(run.scenarioId).toBe(loaded.scenario.id);
    const db = ['--db', dbFile, '--format', 'json'];
    const list = json((await storeCli(['runs', 'list', '--kind', 'simulate', ...db])).stdout);
    expect(list).toEqual([expect.objectContaining({ id: run.id, status: 'ok' })]);
    const shown = json((await storeCli(['runs', 'show', run.id, ...db])).stdout) as {
      results: { losses: unknown[] };
    };
    expect(shown.results.losses).toEqual(hostile);

    const out = join(dir, 'export');
    expect((await storeCli(['runs', 'export', run.id, '--out', out, ...db])).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([`${run.id}-losses.csv`, `${run.id}.json`]);
    const csv = readFileSync(join(out, `${run.id}-losses.csv`), 'utf8');
    expect(csv.split('\n')[1]).toBe(`"'=HYPERLINK(""http://x"",""y"")",'+CHN,'-1+2,'@SUM(A1),-3`);
    expect(csv.split('\n')[2]).toBe('resist,JPN,plain,a,0.5');
    expect(json(readFileSync(join(out, `${run.id}.json`), 'utf8'))).toMatchObject({ id: run.id });
  });

  it('a failed run is listed with its error; CSV output neutralizes formulas', async () => {
    const dbFile = freshDb();
    const ctx = new Context(quietIo().io, { dataset: MINI, db: dbFile } as never);
    await saveRun(ctx, {
      kind: 'rank',
      inputs: { country: 'CHN' },
      status: 'failed',
      error: "=cmd|' /C calc'!A0",
      startedAt: new Date(),
    });
    const r = await storeCli([
      'runs',
      'list',
      '--status',
      'failed',
      '--db',
      dbFile,
      '--format',
      'csv',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`,'=cmd|' /C calc'!A0\n`);
    expect(r.stdout).not.toMatch(/,=cmd/);
    const bad = await storeCli(['runs', 'list', '--kind', 'nope', '--db', dbFile]);
    expect(bad.code).toBe(2);
  });
});
