import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../../../test/support.js';
import { CORE_AREAS, ITEM_KINDS } from '../dataset.js';
import { en } from './en.js';
import {
  CATALOGS,
  LANGS,
  formatDate,
  formatPercent,
  formatUsd,
  isMessageKey,
  resolveLang,
  t,
} from './index.js';
import { zhCN } from './zh-cn.js';

const placeholders = (m: string) =>
  [...m.matchAll(/\{(\w+)(?:[,}])/g)].map((x) => x[1]!).sort((a, b) => a.localeCompare(b));

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return files(p, ext);
    return ext.test(f) && !f.endsWith('.test.ts') ? [p] : [];
  });
}

/** The CLI's code: every command prints its tables and summaries through the catalog. */
const CLI = files(join(REPO, 'src/cli'), /\.ts$/);

/** Code that shows messages: the dashboard, the briefs, the CLI and the brief route. */
const USERS = [
  ...files(join(REPO, 'web/src'), /\.tsx?$/),
  ...files(join(REPO, 'src/report'), /\.ts$/),
  ...CLI,
  join(REPO, 'src/server/routes-brief.ts'),
];
const NAMESPACES = [...new Set(Object.keys(en).map((k) => k.split('.')[0]!))];
const KEY_LITERAL = new RegExp(`['"]((?:${NAMESPACES.join('|')})\\.[\\w.-]+)['"]`, 'g');

describe('message catalogs', () => {
  it('give every key a non-empty translation in every language', () => {
    for (const lang of LANGS) {
      const cat = CATALOGS[lang] as Record<string, string>;
      const missing = Object.keys(en).filter((k) => !cat[k]?.trim());
      expect(missing, `keys without a ${lang} translation`).toEqual([]);
      const extra = Object.keys(cat).filter((k) => !(k in en));
      expect(extra, `${lang} keys that English lacks`).toEqual([]);
    }
  });

  it('use the same placeholders in every language', () => {
    for (const [k, m] of Object.entries(en)) {
      expect(placeholders(zhCN[k as keyof typeof en]), k).toEqual(placeholders(m));
    }
  });

  it('contain every key the dashboard and the briefs use', () => {
    const unknown: string[] = [];
    for (const f of USERS) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(KEY_LITERAL)) {
        if (!isMessageKey(m[1]!)) unknown.push(`${f.replace(REPO + '/', '')}: ${m[1]}`);
      }
    }
    expect(unknown).toEqual([]);
    // Keys built at run time.
    for (const a of CORE_AREAS) expect(isMessageKey(`area.${a}`), a).toBe(true);
    for (const k of ITEM_KINDS) expect(isMessageKey(`kind.${k}`), k).toBe(true);
    for (const k of [
      'items',
      'requirements',
      'shares',
      'organizations',
      'countries',
      'demand',
      'blocs',
      'sources',
    ]) {
      expect(isMessageKey(`data.count.${k}`), k).toBe(true);
    }
  });

  it('translate every CLI message into Chinese words (not a copy of the English)', () => {
    // Abbreviations that read the same in Chinese.
    const neutral = new Set(['cli.col.hhi', 'cli.col.cr1', 'cli.col.cr3']);
    const untranslated = Object.keys(en)
      .filter((k) => k.startsWith('cli.') && !neutral.has(k))
      .filter((k) => !/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(zhCN[k as keyof typeof en]));
    expect(untranslated).toEqual([]);
  });

  it('give every CLI table heading through the catalog', () => {
    // Headings that are the same in every language.
    // (`id` heads a column of identifiers, which stay as they are in every language.)
    const neutral = new Set(['HHI', 'p5', 'p50', 'p95', 'CVaR 95%', 'id']);
    // Headings of commands not yet translated (docs/i18n.md); remove an entry when it is.
    const pending: string[] = [];
    const found: string[] = [];
    for (const f of CLI) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/\bheader:\s*(['"`])((?:(?!\1)[^\\]|\\.)*)\1/g)) {
        if (!neutral.has(m[2]!)) found.push(`${f.replace(REPO + '/', '')}: ${m[2]}`);
      }
    }
    expect(found.sort()).toEqual(pending.sort());
  });

  it('leave no hard-coded English text in the dashboard’s JSX', () => {
    const found: string[] = [];
    for (const f of USERS.filter((p) => p.endsWith('.tsx'))) {
      const text = readFileSync(f, 'utf8');
      // Text between tags, and text attributes people read.
      for (const m of text.matchAll(/(?<![=-])>\s*([A-Za-z][^<>{};=]*[a-z][^<>{};=]*?)\s*</g))
        found.push(`${f.replace(REPO + '/', '')}: ${m[1]}`);
      for (const m of text.matchAll(
        /\b(aria-label|title|placeholder|label|alt)="([^"]*[a-z]{2}[^"]*)"/g,
      ))
        found.push(`${f.replace(REPO + '/', '')}: ${m[1]}="${m[2]}"`);
    }
    expect(found).toEqual([]);
  });
});

describe('t(lang, key, params)', () => {
  it('fills parameters and picks plural forms by the locale’s rules', () => {
    expect(t('en', 'footer.items', { n: 1 })).toBe('1 item');
    expect(t('en', 'footer.items', { n: 1234 })).toBe('1,234 items');
    expect(t('zh-CN', 'footer.items', { n: 1234 })).toBe('1,234个物项');
    expect(t('en', 'scenario.run', { p: 'USA' })).toBe('Run for USA');
    expect(t('en', 'card.share', { p: 'China' })).toBe("China's share");
    expect(t('en', 'card.share', { p: 'United States' })).toBe("United States' share");
    expect(t('zh-CN', 'scenario.run', { p: 'USA' })).toBe('以USA视角运行');
  });

  it('leaves a missing parameter visible instead of printing undefined', () => {
    expect(t('en', 'scenario.run')).toBe('Run for {p}');
  });
});

describe('locale formats', () => {
  it('write percentages, USD and dates the locale’s way', () => {
    expect(formatPercent('en', 0.0737)).toBe('7.4%');
    expect(formatUsd('en', 574.1e9)).toBe('$574B');
    expect(formatUsd('zh-CN', 574.1e9)).toBe('5740亿美元');
    expect(formatUsd('zh-CN', 1.2e12)).toBe('1.2万亿美元');
    expect(formatUsd('en', null)).toBe('–');
    expect(formatDate('en', '2026-11-29')).toBe('29 November 2026');
    expect(formatDate('zh-CN', '2026-11-29')).toBe('2026年11月29日');
    expect(formatDate('en', '2024-02-29')).toBe('29 February 2024');
  });

  it('map any Chinese browser language to zh-CN and the rest to English', () => {
    expect(resolveLang('zh-TW')).toBe('zh-CN');
    expect(resolveLang('zh')).toBe('zh-CN');
    expect(resolveLang('en-US')).toBe('en');
    expect(resolveLang('fr')).toBe('en');
    expect(resolveLang(undefined)).toBe('en');
  });
});
