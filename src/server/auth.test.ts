/**
 * The authorization matrix: every endpoint of the OpenAPI document times every kind of caller
 * (no token from elsewhere, --public-read, viewer, analyst, admin, a revoked token, a malformed
 * header, the local user), with real bodies, against a real SQLite store. Denied requests get
 * 401/403 with an error and no data; allowed ones reach their handler; nothing a viewer or an
 * anonymous caller sends changes the store.
 */
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../io/read-dataset.js';
import { datasetToJson } from '../io/write-dataset.js';
import { SqliteStore } from '../store/sqlite.js';
import type { TokenRole } from '../store/types.js';
import { MINI, cleanupTemp, tempDir } from '../../test/support.js';
import type { ChokepointApp } from './app.js';
import { createApp } from './app.js';
import type { Need } from './auth.js';
import { ROUTE_ROLES, isLoopbackAddress } from './auth.js';
import { openApiDocument } from './openapi.js';
import { startServer } from './serve.js';

const SCENARIO = `id: nl-duv-matrix
perspective: CHN
shocks:
  - restrict: { from: [NLD], to: [CHN], items: [duv] }
`;

let store: SqliteStore;
let app: ChokepointApp;
let publicApp: ChokepointApp;
/** The address the apps see the next request coming from. */
let from = '198.51.100.7';
const secrets: Record<string, string> = {};
let victimTokenId = '';
let runA = '';
let runB = '';
let datasetId = '';
let n = 0;

beforeAll(async () => {
  store = SqliteStore.open(join(tempDir('chokepoint-auth-'), 'store.db'));
  for (const role of ['viewer', 'analyst', 'admin'] as TokenRole[])
    secrets[role] = (await store.createToken({ name: role, role })).secret;
  const revoked = await store.createToken({ name: 'gone', role: 'admin' });
  await store.revokeToken(revoked.token.id);
  secrets.revoked = revoked.secret;
  victimTokenId = (await store.createToken({ name: 'victim', role: 'viewer' })).token.id;
  const access = { clientAddress: () => from };
  app = createApp({ datasetPath: MINI, rankInWorker: false, store, access });
  publicApp = createApp({
    datasetPath: MINI,
    rankInWorker: false,
    store,
    access: { ...access, publicRead: true },
  });
  // Two saved runs to read and compare (made by the local user).
  from = '127.0.0.1';
  const sim = (s: string) =>
    app.request('/api/simulate?save=true', {
      method: 'POST',
      headers: { 'content-type': 'application/yaml' },
      body: s,
    });
  const a = await sim(SCENARIO);
  const b = await sim(SCENARIO.replace('[duv]', '[duv, euv]'));
  expect([a.status, b.status]).toEqual([201, 201]);
  runA = a.headers.get('chokepoint-run-id')!;
  runB = b.headers.get('chokepoint-run-id')!;
  datasetId = (await store.listDatasets())[0]!.id;
});

afterAll(async () => {
  await app.close();
  await publicApp.close();
  await store.close();
  cleanupTemp();
});

interface Call {
  method: string;
  path: string;
  url: () => string;
  body?: () => { type: string; text: string };
}

const json = (v: unknown) => () => ({ type: 'application/json', text: JSON.stringify(v) });
const yaml = (s: () => string) => () => ({ type: 'application/yaml', text: s() });

