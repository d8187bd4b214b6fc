/**
 * The dashboard in a real browser (Debian Chromium driven by playwright-core), over the bundled
 * dataset: overview, an item, a library scenario run in the builder. The numbers on the page
 * must equal the API's (and the CLI's, for the scenario); no console errors; a screenshot of
 * each page is written to test/browser/screenshots/. Without Chromium the test fails, it never
 * skips.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/serve.js';
import { hhiLabel, pct } from '../../web/src/format.js';
import { cli } from '../cli-run.js';
import { BUNDLED, cleanupTemp, tempDir } from '../support.js';
import type { Session } from './build.js';
import { openSession } from './build.js';

const SCENARIO = 'china-gallium-germanium-2023';

/** Newest modification time of the dashboard's sources. */

let session: Session;
let server: RunningServer;
let page: Page;
let problems: string[];

async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(new URL(path, server.url), init);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

const shot = (name: string) => session.shot(name);

beforeAll(async () => {
  session = await openSession(tempDir('chokepoint-chromium-'));
  ({ server, page, problems } = session);
}, 120_000);

afterAll(async () => {
  await session?.close();
  cleanupTemp();
});

describe('dashboard in Chromium', { timeout: 120_000 }, () => {
  it('overview shows the API area shares, then links to an item with the API HHI', async () => {
    await page.goto(`${server.url}#/overview?p=CHN`);
    const overview = await api<{ areas: { id: string; share: number | null }[] }>(
      'api/overview?country=CHN&top=3',
    );
    for (const a of overview.areas) {
      const cell = page.locator(`[data-area="${a.id}"] [data-testid="area-share"]`);
      await expect.poll(() => cell.textContent()).toBe(a.share === null ? 'unknown' : pct(a.share));
    }
    await page.locator('[data-testid="rank-table"]').waitFor({ timeout: 90_000 });
    await shot('overview');

    const link = page.locator('[data-area="ic"] .chokes a').first();
    const itemHref = await link.getAttribute('href');
    const id = decodeURIComponent(/#\/item\/([^?]+)/.exec(itemHref ?? '')![1]!);
    await link.click();
    const detail = await api<{
      concentration: { hhi: number | null; countriesTo75: number | null };
    }>(`api/items/${id}`);
    await expect
      .poll(() => page.locator('[data-testid="item-hhi"]').textContent())
      .toBe(hhiLabel(detail.concentration.hhi));
    expect(await page.locator('[data-testid="item-to75"]').textContent()).toBe(
      String(detail.concentration.countriesTo75 ?? '–'),
    );
    await page.locator('.map svg path').first().waitFor();
    await shot('item');
  });

  it('shows the country shares an organization-only item runs on, with where they come from', async () => {
    await page.goto(`${server.url}#/item/linear-guides?p=CHN`);
    const detail = await api<{
      countryShares: unknown[];
      modelShares: { origin: string; shares: { country: string; share: number }[] };
    }>('api/items/linear-guides');
    expect(detail.countryShares).toEqual([]);
    expect(detail.modelShares.origin).toBe('organizations');
    const note = page.locator('[data-testid="item-model-shares"]');
    await expect.poll(() => note.textContent()).toContain("organizations' headquarters");
    const bars = page.locator('section[aria-labelledby="by-country"]');
    for (const x of detail.modelShares.shares) {
      await expect.poll(() => bars.textContent()).toContain(`(${x.country})`);
      expect(await bars.textContent()).toContain(pct(x.share));
    }
    await shot('item-organizations');
  });

  it('shows a category made up of its variants with the mixed shares the model runs on', async () => {
    await page.goto(`${server.url}#/item/cmp-materials?p=CHN`);
    const detail = await api<{
      countryShares: { share: number | null }[];
      requires: unknown[];
      modelShares: { origin: string; shares: { country: string; share: number }[] };
    }>('api/items/cmp-materials');
    expect(detail.countryShares.every((r) => r.share === null)).toBe(true);
    expect(detail.modelShares.origin).toBe('variants');
    expect(detail.modelShares.shares.length).toBeGreaterThan(0);
    const note = page.locator('[data-testid="item-model-shares"]');
    await expect.poll(() => note.textContent()).toContain('made up of its variants');
    const rest = 1 - detail.modelShares.shares.reduce((t, x) => t + x.share, 0);
    expect(await page.locator('[data-testid="item-unattributed"]').textContent()).toContain(
      pct(rest),
    );
    // ... and links to its variants.
    const types = page.locator('[data-testid="item-variants"] a');
    expect(await types.count()).toBe(2);
    expect(await types.first().getAttribute('href')).toContain('#/item/cmp-slurries');
    const bars = page.locator('section[aria-labelledby="by-country"]');
    for (const x of detail.modelShares.shares) {
      await expect.poll(() => bars.textContent()).toContain(`(${x.country})`);
      expect(await bars.textContent()).toContain(pct(x.share));
    }
    // machine-tools keeps its published rows in the bars, and its own requirements are
    // marked as unused by the model.
    await page.goto(`${server.url}#/item/machine-tools?p=CHN`);
    const mt = await api<{ requires: unknown[]; modelShares: { origin: string } }>(
      'api/items/machine-tools',
    );
    expect(mt.modelShares.origin).toBe('variants');
    expect(mt.requires.length).toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('[data-testid="item-requires-unused"]').textContent())
      .toContain('Not used by the model');
    await shot('item-variants');
  });

  it('runs a library scenario in the builder: capability equals the API and the CLI', async () => {
    await page.locator('nav a', { hasText: 'Scenario builder' }).click();
    await page.getByLabel('Library scenario').selectOption(SCENARIO);
    await page.locator('.shock-box').first().waitFor();
    await page.locator('button.primary', { hasText: 'Run for USA' }).click();
    const ci = page.locator('[data-testid="capability-index"]');
    await ci.waitFor();
    const entry = await api<{ scenario: unknown }>(`api/scenarios/${SCENARIO}`);
    const report = await api<{
      capabilityIndex: number;
      byArea: { area: string; capabilityIndex: number }[];
    }>('api/simulate?country=USA', {
      method: 'POST',
      body: JSON.stringify(entry.scenario),
      headers: { 'content-type': 'application/json' },
    });
    const fromCli = JSON.parse(
      (await cli(['simulate', SCENARIO, '--dataset', BUNDLED, '--format', 'json'])).stdout,
    ) as { capabilityIndex: number };
    expect(fromCli.capabilityIndex).toBe(report.capabilityIndex);
    expect(await ci.textContent()).toBe(pct(report.capabilityIndex, 2));
    expect(report.capabilityIndex).toBeLessThan(1);
    for (const a of report.byArea) {
      const row = page.locator(`tr[data-area="${a.area}"] td.num`).first();
      expect(await row.textContent(), a.area).toBe(pct(a.capabilityIndex, 2));
    }
    expect(page.url()).toContain(`lib=${SCENARIO}`);
    await shot('scenario');
  });

  it('graph and data pages render the dataset', async () => {
    await page.goto(`${server.url}#/graph/ic?p=CHN&c=foreign`);
    const graph = await api<{ nodes: unknown[] }>('api/graph?area=ic&country=CHN');
    await expect.poll(() => page.locator('.graph-wrap svg a').count()).toBe(graph.nodes.length);
    await shot('graph');
    await page.goto(`${server.url}#/data`);
    const summary = await api<{ validation: { errors: number; warnings: number } }>(
      'api/datasets/current',
    );
    await expect
      .poll(() => page.locator('[data-testid="validation-summary"]').textContent())
      .toContain(`${summary.validation.errors} errors, ${summary.validation.warnings} warnings`);
    await shot('data');
  });

  it('logged no console errors', () => {
    expect(problems).toEqual([]);
  });
});
