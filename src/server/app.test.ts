import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MINI } from '../../test/support.js';
import { createApp } from './app.js';
import type { ErrorBody } from './errors.js';
import { errorResponse } from './errors.js';

const app = createApp({ datasetPath: MINI, log: () => {} });
afterAll(() => app.close());

async function get(url: string): Promise<{ status: number; body: unknown; res: Response }> {
  const res = await app.request(url);
  return { status: res.status, body: await res.json(), res };
}

async function post(
  body: string,
  url = '/api/simulate',
  type = 'application/json',
): Promise<{ status: number; body: unknown }> {
  const res = await app.request(url, {
    method: 'POST',
    body,
    headers: { 'content-type': type },
  });
  return { status: res.status, body: await res.json() };
}

const error = (b: unknown) => (b as ErrorBody).error;

describe('GET endpoints over the mini fixture', () => {
  it('a repeated question gets the same bytes from the answer cache; errors are not kept', async () => {
    const fetchText = async (path: string) => {
      const r = await app.request(path);
      return { status: r.status, type: r.headers.get('content-type'), text: await r.text() };
    };
    const first = await fetchText('/api/overview?country=CHN&top=3');
    const again = await fetchText('/api/overview?country=CHN&top=3');
    expect(first.status).toBe(200);
    expect(again).toEqual(first);
    // Another query is another answer.
    const other = await fetchText('/api/overview?country=USA&top=3');
    expect(other.text).not.toBe(first.text);
    // A 404 stays a 404 with its hint, also the second time.
    for (let k = 0; k < 2; k++) {
      const missing = await fetchText('/api/items/nosuch');
      expect(missing.status).toBe(404);
      expect(missing.text).toContain('unknown item');
    }
  });

  it('health answers ok with the dataset name and security headers, no CORS', async () => {
    const { status, body, res } = await get('/api/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok' });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('content-type')).toContain('application/json');
  });

  it('datasets/current summarizes counts, coverage by area and validation', async () => {
    const { body } = await get('/api/datasets/current');
    const s = body as {
      counts: { items: number };
      areas: { id: string; items: number }[];
      validation: { errors: number; warnings: number };
      countries: unknown[];
      sources: unknown[];
    };
    expect(s.counts.items).toBe(6);
    expect(s.areas.map((a) => a.id).sort()).toEqual(['ic', 'materials', 'seeds']);
    expect(s.areas.find((a) => a.id === 'ic')!.items).toBe(4);
    expect(s.validation.errors).toBe(0);
    expect(s.countries.length).toBeGreaterThan(0);
  });

  it('items lists every item, or one area with ?area=', async () => {
    expect(((await get('/api/items')).body as unknown[]).length).toBe(6);
    const ic = (await get('/api/items?area=materials')).body as { id: string }[];
    expect(ic.map((i) => i.id)).toEqual(['resist']);
  });

  it('items/:id gives shares, requirements both ways and sources', async () => {
    const { status, body } = await get('/api/items/litho');
    expect(status).toBe(200);
    expect(body).toMatchObject({ item: 'litho', variants: ['euv', 'duv'] });
    const chip = (await get('/api/items/chip')).body as { requires: { item: string }[] };
    expect(chip.requires.map((r) => r.item)).toContain('euv');
  });

  it('concentration sorts by HHI and takes by=org', async () => {
    const rows = (await get('/api/concentration')).body as { hhi: number | null }[];
    const hhis = rows.map((r) => r.hhi ?? -1);
    expect([...hhis].sort((a, b) => b - a)).toEqual(hhis);
    expect((await get('/api/concentration?by=org')).status).toBe(200);
  });

  it('exposure needs a country and takes blocs', async () => {
    const { body } = await get('/api/exposure?country=CHN&bloc=US%2Ballies');
    const rows = body as { controlledBy: Record<string, number> }[];
    expect(Object.keys(rows[0]!.controlledBy)).toEqual(['US+allies']);
  });

  it('overview gives areas with shares for a perspective', async () => {
    const { body } = await get('/api/overview?country=CHN&top=2');
    expect(body).toMatchObject({ perspective: 'CHN', dataset: { name: expect.any(String) } });
  });

  it('graph gives an area with its external inputs and edges', async () => {
    const { body } = await get('/api/graph?area=ic&country=CHN');
    const g = body as { nodes: { item: string; external: boolean }[]; edges: { from: string }[] };
    expect(g.nodes.find((n) => n.item === 'resist')?.external).toBe(true);
    expect(g.edges.length).toBeGreaterThan(0);
  });

  it('scenarios lists the library with parsed content; one by id', async () => {
    const list = (await get('/api/scenarios')).body as { id: string; valid: boolean }[];
    expect(list.find((s) => s.id === 'nl-duv')).toMatchObject({ valid: true });
    const one = await get('/api/scenarios/nl-duv');
    expect(one.body).toMatchObject({ id: 'nl-duv', scenario: { perspective: 'CHN' } });
    expect(error((await get('/api/scenarios/nl-duvv')).body).suggestions).toContain('nl-duv');
  });

  it('rank runs in a worker and answers the documented rows', async () => {
    const { status, body } = await get('/api/rank?country=CHN&top=3');
    expect(status).toBe(200);
    const rows = body as { item: string; restrictor: string; valueAtRisk: number }[];
    expect(rows.length).toBeLessThanOrEqual(3);
    expect(rows[0]).toHaveProperty('fullDecouplingValueAtRisk');
  });
});

