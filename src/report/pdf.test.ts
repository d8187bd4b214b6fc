/**
 * A brief for CHN on the bundled data printed to PDF with Debian Chromium, in both languages:
 * its text (pdftotext, poppler-utils) carries the key sentences and the source notes, and its
 * first pages are rendered to PNG (pdftoppm) in test/browser/screenshots/ for people to look
 * at. Without Chromium or poppler-utils the test fails with the command that installs them.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileDataset } from '../core/compile.js';
import { loadDataset } from '../io/read-dataset.js';
import { BUNDLED, REPO, tempDir } from '../../test/support.js';
import { CHROMIUM, briefHtml, htmlToPdf, loadScenarioFile } from './index.js';

const SHOTS = join(REPO, 'test/browser/screenshots');
const SCENARIO = join(BUNDLED, 'scenarios/us-nl-jp-controls-2023.yaml');

function need(tool: string, pkg: string): void {
  try {
    execFileSync(tool, ['-v'], { stdio: 'pipe' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(`${tool} is missing: install it with \`apt-get install -y ${pkg}\``, {
        cause: err,
      });
  }
}

beforeAll(() => {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium is missing at ${CHROMIUM}: apt-get install -y chromium`);
  need('pdftotext', 'poppler-utils');
  need('pdftoppm', 'poppler-utils');
  mkdirSync(SHOTS, { recursive: true });
});

const checked = loadDataset(BUNDLED);
const c = compileDataset(checked.dataset);

async function pdf(lang: 'en' | 'zh-CN') {
  const html = briefHtml(c, {
    country: 'CHN',
    scenario: loadScenarioFile(c, SCENARIO),
    lang,
    meta: checked.dataset.meta,
    command: `chokepoint brief --country CHN --scenario us-nl-jp-controls-2023 --lang ${lang} --out brief.pdf`,
    date: '2026-11-29',
  });
  const dir = tempDir('chokepoint-brief-pdf-');
  const file = join(dir, `brief-${lang}.pdf`);
  writeFileSync(file, await htmlToPdf(html, { footer: 'Chokepoint brief' }));
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  // pdftoppm pads page numbers to the width of the page count (-1.png, or -01.png from ten
  // pages on): clear earlier renderings so the first page found is this run's.
  for (const f of readdirSync(SHOTS))
    if (f.startsWith(`brief-CHN-${lang}-`)) rmSync(join(SHOTS, f));
  execFileSync('pdftoppm', [
    '-r',
    '70',
    '-png',
    '-f',
    '1',
    '-l',
    '3',
    file,
    join(SHOTS, `brief-CHN-${lang}`),
  ]);
  return { file, text };
}

describe('htmlToPdf(briefHtml(...)) for CHN on the bundled data', () => {
  it('prints the English brief with its findings, figures and source notes', async () => {
    const { file, text } = await pdf('en');
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Technology supply-chain security: China');
    expect(flat).toContain(
      'The costliest single restriction is Japan withholding Wafer dicing tools',
    );
    expect(flat).toMatch(
      /Under “US, Dutch and Japanese equipment controls on China \(2022-2023\)”, China's capability index falls to \d+\.\d%/,
    );
    expect(flat).toMatch(/Figure 1\. China's share of world supply by area/);
    expect(flat).toMatch(/Sources: \[[\d–, ]+\]\. Data year: \d{4}/);
    expect(flat).toContain('Chip Explorer');
    expect(flat).toContain('chokepoint brief --country CHN');
    const first = readdirSync(SHOTS).find((f) => /^brief-CHN-en-0*1\.png$/.test(f));
    expect(first, 'pdftoppm wrote the first page').toBeDefined();
    expect(statSync(join(SHOTS, first!)).size).toBeGreaterThan(20_000);
  });

  it('prints the Chinese brief in Chinese', async () => {
    const { text } = await pdf('zh-CN');
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain('技术供应链安全：中国');
    expect(flat).toContain('代价最大的单项限制是日本停止供应晶圆划片机');
    expect(flat).toMatch(/资料来源：\[[\d–,]+\]。数据年份：\d{4}/);
    expect(flat).toContain('主要结论');
  });
});
