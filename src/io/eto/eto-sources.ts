/**
 * Sources for the ETO import: one for the dataset itself (items, requirements) and one per
 * distinct `source` text of provision.csv, so that every share cites what ETO cites.
 *
 * Ids are readable slugs derived from the text: `eto-techinsights-2025` ("CSET analysis of
 * TechInsights data (2025)"), `eto-cset-2021` (CSET's 2021 report "The Semiconductor Supply
 * Chain", linked as [CSET](...)), `eto-cset-2021-citing-semi`, `eto-wsts-memory` ("Worldwide
 * semiconductor sales for memory..."), `eto-sia`, `eto-sia-wsts`; anything else `eto-` + its first words.
 * Titles are the text without markdown links, cut at 160 characters. The URL is ETO's
 * repository, where each figure can be traced; the original link stays in the title's words.
 */
import type { Source } from '../../core/dataset.js';
import { slugify } from '../validate-dataset.js';
import { parseYear, plainText, truncate } from './eto-text.js';
import { ETO_SOURCE_ID } from './map-items.js';

export const ETO_URL = 'https://github.com/georgetown-cset/eto-chip-explorer';
export const ETO_LICENSE = 'CC BY-NC 4.0';
export const ETO_PUBLISHER = 'Emerging Technology Observatory (CSET)';
export const ETO_SNAPSHOT_DATE = '2026-08-14';
export const ETO_COMMIT = '46e01064';

export class EtoSources {
  private readonly byText = new Map<string, Source>();
  private readonly taken = new Set<string>([ETO_SOURCE_ID]);
  private readonly base: Source = {
    id: ETO_SOURCE_ID,
    title: `ETO Advanced Semiconductor Supply Chain Dataset (Chip Explorer), snapshot ${ETO_SNAPSHOT_DATE} (${ETO_COMMIT})`,
    publisher: ETO_PUBLISHER,
    url: ETO_URL,
    year: Number(ETO_SNAPSHOT_DATE.slice(0, 4)),
    accessed: ETO_SNAPSHOT_DATE,
    license: ETO_LICENSE,
  };

  /** The source id for a provision `source` text (blank text: the dataset source). */
  idFor(text: string): string {
    if (!text.trim()) return ETO_SOURCE_ID;
    const known = this.byText.get(text);
    if (known) return known.id;
    const plain = plainText(text);
    const source: Source = {
      id: this.fresh(idBase(text, plain)),
      title: truncate(plain || text, 160),
      publisher: ETO_PUBLISHER,
      url: ETO_URL,
      accessed: ETO_SNAPSHOT_DATE,
      license: ETO_LICENSE,
    };
    const year = parseYear(/\((\d{4})\)/.exec(plain)?.[1] ?? '');
    if (year !== undefined) source.year = year;
    this.byText.set(text, source);
    return source.id;
  }

  private fresh(base: string): string {
    let id = base;
    for (let n = 2; this.taken.has(id); n++) id = `${base}-${n}`;
    this.taken.add(id);
    return id;
  }

  /** The dataset source first, then the provision sources in order of first use. */
  list(): Source[] {
    return [this.base, ...this.byText.values()];
  }
}

function idBase(raw: string, plain: string): string {
  const words = (s: string, n: number) => slugify(s).split('-').filter(Boolean).slice(0, n);
  const techInsights = /TechInsights data \((\d{4})\)/i.exec(plain);
  if (techInsights) return `eto-techinsights-${techInsights[1]}`;
  if (/the-semiconductor-supply-chain/i.test(raw)) {
    const citing = /\(citing ([^)]*)\)/i.exec(plain)?.[1];
    return ['eto', 'cset', '2021', ...(citing ? ['citing', ...words(citing, 2)] : [])].join('-');
  }
  const sales = /semiconductor sales for (.*?) product/i.exec(plain)?.[1];
  if (sales) return ['eto', 'wsts', ...words(sales.replace(/\(.*?\)/g, ''), 3)].join('-');
  if (/Semiconductor Industry Association/i.test(plain)) {
    return /WSTS|Trade Statistics/i.test(plain) ? 'eto-sia-wsts' : 'eto-sia';
  }
  return ['eto', ...words(plain, 4)].join('-');
}
