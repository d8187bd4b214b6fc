/**
 * The Store contract: one suite, run against every implementation (sqlite.test.ts,
 * postgres.test.ts). A backend is correct when it passes all of it.
 */
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/core/dataset.js';
import type { Scenario } from '../../src/core/scenario.js';
import { loadDataset } from '../../src/io/read-dataset.js';
import { checkDatasetJson } from '../../src/io/read-dataset.js';
import { datasetToJson } from '../../src/io/write-dataset.js';
import { canonicalJson, sha256Hex } from '../../src/store/hash.js';
import { LATEST_SCHEMA_VERSION } from '../../src/store/migrations.js';
import type { Store, StoreOptions } from '../../src/store/types.js';
import { StoreInputError, StoreNotFoundError } from '../../src/store/types.js';
import { MINI } from '../support.js';

export interface StoreHarness {
  /** A store over a fresh, empty database. */
  open(options?: StoreOptions): Promise<Store>;
  /** The same database again (call after closing the first): persistence. */
  reopen(options?: StoreOptions): Promise<Store>;
  /** Delete the database. */
  dispose(): Promise<void>;
}

/** The time every test store reads from its clock (runs in the tests start before it). */
export const NOW = '2025-06-01T00:00:00.000Z';
const fixedClock = () => new Date(NOW);

export function miniDataset(): Dataset {
  return loadDataset(MINI).dataset;
}

export function scenarioFixture(severity = 1, id = 'euv-ban'): Scenario {
  return {
    id,
    name: 'EUV ban ("quoted", ünïcode, 中文)',
    perspective: 'CHN',
    assumptions: { reallocation: 'market' },
    shocks: [{ restrict: { from: ['NLD'], to: ['CHN'], items: ['euv'], severity } }],
    sources: ['a source'],
  };
}

async function withStore(
  make: () => Promise<StoreHarness>,
  fn: (store: Store, h: StoreHarness) => Promise<void>,
  options: StoreOptions = {},
): Promise<void> {
  const h = await make();
  const store = await h.open({ clock: fixedClock, ...options });
  try {
    await fn(store, h);
  } finally {
    await store.close();
    await h.dispose();
  }
}

