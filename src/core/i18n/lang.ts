/** The interface languages and how a requested language (a browser's, a flag's) maps to one. */

export const LANGS = ['en', 'zh-CN'] as const;
export type Lang = (typeof LANGS)[number];

export function isLang(value: unknown): value is Lang {
  return (LANGS as readonly unknown[]).includes(value);
}

/**
 * The interface language for a BCP 47 tag: any Chinese (zh, zh-CN, zh-Hans, zh-TW...) gives
 * zh-CN, the only Chinese catalog; anything else English. Undefined gives English.
 */
export function resolveLang(tag: string | null | undefined): Lang {
  if (!tag) return 'en';
  return /^zh\b/i.test(tag.trim()) ? 'zh-CN' : 'en';
}
