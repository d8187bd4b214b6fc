/** Saved work over HTTP against a real SQLite store: scenarios, runs, comparison, jobs, uploads. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../io/read-dataset.js';
import { datasetToJson } from '../io/write-dataset.js';
import { SqliteStore } from '../store/sqlite.js';
import { MINI, cleanupTemp, tempDir } from '../../test/support.js';
import type { ChokepointApp } from './app.js';
import { createApp } from './app.js';

const SCENARIO = `id: duv-ban
perspective: CHN
shocks:
  - restrict: { from: [NLD], to: [CHN], items: [duv] }
`;

let store: SqliteStore;
let app: ChokepointApp;

beforeAll(() => {
  store = SqliteStore.open(join(tempDir('chokepoint-routes-store-'), 'store.db'));
  app = createApp({ datasetPath: MINI, rankInWorker: false, store });
});
afterAll(async () => {
  await app.close();
  await store.close();
  cleanupTemp();
});

const postYaml = (path: string, text: string) =>
  app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/yaml' },
    body: text,
  });
const getJson = async <T>(path: string) => {
  const res = await app.request(path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
};

describe('saved scenarios', () => {
  it('a save adds a version, the same content adds none, history keeps every version', async () => {
    const first = await postYaml('/api/store/scenarios?note=first', SCENARIO);
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({
      created: true,
      version: { id: 'duv-ban', version: 1 },
    });
    const same = await postYaml('/api/store/scenarios', SCENARIO);
    expect(same.status).toBe(200);
    expect(await same.json()).toMatchObject({ created: false, version: { version: 1 } });
    const second = await postYaml('/api/store/scenarios', SCENARIO.replace('[duv]', '[duv, euv]'));
    expect(await second.json()).toMatchObject({ created: true, version: { version: 2 } });
    const history = await getJson<{ versions: { version: number; note: string | null }[] }>(
      '/api/store/scenarios/duv-ban/history',
    );
    expect(history.versions.map((v) => [v.version, v.note])).toEqual([
      [1, 'first'],
      [2, null],
    ]);
    const v1 = await getJson<{ scenario: { shocks: { restrict: { items: string[] } }[] } }>(
      '/api/store/scenarios/duv-ban?version=1',
    );
    expect(v1.scenario.shocks[0]!.restrict.items).toEqual(['duv']);
    const list = await getJson<{ scenarios: { id: string; version: number }[] }>(
      '/api/store/scenarios',
    );
    expect(list.scenarios).toEqual([expect.objectContaining({ id: 'duv-ban', version: 2 })]);
  });

  it('a scenario naming unknown items is refused (422) and not saved', async () => {
    const res = await postYaml('/api/store/scenarios', SCENARIO.replace('[duv]', '[nosuch]'));
    expect(res.status).toBe(422);
    expect((await app.request('/api/store/scenarios/duv-ban?version=3')).status).toBe(404);
  });
});

describe('saved runs', () => {
  it('simulate?save=true answers 201 with the run; the run holds the same JSON', async () => {
    const plain = await postYaml('/api/simulate', SCENARIO);
    const saved = await postYaml('/api/simulate?save=true', SCENARIO);
    expect(plain.status).toBe(200);
    expect(saved.status).toBe(201);
    const id = saved.headers.get('chokepoint-run-id')!;
    expect(saved.headers.get('location')).toBe(`/api/runs/${id}`);
    const body = await saved.json();
    expect(body).toEqual(await plain.json());
    const run = await getJson<{ kind: string; results: unknown; scenarioId: string }>(
      `/api/runs/${id}`,
    );
    expect(run).toMatchObject({ kind: 'simulate', scenarioId: 'duv-ban' });
    expect(run.results).toEqual(body);
  });

  it('compare: two simulations of different scenarios, figures and items with deltas', async () => {
    const a = await postYaml('/api/simulate?save=true', SCENARIO);
    const b = await postYaml('/api/simulate?save=true', SCENARIO.replace('[duv]', '[duv, euv]'));
    const ra = (await a.json()) as { valueAtRisk: number };
    const rb = (await b.json()) as { valueAtRisk: number };
    const cmp = await getJson<{
      kind: string;
      sameDataset: boolean;
      sameScenario: boolean;
      figures: { metric: string; a: number; b: number; delta: number }[];
      entries: { rows: { key: string; delta: number }[] };
    }>(
      `/api/runs/compare?a=${a.headers.get('chokepoint-run-id')}&b=${b.headers.get('chokepoint-run-id')}`,
    );
    expect(cmp).toMatchObject({ kind: 'simulate', sameDataset: true, sameScenario: false });
    const v = cmp.figures.find((f) => f.metric === 'valueAtRisk')!;
    expect(v).toEqual({
      metric: 'valueAtRisk',
      unit: 'usd',
      a: ra.valueAtRisk,
      b: rb.valueAtRisk,
      delta: rb.valueAtRisk - ra.valueAtRisk,
    });
    expect(v.delta).toBeGreaterThan(0);
    expect(cmp.entries.rows.length).toBeGreaterThan(0);
    const missing = await app.request('/api/runs/compare?a=nope&b=nope');
    expect(missing.status).toBe(404);
  });

  it('runs list filters by kind; unknown run is 404', async () => {
    const list = await getJson<{ runs: { kind: string }[] }>('/api/runs?kind=simulate&limit=2');
    expect(list.runs).toHaveLength(2);
    expect((await app.request('/api/runs?kind=nope')).status).toBe(400);
    expect((await app.request('/api/runs/r0')).status).toBe(404);
  });

  it('a risk job with "save": true is done only once its run is stored', async () => {
    const res = await app.request('/api/jobs/risk', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        risk: {
          yaml: 'perspective: CHN\nevents:\n  - id: duv\n    probability: 0.5\n    shocks: [ { restrict: { from: [NLD], to: [CHN], items: [duv] } } ]\n',
        },
        runs: 40,
        seed: 3,
        save: true,
      }),
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    let job: { status: string; runId?: string; result?: unknown } = { status: 'queued' };
    for (let k = 0; k < 600 && !['done', 'failed'].includes(job.status); k++) {
      await new Promise((r) => setTimeout(r, 100));
      job = await getJson(`/api/jobs/${id}`);
    }
    expect(job.status).toBe('done');
    expect(job.runId).toMatch(/^r\d{14}-[0-9a-f]{8}$/);
    const run = await getJson<{ kind: string; results: unknown; inputs: { seed: number } }>(
      `/api/runs/${job.runId}`,
    );
    expect(run.kind).toBe('risk');
    expect(run.inputs.seed).toBe(3);
    expect(run.results).toEqual(job.result);
  }, 60_000);
});

describe('dataset versions and tokens over HTTP', () => {
  it('an upload is validated, saved once per content, and readable', async () => {
    const ds = loadDataset(MINI).dataset;
    const body = JSON.stringify(datasetToJson(ds));
    const up = (text: string) =>
      app.request('/api/store/datasets?note=upload', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: text,
      });
    const first = await up(body);
    expect([200, 201]).toContain(first.status);
    const { version } = (await first.json()) as { version: { id: string } };
    const again = await up(body);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { created: boolean }).created).toBe(false);
    const meta = await getJson<{ id: string; content?: unknown }>(
      `/api/store/datasets/${version.id}`,
    );
    expect(meta.id).toBe(version.id);
    expect(meta.content).toBeUndefined();
    const full = await getJson<{ content: { items: unknown[] } }>(
      `/api/store/datasets/${version.id}?content=true`,
    );
    expect(full.content.items.length).toBe(ds.items.length);
    // A share of 130% is an error: refused with the problem listed.
    const broken = datasetToJson(ds) as { shares: { share: number | null }[] };
    broken.shares[0]!.share = 130;
    const bad = await up(JSON.stringify(broken));
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { problems: unknown[] } }).error.problems.length).toBe(
      1,
    );
  });

  it('tokens: create shows the secret once, list never; revoke', async () => {
    const made = await app.request('/api/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'ci', role: 'analyst' }),
    });
    expect(made.status).toBe(201);
    const t = (await made.json()) as { token: { id: string }; secret: string };
    expect(t.secret).toMatch(/^chk_/);
    const listText = await (await app.request('/api/tokens')).text();
    expect(listText).not.toContain(t.secret);
    expect((await store.verifyToken(t.secret))?.role).toBe('analyst');
    const del = await app.request(`/api/tokens/${t.token.id}`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect(await store.verifyToken(t.secret)).toBeUndefined();
    const bad = await app.request('/api/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x', role: 'root' }),
    });
    expect(bad.status).toBe(400);
  });

  it('without a store the store routes say so (503) and simulate?save is refused', async () => {
    const bare = createApp({ datasetPath: MINI, rankInWorker: false });
    try {
      const res = await bare.request('/api/runs');
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { hint: string } }).error.hint).toMatch(/--db/);
      const sim = await bare.request('/api/simulate?save=true', {
        method: 'POST',
        headers: { 'content-type': 'application/yaml' },
        body: SCENARIO,
      });
      expect(sim.status).toBe(503);
    } finally {
      await bare.close();
    }
  });
});
