import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from '../../test/support.js';
import { createApp } from './app.js';

const app = createApp({ datasetPath: `${REPO}/test/fixtures/brief/dataset`, rankInWorker: false });
afterAll(() => app.close());

describe('GET /api/names', () => {
  it('gives English and Chinese names of items and countries', async () => {
    const res = await app.request('/api/names');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      items: Record<string, { name: string; nameZh: string | null }>;
      countries: Record<string, { name: string; nameZh: string | null }>;
    };
    expect(body.items.litho).toEqual({ name: 'Lithography tools', nameZh: '光刻机' });
    expect(body.countries.TWN).toEqual({ name: 'Taiwan', nameZh: '中国台湾' });
  });
});

describe('GET and POST /api/brief', () => {
  it('answers a self-contained HTML brief to download, in the language asked', async () => {
    const res = await app.request('/api/brief?country=CHN&area=ic&lang=zh-CN');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="brief-CHN-zh-CN.html"',
    );
    const html = await res.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('范围：集成电路');
    expect(html).toContain('chokepoint brief --country CHN --area ic --lang zh-CN');
  });

  it('runs a scenario sent in the body', async () => {
    const res = await app.request('/api/brief?country=CHN', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'nl-litho',
        name: 'Dutch lithography ban',
        shocks: [
          {
            restrict: { from: ['NLD'], to: ['CHN'], items: ['litho'], includeVariants: true },
          },
        ],
      }),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(
      'Under “Dutch lithography ban”, China&#39;s capability index falls to 60.0%',
    );
  });

  it('points at a bad parameter', async () => {
    const bad = async (q: string) => {
      const res = await app.request(`/api/brief?${q}`);
      return [res.status, ((await res.json()) as { error: { pointer: string } }).error.pointer];
    };
    expect(await bad('lang=fr')).toEqual([400, 'query.lang']);
    expect(await bad('country=XXX')).toEqual([400, 'query.country']);
    expect(await bad('scenario=nope')).toEqual([400, 'query.scenario']);
    expect(await bad('colour=red')).toEqual([400, 'query.colour']);
  });
});
