/**
 * Names of dataset things in a language: items and countries carry their own Chinese name
 * (`name_zh` in the dataset); areas and item kinds have catalog entries. Where no Chinese name
 * is known, the English one is shown (never an empty label).
 */
import type { Country, Item } from '../dataset.js';
import { AREA_NAMES } from '../dataset.js';
import { en } from './en.js';
import type { Lang } from './lang.js';
import { zhCN } from './zh-cn.js';

type Named = Pick<Item, 'name' | 'nameZh'> | Pick<Country, 'name' | 'nameZh'>;

export function itemLabel(lang: Lang, item: Named | undefined, fallback = ''): string {
  if (!item) return fallback;
  return lang === 'zh-CN' && item.nameZh ? item.nameZh : item.name;
}

export function countryLabel(lang: Lang, country: Named | undefined, fallback = ''): string {
  return itemLabel(lang, country, fallback);
}

const lookup = (lang: Lang, key: string): string | undefined =>
  (lang === 'zh-CN' ? (zhCN as Record<string, string>) : (en as Record<string, string>))[key];

/** An area's display name: the catalog's `area.ID`, else the core's English name, else the id. */
export function areaLabel(lang: Lang, area: string): string {
  return lookup(lang, `area.${area}`) ?? AREA_NAMES[area] ?? area;
}

/** A scenario's name in the language (`nameZh` in Chinese when it has one), else its id. */
export function scenarioLabel(
  lang: Lang,
  s: { id: string; name?: string | undefined; nameZh?: string | undefined },
): string {
  return (lang === 'zh-CN' ? s.nameZh : undefined) ?? s.name ?? s.id;
}

/** A scenario's description in the language, and the language it is actually written in. */
export function scenarioDescription(
  lang: Lang,
  s: { description?: string | undefined; descriptionZh?: string | undefined },
): { text: string; lang: Lang } | undefined {
  if (lang === 'zh-CN' && s.descriptionZh) return { text: s.descriptionZh, lang: 'zh-CN' };
  return s.description ? { text: s.description, lang: 'en' } : undefined;
}

/** A supply-chain stage (equipment, raw-material...) in the language; unknown stages as given. */
export function stageLabel(lang: Lang, stage: string): string {
  return lookup(lang, `stage.${stage}`) ?? stage;
}

/** An item kind (tool, material...) in the language. */
export function kindLabel(lang: Lang, kind: string): string {
  return lookup(lang, `kind.${kind}`) ?? kind;
}

/** `GET /api/names`: every item's and country's name in English and Chinese. */
export interface NamesAnswer {
  items: Record<string, { name: string; nameZh: string | null }>;
  countries: Record<string, { name: string; nameZh: string | null }>;
}

export function namesAnswer(ds: { items: readonly Item[]; countries: readonly Country[] }) {
  const out: NamesAnswer = { items: {}, countries: {} };
  for (const i of ds.items) out.items[i.id] = { name: i.name, nameZh: i.nameZh ?? null };
  for (const c of ds.countries) out.countries[c.code] = { name: c.name, nameZh: c.nameZh ?? null };
  return out;
}
