/**
 * The dashboard's language: English or Simplified Chinese, kept in the URL (`lang=`), else the
 * browser's language. Components read it with `useT()` (messages) and `useLang()` (names);
 * the catalogs live in src/core/i18n so the briefs and the CLI say the same things.
 */
import { createContext, useContext } from 'react';
import type { Lang, MessageKey, Params } from '../../src/core/i18n/index.js';
import { isLang, resolveLang, t } from '../../src/core/i18n/index.js';

export type { Lang, MessageKey };

export const LangContext = createContext<Lang>('en');

export const useLang = (): Lang => useContext(LangContext);

export type Translate = (key: MessageKey, params?: Params) => string;

export function useT(): Translate {
  const lang = useLang();
  return (key, params) => t(lang, key, params);
}

/** The language a URL asks for, else the browser's (navigator.language), else English. */
export function pickLang(param: string | undefined): Lang {
  if (isLang(param)) return param;
  return resolveLang(typeof navigator === 'undefined' ? undefined : navigator.language);
}