describe('POST /api/simulate', () => {
  const scenario = {
    id: 'test',
    shocks: [{ restrict: { from: ['NLD'], to: ['CHN'], items: ['litho'], severity: 1 } }],
  };

  it('runs a scenario object and a YAML body alike', async () => {
    const a = await post(JSON.stringify(scenario), '/api/simulate?country=CHN');
    expect(a.status).toBe(200);
    const yaml = readFileSync(join(MINI, 'scenarios/nl-duv.yaml'), 'utf8');
    const b = await post(JSON.stringify({ yaml }));
    expect(b.body).toMatchObject({ scenario: 'nl-duv', perspective: 'CHN' });
    const c = await post(yaml, '/api/simulate', 'application/yaml');
    expect(c.body).toEqual(b.body);
  });
});

describe('bad requests get 4xx JSON errors with a pointer', () => {
  it('unknown item: 404 with the closest names', async () => {
    const { status, body } = await get('/api/items/lito');
    expect(status).toBe(404);
    expect(error(body)).toMatchObject({ pointer: 'path.id', suggestions: ['litho'] });
    expect(error(body).hint).toContain('litho');
  });

  it('unknown country, area or parameter: 400 pointing at it', async () => {
    expect(error((await get('/api/exposure?country=XXZ')).body).pointer).toBe('query.country');
    expect(error((await get('/api/items?area=icc')).body).pointer).toBe('query.area');
    expect(error((await get('/api/items?aera=ic')).body)).toMatchObject({
      pointer: 'query.aera',
      hint: 'did you mean "area"?',
    });
    expect((await get('/api/exposure')).status).toBe(400);
  });

  it('wrong types: 400', async () => {
    for (const url of [
      '/api/overview?top=abc',
      '/api/overview?top=0',
      '/api/rank?country=CHN&top=1.5',
      '/api/concentration?by=region',
      '/api/overview?country=CHN&country=USA',
    ]) {
      const { status, body } = await get(url);
      expect(status, url).toBe(400);
      expect(error(body).pointer, url).toMatch(/^query\./);
    }
    expect((await post('[1, 2]')).status).toBe(400);
    expect((await post('"text"')).status).toBe(400);
    expect((await post('{"yaml": 3}')).status).toBe(400);
    expect((await post('{not json')).status).toBe(400);
    expect((await post('shocks: []', '/api/simulate', 'text/plain')).status).toBe(415);
  });

  it('malformed scenario: 422 with the path of every problem', async () => {
    const bad = {
      shocks: [{ restrict: { from: ['NLD', 'XXX'], to: ['CHN'], items: ['lito'], severity: 2 } }],
    };
    const shape = await post(JSON.stringify(bad));
    expect(shape.status).toBe(422);
    expect(error(shape.body).pointer).toBe('body.shocks[0].restrict.severity');
    bad.shocks[0]!.restrict.severity = 1;
    const names = await post(JSON.stringify(bad));
    expect(names.status).toBe(422);
    expect(error(names.body).problems!.map((p) => p.pointer)).toEqual([
      'body.shocks[0].restrict.items[0]',
      'body.shocks[0].restrict.from[1]',
    ]);
    const yaml = await post(JSON.stringify({ yaml: 'shocks:\n  - restirct: {}\n' }));
    expect(yaml.status).toBe(422);
    expect(error(yaml.body)).toMatchObject({
      pointer: 'body.yaml.shocks[0]',
      hint: 'did you mean "restrict"?',
    });
    const syntax = await post(JSON.stringify({ yaml: 'shocks: [' }));
    expect(syntax.status).toBe(422);
    expect(error(syntax.body).pointer).toBe('body.yaml');
  });

  it('a 10 MB body: 413, and the server keeps answering', async () => {
    const big = JSON.stringify({ yaml: 'x'.repeat(10 * 1024 * 1024) });
    const r = await post(big);
    expect(r.status).toBe(413);
    expect(error(r.body).pointer).toBe('body');
    expect((await get('/api/health')).status).toBe(200);
  });

  it('unknown endpoint: 404; wrong method: 405', async () => {
    expect((await get('/api/nothing')).status).toBe(404);
    const r = await app.request('/api/items', { method: 'DELETE' });
    expect(r.status).toBe(405);
    expect(error(await r.json()).hint).toBe('use GET');
  });

  it('an unexpected error is a JSON 500 that is logged, not a crash', async () => {
    const logged: unknown[] = [];
    const res = errorResponse(new Error('boom'), (e) => logged.push(e));
    expect(res.status).toBe(500);
    expect(error(await res.json()).message).toContain('internal error');
    expect(logged).toHaveLength(1);
  });
});
