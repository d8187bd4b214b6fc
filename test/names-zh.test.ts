/**
 * The bundled countries' Chinese names against a public standard: Unicode CLDR's Simplified
 * Chinese country names (as packaged by i18n-iso-countries). Two names deliberately differ
 * and are listed, with the reason, in docs/i18n.md.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import countries from 'i18n-iso-countries';
import { loadDataset } from '../src/io/read-dataset.js';
import { BUNDLED } from './support.js';

const require = createRequire(import.meta.url);
countries.registerLocale(require('i18n-iso-countries/langs/zh.json') as countries.LocaleData);

/** Where the bundled name is not CLDR's short form (docs/i18n.md "Sources for Chinese names"). */
const DIFFERENT: Record<string, string> = {
  IDN: '印度尼西亚', // the full form; CLDR's short form is 印尼
  TWN: '中国台湾', // CLDR: 中国台湾省
};

describe('Chinese country names', () => {
  it('equal CLDR zh for every bundled country but the documented exceptions', () => {
    const ds = loadDataset(BUNDLED).dataset;
    const differ: Record<string, string> = {};
    let checked = 0;
    for (const c of ds.countries) {
      if (c.code === 'ROW') continue;
      const cldr = countries.getName(c.code, 'zh');
      expect(cldr, `CLDR has no name for ${c.code}`).toBeTruthy();
      checked++;
      if (c.nameZh !== cldr) differ[c.code] = c.nameZh ?? '(none)';
    }
    expect(differ).toEqual(DIFFERENT);
    expect(checked).toBeGreaterThanOrEqual(70);
  });
});
