import { afterAll, describe, expect, it } from 'vitest';
import { MINI } from '../../test/support.js';
import { createApp } from './app.js';

const app = createApp({ datasetPath: MINI, rankInWorker: false });
afterAll(() => app.close());

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document describing every route the app serves', async () => {
    const res = await app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, object> };
    expect(doc.openapi).toBe('3.1.0');
    const served = app.routes
      .filter((r) => r.path.startsWith('/api/') && r.path !== '/api/*' && r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    const described = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(new Set(served)).toEqual(new Set(described));
    expect(served.length).toBeGreaterThanOrEqual(13);
  });

  it('declares the error responses with the shared Error schema', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const sim = doc.paths['/api/simulate']!.post!.responses;
    expect(Object.keys(sim)).toEqual(expect.arrayContaining(['200', '400', '413', '422']));
  });
});
