/**
 * The dashboard in English and Chinese, in Debian Chromium (playwright-core): the browser's
 * language picks the default, the EN/中文 switch changes it, the URL keeps it over a reload,
 * item and country names come from the dataset's `name_zh`, and "Download brief" saves a brief
 * in the page's language. Screenshots of each language go to test/browser/screenshots/. No
 * console errors. Without Chromium the test fails, it never skips.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/serve.js';
import { startServer } from '../../src/server/serve.js';
import { BUNDLED, REPO, cleanupTemp, tempDir } from '../support.js';
import { ensureBuilt } from './build.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(REPO, 'test/browser/screenshots');

let server: RunningServer;
const contexts: BrowserContext[] = [];
const problems: string[] = [];

async function open(locale: string): Promise<Page> {
  const context = await chromium.launchPersistentContext(tempDir('chokepoint-chromium-'), {
    executablePath: CHROMIUM,
    viewport: { width: 1280, height: 800 },
    locale,
    acceptDownloads: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  contexts.push(context);
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${locale} console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${locale} page error: ${e.message}`));
  return page;
}

const nav = (page: Page) => page.locator('header nav a').first().textContent();

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (the browser tests never download one).`,
    );
  }
  ensureBuilt();
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer({ port: 0, datasetPath: BUNDLED });
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await server?.close();
  cleanupTemp();
});

describe('dashboard in English and Chinese', { timeout: 120_000 }, () => {
  it('follows a Chinese browser, switches to English and keeps the choice over a reload', async () => {
    const page = await open('zh-CN');
    await page.goto(`${server.url}#/overview?p=CHN`);
    await expect.poll(() => nav(page)).toBe('概览');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await expect.poll(() => page.locator('[data-area="ic"] h2').textContent()).toBe('集成电路');
    await page.locator('[data-testid="rank-table"]').waitFor({ timeout: 90_000 });
    expect(await page.locator('[data-testid="rank-table"] th').first().textContent()).toBe('物项');
    await page.screenshot({ path: join(SHOTS, 'overview-zh-CN.png'), fullPage: true });

    await page.locator('.lang-switch button[data-lang="en"]').click();
    await expect.poll(() => nav(page)).toBe('Overview');
    expect(page.url()).toContain('lang=en');
    await page.reload();
    await expect.poll(() => nav(page)).toBe('Overview');
    await expect
      .poll(() => page.locator('[data-area="ic"] h2').textContent())
      .toBe('Integrated circuits');

    await page.locator('.lang-switch button[data-lang="zh-CN"]').click();
    await expect.poll(() => nav(page)).toBe('概览');
    // Links carry the language: the next page is Chinese too.
    await page.locator('header nav a').nth(3).click();
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/^数据：/);
    await page.reload();
    await expect.poll(() => page.locator('h2#coverage').textContent()).toBe('各领域覆盖情况');
  });

  it('follows an English browser and shows item and country names in both languages', async () => {
    const page = await open('en-US');
    await page.goto(`${server.url}#/item/euv-lithography-tools?p=CHN`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('EUV lithography tools');
    await page.locator('.map svg path').first().waitFor();
    await page.screenshot({ path: join(SHOTS, 'item-en.png'), fullPage: true });
    await page.goto(`${server.url}#/item/euv-lithography-tools?p=CHN&lang=zh-CN`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('极紫外（EUV）光刻机');
    await expect
      .poll(() => page.locator('table[aria-label="按国家的份额"] th').first().textContent())
      .toBe('荷兰 (NLD)');
    await page.screenshot({ path: join(SHOTS, 'item-zh-CN.png'), fullPage: true });
  });

  it('downloads a brief in the page’s language', async () => {
    const page = await open('zh-CN');
    await page.goto(`${server.url}#/graph/ic?p=CHN`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('供应链：集成电路');
    await page.screenshot({ path: join(SHOTS, 'graph-zh-CN.png') });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="brief"]').click(),
    ]);
    expect(download.suggestedFilename()).toBe('brief-CHN-zh-CN.html');
    const html = readFileSync((await download.path())!, 'utf8');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('主要结论');
    expect(html).toContain('范围：集成电路');
    expect(html).toContain('chokepoint brief --country CHN --area ic --lang zh-CN');
  });

  it('logs no console errors in either language', () => {
    expect(problems).toEqual([]);
  });
});
