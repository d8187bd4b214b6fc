/**
 * Numbers for people in the dashboard's language: percentages, USD with units, HHI with
 * thousands separators (src/core/i18n/format.ts). The App sets the language before it renders;
 * until then (and in tests that import these) the numbers are English.
 */
import type { Lang } from '../../src/core/i18n/index.js';
import { formatNumber, formatPercent, formatUsd, t } from '../../src/core/i18n/index.js';

let lang: Lang = 'en';

/** Called by the App when the language changes. */
export function setFormatLang(next: Lang): void {
  lang = next;
}

export function pct(x: number | null | undefined, digits = 1): string {
  return formatPercent(lang, x, digits);
}

export function usd(x: number | null | undefined): string {
  return formatUsd(lang, x);
}

export function int(x: number | null | undefined): string {
  return formatNumber(lang, x === null || x === undefined ? x : Math.round(x));
}

/** HHI on 0..10,000; "highly concentrated" from 2,500 (US antitrust guidelines). */
export function hhiLabel(hhi: number | null): string {
  if (hhi === null) return t(lang, 'common.unquantified');
  return int(hhi);
}
