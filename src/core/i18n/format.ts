/**
 * Numbers, shares, money and dates for people, per locale (Intl; no clock: dates are given).
 * English writes USD as $574B; Chinese as 5740亿美元 (万, 亿, 万亿 are the Chinese units).
 */
import type { Lang } from './lang.js';

const cache = new Map<string, Intl.NumberFormat>();
function nf(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang} ${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.NumberFormat(lang, options)));
  return f;
}

const missing = (x: number | null | undefined): x is null | undefined =>
  x === null || x === undefined || Number.isNaN(x);

/** A dash for a missing value, in every language. */
export const NONE = '–';

/** Whole or decimal number with the locale's grouping: 10,000. */
export function formatNumber(lang: Lang, x: number | null | undefined, digits = 0): string {
  if (missing(x)) return NONE;
  return nf(lang, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(x);
}

/** A fraction 0..1 as a percentage with fixed decimals: 0.0737 -> 7.4%. */
export function formatPercent(lang: Lang, x: number | null | undefined, digits = 1): string {
  if (missing(x)) return NONE;
  return nf(lang, {
    style: 'percent',
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(x);
}

/** US dollars in compact units: $574B / 5740亿美元; three significant digits. */
export function formatUsd(lang: Lang, x: number | null | undefined): string {
  if (missing(x)) return NONE;
  // Compact notation would print $0.0817: below a dollar, say so.
  if (x !== 0 && Math.abs(x) < 1) return lang === 'zh-CN' ? '不足1美元' : '<$1';
  if (lang === 'zh-CN') {
    return `${nf(lang, { notation: 'compact', maximumSignificantDigits: 3 }).format(x)}美元`;
  }
  return nf(lang, {
    style: 'currency',
    currency: 'USD',
    notation: 'compact',
    maximumSignificantDigits: 3,
  }).format(x);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** An ISO date (YYYY-MM-DD) in the locale's long form: 29 November 2026 / 2026年11月29日. */
export function formatDate(lang: Lang, iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const ms = daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3])) * 86_400_000;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(ms);
}

/** A list joined the locale's way: "A, B and C" / "A、B和C". */
export function formatList(lang: Lang, parts: readonly string[]): string {
  return new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(parts);
}
