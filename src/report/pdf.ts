/**
 * Print a brief's HTML to PDF with headless Chromium (Debian's, never a downloaded one), driven
 * by playwright-core: A4, backgrounds printed, page numbers in the footer. A fresh profile
 * folder per run; no network is needed (the page has no external resources).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export class ChromiumMissingError extends Error {
  override readonly name = 'ChromiumMissingError';
  constructor(path: string) {
    super(
      `Chromium is missing at ${path}: a PDF brief needs it; install it with \`apt-get install -y chromium\` (or write .html)`,
    );
  }
}

export async function htmlToPdf(
  html: string,
  options: { executablePath?: string | undefined; footer?: string | undefined } = {},
): Promise<Buffer> {
  const exe = options.executablePath ?? CHROMIUM;
  if (!existsSync(exe)) throw new ChromiumMissingError(exe);
  const profile = mkdtempSync(join(tmpdir(), 'chokepoint-pdf-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: exe,
    args: CHROMIUM_ARGS,
    offline: true,
  });
  try {
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const footer = (options.footer ?? '').replace(/[<>&]/g, '');
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="font-size:7pt;color:#71717a;width:100%;padding:0 15mm;display:flex;justify-content:space-between"><span>${footer}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
    });
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
