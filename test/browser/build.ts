/** Shared by the browser tests: build web/dist once, unless it is newer than its sources. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { RunningServer } from '../../src/server/serve.js';
import { startServer } from '../../src/server/serve.js';
import type { Store } from '../../src/store/types.js';
import { BUNDLED, REPO } from '../support.js';

const WEB = join(REPO, 'web');

function newestSource(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Build web/dist unless it is newer than every source (the dashboard and the catalogs). */
export function ensureBuilt(): void {
  const index = join(WEB, 'dist/index.html');
  const sources = Math.max(
    newestSource(join(WEB, 'src')),
    newestSource(join(REPO, 'src/core/i18n')),
    statSync(join(WEB, 'index.html')).mtimeMs,
    statSync(join(WEB, 'vite.config.ts')).mtimeMs,
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  execFileSync('npx', ['vite', 'build', 'web'], { cwd: REPO, stdio: 'pipe' });
}

/** Debian's Chromium: the browser tests never download one. */
export const CHROMIUM = '/usr/bin/chromium';
export const SHOTS = join(REPO, 'test/browser/screenshots');

/** Fail (never skip) when Chromium is missing, saying how to install it. */
export function requireChromium(): void {
  if (existsSync(CHROMIUM)) return;
  throw new Error(
    process.env.CI === 'true'
      ? `Chromium is missing at ${CHROMIUM}: .ci/run must install it (apt-get install -y chromium).`
      : `Chromium is missing at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (the browser tests never download one).`,
  );
}

/** A fresh headless Chromium profile at 1280x800 with the flags this machine needs. */
export function launchChromium(profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    viewport: { width: 1280, height: 800 },
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
}

/** A served bundled dashboard and one Chromium page recording console and page errors. */
export interface Session {
  server: RunningServer;
  context: BrowserContext;
  page: Page;
  problems: string[];
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function openSession(
  profileDir: string,
  options: { store?: Store; datasetPath?: string } = {},
): Promise<Session> {
  requireChromium();
  ensureBuilt();
  mkdirSync(SHOTS, { recursive: true });
  const server = await startServer({
    port: 0,
    datasetPath: options.datasetPath ?? BUNDLED,
    store: options.store,
  });
  const context = await launchChromium(profileDir);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return {
    server,
    context,
    page,
    problems,
    shot: async (name) => {
      await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    },
    close: async () => {
      await context.close();
      await server.close();
    },
  };
}
