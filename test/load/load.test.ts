/**
 * A short load test on loopback: the real server (`chokepoint serve` in a child process) under
 * autocannon for a few seconds of reads and of simulations. Every request must succeed with a
 * 2xx and a body of the expected shape: no connection errors, no timeouts, no other status.
 * Speed is not asserted here (bench/load.ts measures it beside a peer, docs/reliability.md).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhaseFigures } from './cannon.js';
import { cannon, figures } from './cannon.js';
import type { ServerProcess } from './server-process.js';
import { REPO_ROOT, startServerProcess } from './server-process.js';
import { cleanupTemp, tempDir } from '../support.js';

const SCENARIO = readFileSync(join(REPO_ROOT, 'data/scenarios/japan-korea-2019.yaml'), 'utf8');

let server: ServerProcess | undefined;

beforeAll(async () => {
  // A store of its own, so the server never touches the user's default one.
  server = await startServerProcess({ db: join(tempDir('chokepoint-load-'), 'store.db') });
}, 90_000);

afterAll(async () => {
  await server?.stop();
  cleanupTemp();
});

function url(): string {
  if (!server) throw new Error('the server did not start (see the beforeAll error)');
  return server.url;
}

/** Parses as JSON and passes `check`. */
const json = (check: (v: unknown) => boolean) => (body: string) => {
  try {
    return check(JSON.parse(body));
  } catch {
    return false;
  }
};

function expectClean(f: PhaseFigures): void {
  expect(f.requests).toBeGreaterThan(0);
  expect({
    errors: f.errors,
    timeouts: f.timeouts,
    non2xx: f.non2xx,
    mismatches: f.mismatches,
  }).toEqual({ errors: 0, timeouts: 0, non2xx: 0, mismatches: 0 });
  expect(Object.keys(f.statusCodes)).toEqual([expect.stringMatching(/^2\d\d$/)]);
}

describe('load on loopback (autocannon, a few seconds)', () => {
  it('reads: items, overview, one item, concentration -> all 200 with JSON bodies', async () => {
    const items = (await (await fetch(`${url()}/api/items`)).json()) as { id: string }[];
    const item = items[0]?.id;
    expect(item).toBeTypeOf('string');
    const result = await cannon({
      url: url(),
      duration: 3,
      connections: 8,
      requests: [
        { path: '/api/items' },
        { path: '/api/overview' },
        { path: `/api/items/${item}` },
        { path: '/api/concentration' },
      ],
      // Arrays (items, concentration) or objects (overview, one item) with content.
      verifyBody: json((v) => (Array.isArray(v) ? v.length > 0 : typeof v === 'object' && !!v)),
    });
    const f = figures('reads', result);
    expectClean(f);
    expect(f.statusCodes['200']).toBe(f.requests);
  });

  it('simulations: POST /api/simulate with a library scenario -> all 200 with reports', async () => {
    const result = await cannon({
      url: url(),
      duration: 3,
      connections: 2,
      requests: [
        {
          method: 'POST',
          path: '/api/simulate',
          headers: { 'content-type': 'application/yaml' },
          body: SCENARIO,
        },
      ],
      verifyBody: json((v) => {
        const r = v as { scenario?: unknown; valueAtRisk?: unknown; losses?: unknown };
        return typeof r.valueAtRisk === 'number' && Array.isArray(r.losses);
      }),
    });
    const f = figures('simulate', result);
    expectClean(f);
    expect(f.statusCodes['200']).toBe(f.requests);
  });
});
