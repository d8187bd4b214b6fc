/**
 * Item and country names in the dashboard's language: `GET /api/names` gives each item's and
 * country's English and Chinese name (the dataset's `name_zh`); where a Chinese name is
 * missing, or before the names arrive, the English name from the answer at hand is shown.
 */
import { createContext, useContext } from 'react';
import type { NamesAnswer } from './api.js';
import { useLang } from './i18n.js';

export const NamesContext = createContext<NamesAnswer | null>(null);

export interface Names {
  /** An item's name: the Chinese one in Chinese when known, else `fallback`, else the id. */
  item: (id: string, fallback?: string) => string;
  country: (code: string, fallback?: string) => string;
}

export function useNames(): Names {
  const lang = useLang();
  const all = useContext(NamesContext);
  const pick = (n: { name: string; nameZh: string | null } | undefined, fb: string) =>
    n ? (lang === 'zh-CN' && n.nameZh ? n.nameZh : n.name) : fb;
  return {
    item: (id, fallback) => pick(all?.items[id], fallback ?? id),
    country: (code, fallback) => pick(all?.countries[code], fallback ?? code),
  };
}
