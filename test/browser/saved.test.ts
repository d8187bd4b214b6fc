/**
 * Saved work in Chromium over the bundled dataset and a real SQLite store: the scenario
 * builder saves a scenario and records a run, the Saved page lists them, and two runs compared
 * on the page show the figures of `GET /api/runs/compare`. Screenshots: saved.png.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/serve.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { cleanupTemp, tempDir } from '../support.js';
import type { Session } from './build.js';
import { openSession } from './build.js';
import { usd } from '../../web/src/format.js';

let session: Session;
let server: RunningServer;
let page: Page;
let problems: string[];
let store: SqliteStore;

beforeAll(async () => {
  store = SqliteStore.open(join(tempDir('chokepoint-saved-store-'), 'store.db'));
  session = await openSession(tempDir('chokepoint-chromium-'), { store });
  ({ server, page, problems } = session);
}, 120_000);

afterAll(async () => {
  await session?.close();
  await store?.close();
  cleanupTemp();
});

describe('Saved page in Chromium', { timeout: 90_000 }, () => {
  it('the builder saves a scenario and two recorded runs; the page lists and compares them', async () => {
    // Run two library scenarios from the builder with "Record the run" ticked.
    const ids: string[] = [];
    for (const lib of ['japan-korea-2019', 'us-nl-jp-controls-2023']) {
      await page.goto(`${server.url}#/scenario?lib=${lib}`);
      await page.getByRole('button', { name: /^Run for / }).waitFor();
      await page.locator('[data-testid="record-run"]').check();
      await page.getByRole('button', { name: /^Run for / }).click();
      const note = page.locator('[data-testid="save-note"]');
      await note.waitFor({ timeout: 30_000 }).catch(async (e: unknown) => {
        await session.shot('saved-failed');
        throw new Error(`${String(e)}; page problems: ${problems.join('; ')}`);
      });
      const m = /Run saved as (r\d{14}-[0-9a-f]{8})/.exec((await note.textContent()) ?? '');
      expect(m).not.toBeNull();
      ids.push(m![1]!);
    }
    // The recorded run saved its scenario as version 1: saving it again adds no version.
    await page.locator('[data-testid="save-store"]').click();
    await page
      .locator('[data-testid="save-note"]', {
        hasText: /Unchanged: us-nl-jp-controls-2023 version 1 already holds this scenario/,
      })
      .waitFor();
    const runs = await store.listRuns();
    expect(runs.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect((await store.listScenarios()).map((s) => s.id)).toContain('us-nl-jp-controls-2023');

    await page.locator('nav a', { hasText: 'Saved' }).click();
    const runTable = page.locator('[data-testid="saved-runs"]');
    await runTable.waitFor();
    expect(await runTable.locator('tbody tr').count()).toBe(2);
    expect(await page.locator('[data-testid="saved-scenarios"]').textContent()).toContain(
      'us-nl-jp-controls-2023',
    );
    expect(await page.locator('[data-testid="who"]').textContent()).toContain('admin');

    // Compare: A is the older run (japan-korea), B the newer.
    await page.getByLabel(`Pick run ${ids[0]}`).check();
    await page.getByLabel(`Pick run ${ids[1]}`).check();
    await page.locator('[data-testid="compare"]').click();
    const cmp = page.locator('[data-testid="comparison"]');
    await cmp.waitFor();
    const api = (await (
      await fetch(`${server.url}api/runs/compare?a=${ids[0]}&b=${ids[1]}`)
    ).json()) as { figures: { metric: string; a: number; b: number }[] };
    const v = api.figures.find((f) => f.metric === 'valueAtRisk')!;
    const row = cmp.locator('tr', { hasText: 'Production value at risk' }).first();
    const cells = await row.locator('td').allTextContents();
    // The page shows the API's numbers, formatted as the dashboard formats money (the same
    // function: rounding the page's text again would fail at half-way values such as 45.5B).
    expect(cells[1]).toBe(usd(v.a));
    expect(cells[2]).toBe(usd(v.b));
    await session.shot('saved');
    expect(problems).toEqual([]);
  });

  it('a saved scenario opens in the builder from the Saved page', async () => {
    await page.goto(`${server.url}#/saved`);
    await page
      .locator('[data-testid="saved-scenarios"] tr', { hasText: 'us-nl-jp-controls-2023' })
      .getByRole('link', { name: 'Open in the builder' })
      .click();
    await page.getByRole('button', { name: /^Run for / }).waitFor();
    expect(page.url()).toContain('saved=us-nl-jp-controls-2023%401');
    // The YAML view holds the stored scenario.
    await page.getByRole('button', { name: 'YAML', exact: true }).click();
    expect(await page.locator('textarea').inputValue()).toContain('id: us-nl-jp-controls-2023');
    expect(problems).toEqual([]);
  });
});
