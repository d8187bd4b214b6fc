/**
 * Hostile text in Chromium: a dataset whose item names, descriptions, sources and library
 * scenario carry HTML and script is shown as text on every page that displays it; nothing
 * runs (no dialog, no global set by an injected handler, no console error from a blocked one).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/serve.js';
import { cleanupTemp, miniWith, tempDir } from '../support.js';
import type { Session } from './build.js';
import { openSession } from './build.js';

const IMG = '<img src=x onerror=window.__pwned=1>';
const SCRIPT = '<script>window.__pwned=2</script>';

let session: Session;
let server: RunningServer;
let page: Page;
const dialogs: string[] = [];

beforeAll(async () => {
  const ds = miniWith({
    'items.csv': (t) =>
      t
        .replace('euv,EUV lithography tools,', `euv,EUV ${IMG} tools,`)
        .replace('Category of exposure tools', `Exposure tools ${SCRIPT}`),
    'sources.csv': (t) =>
      t.replace('Hand-made fixture for tests (not real data)', `Fixture ${SCRIPT} ${IMG}`),
    'scenarios/nl-duv.yaml': (t) =>
      t.replace(
        'name: Netherlands restricts DUV and EUV tools to China',
        `name: "NL ${IMG}"\ndescription: "${SCRIPT}"`,
      ),
  });
  session = await openSession(tempDir('chokepoint-chromium-'), { datasetPath: ds });
  ({ server, page } = session);
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
}, 120_000);

afterAll(async () => {
  await session?.close();
  cleanupTemp();
});

const pwned = () => page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned);

describe('hostile dataset text in the dashboard', { timeout: 60_000 }, () => {
  it('item, data and scenario pages show the markup as text and run none of it', async () => {
    await page.goto(`${server.url}#/item/euv?p=CHN`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(IMG);
    await page.goto(`${server.url}#/data`);
    await page.getByText(`Fixture ${SCRIPT}`, { exact: false }).first().waitFor();
    await page.goto(`${server.url}#/scenario?lib=nl-duv`);
    await page.getByText(SCRIPT).first().waitFor();
    expect(await page.locator('select option', { hasText: IMG }).count()).toBe(1);
    await page.goto(`${server.url}#/graph/ic?p=CHN`);
    await page.locator('svg').first().waitFor();
    await page.goto(`${server.url}#/overview?p=CHN`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    // Give an injected onerror handler time to fire, had any markup been parsed.
    await page.waitForTimeout(500);
    expect(await pwned()).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await session.shot('hostile');
    expect(session.problems).toEqual([]);
  });
});