/** A real request for every documented route (a new scenario version each time for saves). */
const CALLS: Call[] = [
  { method: 'GET', path: '/api/health', url: () => '/api/health' },
  { method: 'GET', path: '/api/openapi.json', url: () => '/api/openapi.json' },
  { method: 'GET', path: '/api/auth', url: () => '/api/auth' },
  { method: 'GET', path: '/api/datasets/current', url: () => '/api/datasets/current' },
  { method: 'GET', path: '/api/items', url: () => '/api/items' },
  { method: 'GET', path: '/api/items/{id}', url: () => '/api/items/euv' },
  { method: 'GET', path: '/api/concentration', url: () => '/api/concentration' },
  { method: 'GET', path: '/api/exposure', url: () => '/api/exposure?country=CHN' },
  { method: 'GET', path: '/api/overview', url: () => '/api/overview' },
  { method: 'GET', path: '/api/names', url: () => '/api/names' },
  { method: 'GET', path: '/api/graph', url: () => '/api/graph?area=ic' },
  { method: 'GET', path: '/api/scenarios', url: () => '/api/scenarios' },
  { method: 'GET', path: '/api/scenarios/{id}', url: () => '/api/scenarios/nl-duv' },
  { method: 'GET', path: '/api/rank', url: () => '/api/rank?country=CHN&top=3' },
  { method: 'GET', path: '/api/brief', url: () => '/api/brief?country=CHN' },
  {
    method: 'POST',
    path: '/api/brief',
    url: () => '/api/brief?country=CHN',
    body: yaml(() => SCENARIO),
  },
  {
    method: 'POST',
    path: '/api/simulate',
    url: () => '/api/simulate?save=true',
    body: yaml(() => SCENARIO),
  },
  // Invalid bodies: a 400 proves the handler was reached, without starting a job.
  { method: 'POST', path: '/api/jobs/risk', url: () => '/api/jobs/risk', body: json({}) },
  { method: 'POST', path: '/api/jobs/plan', url: () => '/api/jobs/plan', body: json({}) },
  { method: 'GET', path: '/api/jobs/{id}', url: () => '/api/jobs/risk-none-1' },
  { method: 'DELETE', path: '/api/jobs/{id}', url: () => '/api/jobs/risk-none-1' },
  { method: 'GET', path: '/api/store/datasets', url: () => '/api/store/datasets' },
  {
    method: 'POST',
    path: '/api/store/datasets',
    url: () => `/api/store/datasets?note=n${++n}`,
    body: () => {
      const ds = loadDataset(MINI).dataset;
      ds.meta.name = `matrix ${++n}`;
      return json(datasetToJson(ds))();
    },
  },
  {
    method: 'GET',
    path: '/api/store/datasets/{id}',
    url: () => `/api/store/datasets/${datasetId}`,
  },
  { method: 'GET', path: '/api/store/scenarios', url: () => '/api/store/scenarios' },
  {
    method: 'POST',
    path: '/api/store/scenarios',
    url: () => '/api/store/scenarios',
    body: yaml(() =>
      SCENARIO.replace('perspective: CHN', `name: version ${++n}\nperspective: CHN`),
    ),
  },
  {
    method: 'GET',
    path: '/api/store/scenarios/{id}',
    url: () => '/api/store/scenarios/nl-duv-matrix',
  },
  {
    method: 'GET',
    path: '/api/store/scenarios/{id}/history',
    url: () => '/api/store/scenarios/nl-duv-matrix/history',
  },
  { method: 'GET', path: '/api/runs', url: () => '/api/runs' },
  { method: 'GET', path: '/api/runs/compare', url: () => `/api/runs/compare?a=${runA}&b=${runB}` },
  { method: 'GET', path: '/api/runs/{id}', url: () => `/api/runs/${runA}` },
  { method: 'GET', path: '/api/tokens', url: () => '/api/tokens' },
  {
    method: 'POST',
    path: '/api/tokens',
    url: () => '/api/tokens',
    body: json({ name: 'made', role: 'viewer' }),
  },
  { method: 'DELETE', path: '/api/tokens/{id}', url: () => `/api/tokens/${victimTokenId}` },
];

type Caller =
  'anonymous' | 'public-read' | 'viewer' | 'analyst' | 'admin' | 'revoked' | 'malformed' | 'local';

async function call(c: Call, who: Caller, extra: Record<string, string> = {}) {
  from = who === 'local' ? '127.0.0.1' : '198.51.100.7';
  const headers: Record<string, string> = { ...extra };
  if (who === 'viewer' || who === 'analyst' || who === 'admin' || who === 'revoked')
    headers.authorization = `Bearer ${secrets[who]}`;
  if (who === 'malformed') headers.authorization = 'Basic dXNlcjpwYXNz';
  const body = c.body?.();
  if (body) headers['content-type'] = body.type;
  const res = await (who === 'public-read' ? publicApp : app).request(c.url(), {
    method: c.method,
    headers,
    ...(body ? { body: body.text } : {}),
  });
  return { status: res.status, text: await res.text() };
}

