/**
 * Paths in requests cannot escape their folders: the dashboard's files, library scenarios and
 * bundled risk models are looked up by name, and `..` in any spelling finds nothing outside.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MINI, REPO } from '../../test/support.js';
import { createApp } from './app.js';

const app = createApp({
  datasetPath: MINI,
  rankInWorker: false,
  dashboardDir: join(REPO, 'web/dist'),
});
afterAll(() => app.close());

const SECRET = readFileSync(join(REPO, 'package.json'), 'utf8').slice(0, 40);

describe('path traversal', () => {
  it('the dashboard never serves a file outside web/dist', async () => {
    for (const p of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/%2e%2e%2fpackage.json',
      '/..%2fpackage.json',
      '/assets/..%2f..%2f..%2fpackage.json',
      '/assets/%2e%2e/%2e%2e/%2e%2e/package.json',
      '/..%5c..%5cpackage.json',
      '/%252e%252e/package.json',
    ]) {
      const res = await app.request(p);
      const text = await res.text();
      expect(text, p).not.toContain(SECRET);
      expect(text, p).not.toContain('"devDependencies"');
    }
  });

  it('library scenarios and bundled risk models are found by id only', async () => {
    const sc = await app.request('/api/scenarios/..%2f..%2f..%2fpackage');
    expect(sc.status).toBe(404);
    for (const risk of ['../../../package', '/etc/passwd', 'chn-2025/../../x', '..\\..\\x']) {
      const res = await app.request('/api/jobs/risk', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ risk }),
      });
      expect(res.status, risk).toBe(404);
      expect(await res.text()).toContain('no bundled risk model');
    }
  });
});
