/**
 * Text helpers for the ETO importer: identifier slugs, ETO's free-text market sizes
 * ("$574.1 billion (2022)", "$56.2 billion (microprocessors) (2019)", "$10.9 billion") and
 * the markdown links ETO embeds in its source columns.
 */
import { slugify } from '../validate-dataset.js';

/**
 * A lowercase slug of `text` not yet in `taken` (which it joins). On a clash the `suffix`
 * (an ETO id, a country) is appended, then a counter: ids stay readable and deterministic.
 */
export function uniqueSlug(text: string, taken: Set<string>, suffix: string): string {
  const base = slugify(text) || slugify(suffix) || 'x';
  let id = base;
  if (taken.has(id)) id = `${base}-${slugify(suffix)}`;
  for (let n = 2; taken.has(id); n++) id = `${base}-${slugify(suffix)}-${n}`;
  taken.add(id);
  return id;
}

export interface MarketSize {
  usd: number;
  /** The year in parentheses, when the text states one. */
  year?: number;
  /** Other parenthesized words: what the figure covers ("microprocessors", "all photomasks"). */
  qualifiers: string[];
}

const UNITS: Record<string, number> = {
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
};

/** Parse an ETO market size; undefined when the text does not start with a dollar amount. */
export function parseMarketSize(text: string): MarketSize | undefined {
  const m = /^(?:US)?\$\s*([\d,]+(?:\.\d+)?)\s*(thousand|million|billion|trillion)?\b(.*)$/i.exec(
    text.trim(),
  );
  if (!m) return undefined;
  const amount = Number(m[1]!.replace(/,/g, ''));
  if (!Number.isFinite(amount)) return undefined;
  const usd = amount * (m[2] ? UNITS[m[2].toLowerCase()]! : 1);
  let year: number | undefined;
  const qualifiers: string[] = [];
  for (const g of (m[3] ?? '').matchAll(/\(([^)]*)\)/g)) {
    const inner = g[1]!.trim();
    if (/^(19|20)\d\d$/.test(inner)) year = Number(inner);
    else if (inner) qualifiers.push(inner);
  }
  // Round away float noise from the unit product (574.1e9 is not exact in binary).
  const out: MarketSize = { usd: Math.round(usd), qualifiers };
  if (year !== undefined) out.year = year;
  return out;
}

/**
 * ETO source text as plain text: `[label](url)` becomes `label`; bare or orphaned URLs
 * (ETO has a malformed "(WSTS)](https://...)") and stray brackets are removed.
 */
export function plainText(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\]\([^)]*\)/g, '')
    .replace(/\(?https?:\/\/[^\s)]*\)?/g, '')
    .replace(/[[\]]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s+([.,;)])/g, '$1')
    .trim();
}

/** Cut `text` at a word boundary to at most `max` characters, marking the cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** Years a dataset accepts (docs/formats.md: `not-a-year` outside 1900..2100). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

/** A 4-digit year cell from 1900 to 2100, or undefined for blanks and anything else. */
export function parseYear(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d{4}$/.test(t)) return undefined;
  const year = Number(t);
  return year >= MIN_YEAR && year <= MAX_YEAR ? year : undefined;
}