const RANK: Record<Need, number> = { public: 0, viewer: 1, analyst: 2, admin: 3 };
const CALLER_RANK: Record<Caller, number> = {
  anonymous: 0,
  'public-read': 1,
  viewer: 1,
  analyst: 2,
  admin: 3,
  revoked: -1,
  malformed: -1,
  local: 3,
};

function expected(need: Need, who: Caller): 'allowed' | 401 | 403 {
  if (who === 'revoked' || who === 'malformed') return 401;
  if (RANK[need] <= CALLER_RANK[who]) return 'allowed';
  return who === 'anonymous' ? 401 : 403;
}

async function counts() {
  const scenarios = await store.listScenarios();
  let versions = 0;
  for (const s of scenarios) versions += (await store.scenarioHistory(s.id)).length;
  return {
    datasets: (await store.listDatasets()).length,
    versions,
    runs: (await store.listRuns({ limit: 10_000 })).length,
    tokens: (await store.listTokens()).map((t) => `${t.id}:${t.revokedAt ?? ''}`),
  };
}

describe('authorization matrix', () => {
  it('every documented route has a declared role, and every declared role a route', () => {
    const doc = openApiDocument() as { paths: Record<string, object> };
    const described = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(new Set(ROUTE_ROLES.map((r) => `${r.method} ${r.path}`))).toEqual(new Set(described));
    expect(new Set(CALLS.map((c) => `${c.method} ${c.path}`))).toEqual(new Set(described));
  });

  it('callers without write rights are refused everywhere they should be, and change nothing', async () => {
    const before = await counts();
    const seen: string[] = [];
    for (const who of ['anonymous', 'public-read', 'viewer', 'revoked', 'malformed'] as Caller[]) {
      for (const c of CALLS) {
        const need = ROUTE_ROLES.find((r) => r.method === c.method && r.path === c.path)!.need;
        const want = expected(need, who);
        const got = await call(c, who);
        const label = `${who} ${c.method} ${c.path} -> ${got.status}`;
        seen.push(label);
        if (want === 'allowed') {
          expect([401, 403, 429], label).not.toContain(got.status);
        } else {
          expect(got.status, label).toBe(want);
          // An error and nothing else: no data leaks with a refusal.
          const body = JSON.parse(got.text) as Record<string, unknown>;
          expect(Object.keys(body), label).toEqual(['error']);
        }
      }
    }
    expect(seen).toHaveLength(5 * CALLS.length);
    // No write from any of them reached the store.
    expect(await counts()).toEqual(before);
    // Off this machine without a token, only the public routes answer.
    const open = CALLS.filter(
      (c) => ROUTE_ROLES.find((r) => r.method === c.method && r.path === c.path)!.need === 'public',
    ).map((c) => c.path);
    expect(open.sort()).toEqual(['/api/auth', '/api/health', '/api/openapi.json']);
  });

  it('analyst, admin and the local user reach every handler their role allows', async () => {
    for (const who of ['analyst', 'admin', 'local'] as Caller[]) {
      for (const c of CALLS) {
        const need = ROUTE_ROLES.find((r) => r.method === c.method && r.path === c.path)!.need;
        const want = expected(need, who);
        const got = await call(c, who);
        const label = `${who} ${c.method} ${c.path} -> ${got.status}: ${got.text.slice(0, 200)}`;
        if (want === 'allowed') {
          expect([401, 403, 429, 500, 503], label).not.toContain(got.status);
          // Reached the handler: a success, or the handler's own answer to the fixed input.
          if (c.path.startsWith('/api/jobs/')) expect([400, 404], label).toContain(got.status);
          else if (c.path === '/api/tokens/{id}' && who !== 'analyst')
            expect([200, 404], label).toContain(got.status);
          else expect(got.status, label).toBeLessThan(300);
        } else expect(got.status, label).toBe(want);
      }
    }
    // The admin revoked the victim token; the analyst could not.
    const victim = (await store.listTokens()).find((t) => t.id === victimTokenId)!;
    expect(victim.revokedAt).not.toBeNull();
  });

  it('a write from another site is refused even for the local user (CSRF)', async () => {
    const sim = CALLS.find((c) => c.path === '/api/simulate')!;
    const before = (await store.listRuns({ limit: 10_000 })).length;
    for (const headers of [
      { origin: 'http://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
    ]) {
      const got = await call(sim, 'local', headers);
      expect(got.status).toBe(403);
      expect(got.text).toContain('another site');
    }
    expect((await store.listRuns({ limit: 10_000 })).length).toBe(before);
    // The dashboard's own pages send their own origin: allowed.
    const own = await call(sim, 'local', { origin: 'http://localhost', host: 'localhost' });
    expect(own.status).toBe(201);
  });
});

describe('rate limits, CORS and headers', () => {
  it('a token gets its requests per minute, then 429 with Retry-After; time refills it', async () => {
    let now = 1_000_000;
    const limited = createApp({
      datasetPath: MINI,
      rankInWorker: false,
      store,
      access: { clientAddress: () => '198.51.100.9', ratePerMinute: 6, now: () => now },
    });
    try {
      const get = (path: string, who: 'viewer' | 'analyst') =>
        limited.request(path, { headers: { authorization: `Bearer ${secrets[who]}` } });
      const statuses = [];
      for (let k = 0; k < 7; k++) statuses.push((await get('/api/items', 'viewer')).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
      const refused = await get('/api/items', 'viewer');
      expect(refused.headers.get('retry-after')).toBe('10');
      expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
        /at most 6 per minute/,
      );
      // Another token has its own bucket.
      expect((await get('/api/items', 'analyst')).status).toBe(200);
      now += 10_000;
      expect((await get('/api/items', 'viewer')).status).toBe(200);
      expect((await get('/api/items', 'viewer')).status).toBe(429);
      // A computation drains the whole (small) bucket.
      now += 60_000;
      expect((await get('/api/rank?country=CHN&top=1', 'viewer')).status).toBe(200);
      expect((await get('/api/items', 'viewer')).status).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('CORS is closed by default and opens for one configured origin only', async () => {
    const pre = (a: ChokepointApp, origin: string) =>
      a.request('/api/items', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET' },
      });
    from = '127.0.0.1';
    const closed = await pre(app, 'https://team.example');
    expect(closed.headers.get('access-control-allow-origin')).toBeNull();
    const corsApp = createApp({
      datasetPath: MINI,
      rankInWorker: false,
      corsOrigin: 'https://team.example',
    });
    try {
      const ok = await pre(corsApp, 'https://team.example');
      expect(ok.headers.get('access-control-allow-origin')).toBe('https://team.example');
      const other = await pre(corsApp, 'https://evil.example');
      expect(other.headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
    } finally {
      await corsApp.close();
    }
  });

  it('every answer carries the security headers, refusals included', async () => {
    for (const who of ['local', 'anonymous'] as Caller[]) {
      const res = await call(CALLS[4]!, who);
      expect(res.status).toBe(who === 'local' ? 200 : 401);
    }
    from = '198.51.100.7';
    const res = await app.request('/api/items');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('a token body over 4 KiB is refused with 413', async () => {
    from = '127.0.0.1';
    const res = await app.request('/api/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(5000), role: 'viewer' }),
    });
    expect(res.status).toBe(413);
  });
});

describe('over real sockets', () => {
  it('bound to 0.0.0.0: loopback is the local user, another address needs a token', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !isLoopbackAddress(i.address));
    expect(external, 'this test needs a non-loopback IPv4 interface').toBeDefined();
    const srv = await startServer({ host: '0.0.0.0', port: 0, datasetPath: MINI, store });
    try {
      const port = new URL(srv.url).port;
      const get = (host: string, auth?: string) =>
        fetch(`http://${host}:${port}/api/items`, {
          headers: auth ? { authorization: `Bearer ${auth}` } : {},
        });
      expect((await get('127.0.0.1')).status).toBe(200);
      const anon = await get(external!.address);
      expect(anon.status).toBe(401);
      expect(await anon.json()).toEqual({ error: expect.any(Object) });
      expect((await get(external!.address, secrets.viewer)).status).toBe(200);
      const write = await fetch(`http://${external!.address}:${port}/api/simulate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secrets.viewer}`, 'content-type': 'application/yaml' },
        body: SCENARIO,
      });
      expect(write.status).toBe(403);
      // The dashboard's files hold no data: they load without a token, and then ask for one.
      expect((await fetch(`http://${external!.address}:${port}/api/health`)).status).toBe(200);
    } finally {
      await srv.close();
    }
  });
});
