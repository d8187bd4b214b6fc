/**
 * The API answers the same questions as the CLI with equal JSON (issue 5's acceptance): each
 * question is asked of both, over the bundled dataset, and the parsed answers compared.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../../test/cli-run.js';
import { BUNDLED } from '../../test/support.js';
import { createApp } from './app.js';

const app = createApp({ datasetPath: BUNDLED });
afterAll(() => app.close());

async function both(args: string[], url: string, init?: RequestInit) {
  const r = await cli([...args, '--dataset', BUNDLED, '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  const res = await app.request(url, init);
  expect(res.status, url).toBe(200);
  return { cli: JSON.parse(r.stdout) as unknown, api: (await res.json()) as unknown };
}

describe('API JSON equals CLI JSON', () => {
  const cases: [string, string[], string][] = [
    ['items', ['items'], '/api/items'],
    ['items of an area', ['items', '--area', 'materials'], '/api/items?area=materials'],
    ['concentration', ['concentration'], '/api/concentration'],
    [
      'concentration by org',
      ['concentration', '--by', 'org', '--area', 'ic'],
      '/api/concentration?by=org&area=ic',
    ],
    ['exposure', ['exposure', '--country', 'CHN'], '/api/exposure?country=CHN'],
    [
      'exposure with blocs',
      ['exposure', '--country', 'USA', '--bloc', 'G7'],
      '/api/exposure?country=USA&bloc=G7',
    ],
    ['item detail', ['show', 'lithography-tools'], '/api/items/lithography-tools'],
    ['overview', ['overview', '--country', 'USA', '--top', '3'], '/api/overview?country=USA&top=3'],
    ['rank', ['rank', '--country', 'CHN', '--top', '10'], '/api/rank?country=CHN&top=10'],
  ];
  for (const [name, args, url] of cases) {
    it(name, async () => {
      const r = await both(args, url);
      expect(r.api).toEqual(r.cli);
    });
  }

  it('simulate: a library scenario as YAML text and as the library entry', async () => {
    const id = 'china-gallium-germanium-2023';
    const yaml = readFileSync(join(BUNDLED, 'scenarios', `${id}.yaml`), 'utf8');
    const post = (body: unknown): RequestInit => ({
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
    const r = await both(['simulate', id], '/api/simulate', post({ yaml }));
    expect(r.api).toEqual(r.cli);
    expect((r.api as { losses: unknown[] }).losses.length).toBeGreaterThan(0);
    const entry = (await (await app.request(`/api/scenarios/${id}`)).json()) as {
      scenario: unknown;
    };
    const fromObject = await app.request('/api/simulate', post(entry.scenario));
    expect(await fromObject.json()).toEqual(r.cli);
  });

  it('simulate with a perspective and reallocation given in the query', async () => {
    const id = 'taiwan-strait-disruption';
    const yaml = readFileSync(join(BUNDLED, 'scenarios', `${id}.yaml`), 'utf8');
    const r = await both(
      ['simulate', id, '--country', 'EU27', '--reallocation', 'fixed'],
      '/api/simulate?country=EU27&reallocation=fixed',
      { method: 'POST', body: yaml, headers: { 'content-type': 'application/yaml' } },
    );
    expect(r.api).toEqual(r.cli);
  });
});