export function runStoreContract(name: string, make: () => Promise<StoreHarness>): void {
  const test = (title: string, fn: (store: Store, h: StoreHarness) => Promise<void>) =>
    it(title, () => withStore(make, fn));

  describe(`Store contract: ${name}`, () => {
    test('a fresh store is at the latest schema version and empty', async (store) => {
      expect(await store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
      expect(await store.listDatasets()).toEqual([]);
      expect(await store.listScenarios()).toEqual([]);
      expect(await store.listRuns()).toEqual([]);
      expect(await store.listTokens()).toEqual([]);
    });

    describe('datasets', () => {
      test('saveDataset(ds) -> id from the SHA-256 of the canonical JSON form, with provenance', async (store) => {
        const ds = miniDataset();
        const { version, created } = await store.saveDataset({
          dataset: ds,
          source: '/data/mini',
          importer: 'folder',
          note: 'first import',
        });
        const hash = sha256Hex(canonicalJson(datasetToJson(ds)));
        expect(created).toBe(true);
        expect(version).toEqual({
          id: `d${hash.slice(0, 12)}`,
          hash,
          name: ds.meta.name ?? null,
          items: ds.items.length,
          source: '/data/mini',
          importer: 'folder',
          parentId: null,
          note: 'first import',
          createdAt: NOW,
        });
        expect(await store.listDatasets()).toEqual([version]);
      });

      test('saveDataset(same content) -> the existing version, created false', async (store) => {
        const a = await store.saveDataset({ dataset: miniDataset(), source: 'a' });
        const b = await store.saveDataset({ dataset: miniDataset(), source: 'b', note: 'again' });
        expect(b.created).toBe(false);
        expect(b.version).toEqual(a.version);
        expect(await store.listDatasets()).toHaveLength(1);
      });

      test('getDataset(id | hash) -> content that reads back as the same dataset', async (store) => {
        const ds = miniDataset();
        const { version } = await store.saveDataset({ dataset: ds, source: 'mini' });
        const byId = await store.getDataset(version.id);
        const byHash = await store.getDataset(version.hash);
        expect(byId).toEqual(byHash);
        expect(byId?.id).toBe(version.id);
        const back = checkDatasetJson(byId!.content);
        expect(back.issues.filter((i) => i.severity === 'error')).toEqual([]);
        expect(canonicalJson(datasetToJson(back.dataset))).toBe(canonicalJson(datasetToJson(ds)));
        expect(await store.getDataset('d000000000000')).toBeUndefined();
        expect(await store.getDataset("x' OR '1'='1")).toBeUndefined();
      });

      test('an edited dataset is a new version that names its parent', async (store) => {
        const base = await store.saveDataset({ dataset: miniDataset(), source: 'mini' });
        const edited = miniDataset();
        edited.items[0]!.name = 'Edited name';
        const e = await store.saveDataset({
          dataset: edited,
          source: 'edit',
          parentId: base.version.id,
        });
        expect(e.created).toBe(true);
        expect(e.version.id).not.toBe(base.version.id);
        expect(e.version.parentId).toBe(base.version.id);
        expect((await store.listDatasets()).map((d) => d.id)).toEqual([
          e.version.id,
          base.version.id,
        ]);
        edited.items[0]!.name = 'Another';
        await expect(
          store.saveDataset({ dataset: edited, source: 'edit', parentId: 'dnope' }),
        ).rejects.toBeInstanceOf(StoreNotFoundError);
      });
    });

    describe('scenarios', () => {
      test('saveScenario adds versions 1, 2 ...; equal content adds nothing', async (store) => {
        const v1 = await store.saveScenario({ scenario: scenarioFixture(1), source: 'file.yaml' });
        const again = await store.saveScenario({ scenario: scenarioFixture(1) });
        const v2 = await store.saveScenario({ scenario: scenarioFixture(0.5), note: 'milder' });
        expect(v1).toMatchObject({ created: true, version: { id: 'euv-ban', version: 1 } });
        expect(again).toEqual({ created: false, version: v1.version });
        expect(v2).toMatchObject({
          created: true,
          version: { id: 'euv-ban', version: 2, note: 'milder', source: null },
        });
        expect(v1.version.name).toBe('EUV ban ("quoted", ünïcode, 中文)');
      });

      test('history is never overwritten: every version reads back as saved', async (store) => {
        await store.saveScenario({ scenario: scenarioFixture(1) });
        await store.saveScenario({ scenario: scenarioFixture(0.5) });
        await store.saveScenario({ scenario: scenarioFixture(0.25) });
        const history = await store.scenarioHistory('euv-ban');
        expect(history.map((h) => h.version)).toEqual([1, 2, 3]);
        expect(new Set(history.map((h) => h.hash)).size).toBe(3);
        expect((await store.getScenario('euv-ban', 1))?.scenario).toEqual(scenarioFixture(1));
        expect((await store.getScenario('euv-ban', 2))?.scenario).toEqual(scenarioFixture(0.5));
        const latest = await store.getScenario('euv-ban');
        expect(latest?.version).toBe(3);
        expect(latest?.scenario).toEqual(scenarioFixture(0.25));
        expect(await store.getScenario('euv-ban', 4)).toBeUndefined();
        expect(await store.getScenario('nope')).toBeUndefined();
        expect(await store.scenarioHistory('nope')).toEqual([]);
      });

      test('listScenarios -> the latest version of each id, by id', async (store) => {
        await store.saveScenario({ scenario: scenarioFixture(1, 'zeta') });
        await store.saveScenario({ scenario: scenarioFixture(1, 'alpha') });
        await store.saveScenario({ scenario: scenarioFixture(0.5, 'zeta') });
        const list = await store.listScenarios();
        expect(list.map((s) => [s.id, s.version])).toEqual([
          ['alpha', 1],
          ['zeta', 2],
        ]);
      });

      test('concurrent saves of one id get distinct consecutive versions', async (store) => {
        const saves = await Promise.all(
          [1, 2, 3, 4, 5, 6].map((k) => store.saveScenario({ scenario: scenarioFixture(k / 10) })),
        );
        expect(saves.map((s) => s.version.version).sort()).toEqual([1, 2, 3, 4, 5, 6]);
        expect((await store.scenarioHistory('euv-ban')).length).toBe(6);
      });

      test('a scenario id that is not a lowercase slug is refused', async (store) => {
        await expect(
          store.saveScenario({ scenario: { ...scenarioFixture(), id: "x'; DROP TABLE runs; --" } }),
        ).rejects.toBeInstanceOf(StoreInputError);
      });
    });

    describe('runs', () => {
      async function seed(store: Store) {
        const ds = (await store.saveDataset({ dataset: miniDataset(), source: 'mini' })).version;
        const sc = (await store.saveScenario({ scenario: scenarioFixture() })).version;
        return { ds, sc };
      }

      test('saveRun -> summary; getRun -> inputs and results as saved', async (store) => {
        const { ds, sc } = await seed(store);
        const results = {
          capabilityIndex: 0.123456789012,
          losses: [{ item: 'euv', why: ['a', 'b'] }],
          text: '中文 "q" \\ \n',
          nothing: null,
        };
        const run = await store.saveRun({
          kind: 'simulate',
          inputs: { scenario: 'euv-ban', country: 'CHN' },
          datasetVersionId: ds.id,
          scenario: { id: sc.id, version: sc.version },
          results,
          startedAt: new Date('2025-03-01T10:00:00.000Z'),
          finishedAt: new Date('2025-03-01T10:00:01.250Z'),
        });
        expect(run).toMatchObject({
          kind: 'simulate',
          status: 'ok',
          datasetVersionId: ds.id,
          scenarioId: 'euv-ban',
          scenarioVersion: 1,
          startedAt: '2025-03-01T10:00:00.000Z',
          finishedAt: '2025-03-01T10:00:01.250Z',
          durationMs: 1250,
          error: null,
        });
        expect(run.id).toMatch(/^r20250301100000-[0-9a-f]{8}$/);
        const full = await store.getRun(run.id);
        expect(full).toEqual({
          ...run,
          inputs: { scenario: 'euv-ban', country: 'CHN' },
          results,
        });
        expect(await store.getRun('rnope')).toBeUndefined();
      });

      test('results of any JSON shape round trip (array, string, number)', async (store) => {
        const { ds } = await seed(store);
        for (const results of [[{ a: 1 }, { a: 2 }], 'just text', 42, [] as unknown[]]) {
          const r = await store.saveRun({
            kind: 'rank',
            inputs: {},
            datasetVersionId: ds.id,
            results,
            startedAt: new Date('2025-03-01T10:00:00Z'),
          });
          expect((await store.getRun(r.id))?.results).toEqual(results);
        }
      });

      test('a failed run keeps its error and has no results', async (store) => {
        const { ds } = await seed(store);
        const r = await store.saveRun({
          kind: 'plan',
          inputs: { budget: 1 },
          datasetVersionId: ds.id,
          status: 'failed',
          error: 'solver timed out',
          startedAt: new Date('2025-03-01T10:00:00Z'),
          durationMs: 30_000,
        });
        expect(r).toMatchObject({
          status: 'failed',
          error: 'solver timed out',
          durationMs: 30_000,
        });
        expect((await store.getRun(r.id))?.results).toBeNull();
      });

      test('saveRun refuses bad input and unknown references', async (store) => {
        const { ds } = await seed(store);
        const base = {
          kind: 'simulate' as const,
          inputs: {},
          datasetVersionId: ds.id,
          startedAt: new Date('2025-03-01T10:00:00Z'),
        };
        await expect(store.saveRun({ ...base, datasetVersionId: 'dmissing' })).rejects.toThrow(
          StoreNotFoundError,
        );
        await expect(
          store.saveRun({ ...base, scenario: { id: 'euv-ban', version: 9 } }),
        ).rejects.toThrow(StoreNotFoundError);
        await expect(
          store.saveRun({ ...base, kind: 'other' as unknown as 'rank' }),
        ).rejects.toThrow(StoreInputError);
        await expect(store.saveRun({ ...base, status: 'failed' })).rejects.toThrow(StoreInputError);
        await expect(
          store.saveRun({ ...base, finishedAt: new Date('2025-03-01T09:00:00Z') }),
        ).rejects.toThrow(StoreInputError);
        expect(await store.listRuns()).toEqual([]);
      });

      test('listRuns -> most recent first, filtered by kind, status, dataset, scenario; limit', async (store) => {
        const { ds, sc } = await seed(store);
        const at = (m: number) => new Date(Date.UTC(2025, 2, 1, 10, m));
        const save = (kind: 'simulate' | 'rank', m: number, extra = {}) =>
          store.saveRun({
            kind,
            inputs: { m },
            datasetVersionId: ds.id,
            startedAt: at(m),
            finishedAt: at(m + 1),
            ...extra,
          });
        const r1 = await save('rank', 1);
        const r2 = await save('simulate', 2, { scenario: { id: sc.id, version: 1 } });
        const r3 = await save('simulate', 3, { status: 'failed', error: 'boom' });
        expect((await store.listRuns()).map((r) => r.id)).toEqual([r3.id, r2.id, r1.id]);
        expect((await store.listRuns({ kind: 'simulate' })).map((r) => r.id)).toEqual([
          r3.id,
          r2.id,
        ]);
        expect((await store.listRuns({ status: 'failed' })).map((r) => r.id)).toEqual([r3.id]);
        expect((await store.listRuns({ scenarioId: 'euv-ban' })).map((r) => r.id)).toEqual([r2.id]);
        expect(await store.listRuns({ datasetVersionId: 'dother' })).toEqual([]);
        expect((await store.listRuns({ limit: 2 })).map((r) => r.id)).toEqual([r3.id, r2.id]);
        const summary = (await store.listRuns())[0]!;
        expect(summary).not.toHaveProperty('results');
        expect(summary).not.toHaveProperty('inputs');
      });
    });

    describe('tokens', () => {
      test('createToken -> a secret shown once; the store keeps only its hash', async (store) => {
        const { token, secret } = await store.createToken({ name: 'ci bot', role: 'analyst' });
        expect(secret).toMatch(/^chk_[A-Za-z0-9_-]{43}$/);
        expect(token).toEqual({
          id: expect.stringMatching(/^t[0-9a-f]{12}$/) as unknown,
          name: 'ci bot',
          role: 'analyst',
          createdAt: NOW,
          revokedAt: null,
        });
        const listed = await store.listTokens();
        expect(listed).toEqual([token]);
        expect(JSON.stringify(listed)).not.toContain(secret.slice(4));
        expect(JSON.stringify(listed)).not.toContain(sha256Hex(secret));
      });

      test('verifyToken(secret) -> the token until it is revoked', async (store) => {
        const a = await store.createToken({ name: 'a', role: 'viewer' });
        const b = await store.createToken({ name: 'b', role: 'admin' });
        expect(a.secret).not.toBe(b.secret);
        expect(await store.verifyToken(a.secret)).toEqual(a.token);
        expect(await store.verifyToken(b.secret)).toEqual(b.token);
        expect(await store.verifyToken(a.secret + 'x')).toBeUndefined();
        expect(await store.verifyToken('')).toBeUndefined();
        expect(await store.revokeToken(a.token.id)).toBe(true);
        expect(await store.revokeToken(a.token.id)).toBe(false);
        expect(await store.revokeToken('tnope')).toBe(false);
        expect(await store.verifyToken(a.secret)).toBeUndefined();
        expect(await store.verifyToken(b.secret)).toEqual(b.token);
        const listed = await store.listTokens();
        expect(listed.find((t) => t.id === a.token.id)?.revokedAt).toBe(NOW);
      });

      test('createToken refuses an unknown role or an empty name', async (store) => {
        await expect(
          store.createToken({ name: 'x', role: 'root' as unknown as 'admin' }),
        ).rejects.toThrow(StoreInputError);
        await expect(store.createToken({ name: '  ', role: 'viewer' })).rejects.toThrow(
          StoreInputError,
        );
      });
    });

    test('everything saved is there after close and reopen', async (store, h) => {
      const ds = (await store.saveDataset({ dataset: miniDataset(), source: 'mini' })).version;
      await store.saveScenario({ scenario: scenarioFixture(1) });
      await store.saveScenario({ scenario: scenarioFixture(0.5) });
      const run = await store.saveRun({
        kind: 'risk',
        inputs: { x: 1 },
        datasetVersionId: ds.id,
        results: { ok: true },
        startedAt: new Date('2025-03-01T10:00:00Z'),
      });
      const { token, secret } = await store.createToken({ name: 'keep', role: 'viewer' });
      await store.close();
      const again = await h.reopen();
      try {
        expect(await again.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
        expect(await again.listDatasets()).toEqual([ds]);
        expect((await again.scenarioHistory('euv-ban')).length).toBe(2);
        expect((await again.getRun(run.id))?.results).toEqual({ ok: true });
        expect(await again.verifyToken(secret)).toEqual(token);
      } finally {
        await again.close();
      }
    });
  });
}
