/**
 * The Risk & plan page in Chromium over the bundled dataset: runs the bundled risk model as a
 * job (progress, then the result), and the result on the page equals the job's JSON. A
 * screenshot goes to test/browser/screenshots/riskplan.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/serve.js';
import { cleanupTemp, tempDir } from '../support.js';
import type { Session } from './build.js';
import { openSession } from './build.js';

let session: Session;
let server: RunningServer;
let page: Page;
let problems: string[];

const shot = (name: string) => session.shot(name);

beforeAll(async () => {
  session = await openSession(tempDir('chokepoint-chromium-'));
  ({ server, page, problems } = session);
}, 120_000);

afterAll(async () => {
  await session?.close();
  cleanupTemp();
});

describe('Risk & plan page in Chromium', { timeout: 60_000 }, () => {
  it('runs the bundled risk model as a job and shows its distribution and contributions', async () => {
    await page.goto(`${server.url}#/overview?p=CHN`);
    await page.locator('nav a', { hasText: 'Risk & plan' }).click();
    await page.getByRole('button', { name: 'Run the risk model' }).click();
    const summary = page.locator('[data-testid="risk-summary"]');
    await summary.waitFor({ timeout: 30_000 }).catch(async (e: unknown) => {
      await shot('riskplan-failed');
      throw e;
    });
    expect(await summary.textContent()).toMatch(/^1,?000 runs, \d+ distinct scenarios/);
    await page.getByRole('img', { name: 'Value at risk across runs' }).waitFor();
    expect(
      await page
        .getByRole('table', { name: /Contribution of each event/ })
        .locator('tr')
        .count(),
    ).toBeGreaterThan(0);
    await shot('riskplan');
    expect(problems).toEqual([]);
  });
});
