import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDataset } from '../core/compile.js';
import { loadDataset } from '../io/read-dataset.js';
import { REPO } from '../../test/support.js';
import { briefHtml, loadScenarioFile, readPlanFile } from './index.js';
import { briefSvg, briefText } from './normalize.js';

const DIR = join(REPO, 'test/fixtures/brief');
const GOLDEN = join(DIR, 'golden');
const checked = loadDataset(join(DIR, 'dataset'));
const c = compileDataset(checked.dataset);

function brief(lang: 'en' | 'zh-CN'): string {
  return briefHtml(c, {
    country: 'CHN',
    scenario: loadScenarioFile(c, join(DIR, 'nl-litho.yaml')),
    plan: readPlanFile(join(DIR, 'plan.json')),
    lang,
    meta: checked.dataset.meta,
    command: `chokepoint brief --dataset test/fixtures/brief/dataset --country CHN --scenario test/fixtures/brief/nl-litho.yaml --plan test/fixtures/brief/plan.json --lang ${lang} --out brief.html`,
    date: '2026-11-29',
  });
}

/** Compare with the golden file; UPDATE_GOLDEN=1 (or a missing file) writes it instead. */
function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    writeFileSync(file, `${actual}\n`);
    return;
  }
  expect(actual).toBe(readFileSync(file, 'utf8').replace(/\n$/, ''));
}

describe('briefHtml(compiled, request) on the fixed brief dataset', () => {
  for (const lang of ['en', 'zh-CN'] as const) {
    it(`matches the golden text and charts in ${lang}`, () => {
      const html = brief(lang);
      golden(`brief-${lang}.txt`, briefText(html));
      golden(`brief-${lang}.svg`, briefSvg(html));
    });
  }

  it('states findings computed from the numbers', () => {
    const text = briefText(brief('en'));
    expect(text).toContain(
      'The costliest single restriction is Netherlands withholding EUV lithography tools: China would lose $200 of production (40.0% of its output).',
    );
    expect(text).toContain(
      "Under “Netherlands restricts lithography tools to China”, China's capability index falls to 60.0%",
    );
    expect(text).toMatch(/The plan funds 1 project for \$250 and cuts the expected loss/);
  });

  it('names a scenario by its nameZh in Chinese, with its Chinese description', () => {
    const sc = loadScenarioFile(c, join(DIR, 'nl-litho.yaml'));
    const zh = {
      ...sc,
      scenario: {
        ...sc.scenario,
        nameZh: '荷兰限制对华出口光刻机',
        description: 'English text',
        descriptionZh: '中文说明',
      },
    };
    const req = {
      country: 'CHN',
      scenario: zh,
      date: '2026-11-29',
      meta: checked.dataset.meta,
      command: 'chokepoint brief',
    };
    const html = briefHtml(c, { ...req, lang: 'zh-CN' });
    expect(briefText(html)).toContain('荷兰限制对华出口光刻机');
    expect(html).toContain('<blockquote lang="zh-CN">中文说明</blockquote>');
    expect(html).not.toContain('Netherlands restricts lithography tools to China');
    const en = briefHtml(c, { ...req, lang: 'en' });
    expect(en).toContain('Netherlands restricts lithography tools to China');
    expect(en).toContain('<blockquote lang="en">English text</blockquote>');
  });

  it('footnotes every figure to its source and data year', () => {
    const html = brief('en');
    const figures = html.match(/<figure>[\s\S]*?<\/figure>/g) ?? [];
    expect(figures.length).toBe(5);
    for (const f of figures) expect(f).toMatch(/Sources: \[[\d–, ]+\]\. Data year: \d{4}/);
    expect(html).toContain('<li id="src-1">');
  });

  it('escapes dataset text and links only http(s) URLs', () => {
    const html = brief('en');
    expect(html).toContain('Second fixture source &lt;with markup &amp; &quot;quotes&quot;&gt;');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('<a href="https://example.org/fixture">');
  });

  it('opens with no network: no script, no external stylesheet, font or image', () => {
    const html = brief('zh-CN');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|url\(|@import/i);
    expect(html).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
  });

  it('uses the dataset’s Chinese names in Chinese', () => {
    const text = briefText(brief('zh-CN'));
    expect(text).toContain('光刻机');
    expect(text).toContain('荷兰');
    expect(text).not.toContain('Lithography tools');
  });
});
