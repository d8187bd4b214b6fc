/**
 * Messages in English and Simplified Chinese (docs/i18n.md). `t(lang, key, params)` looks a key
 * up in the language's catalog and fills it in: `{name}` takes a parameter (numbers get the
 * locale's grouping) and `{n, plural, one {# item} other {# items}}` picks the plural form the
 * locale's rules select (Intl.PluralRules; Chinese has one form). Pure: no fs, no clock.
 */
import type { MessageKey } from './en.js';
import { en } from './en.js';
import type { Lang } from './lang.js';
import { zhCN } from './zh-cn.js';
import { formatNumber } from './format.js';

export type { MessageKey } from './en.js';
export type { Lang } from './lang.js';
export { LANGS, isLang, resolveLang } from './lang.js';
export { NONE, formatDate, formatList, formatNumber, formatPercent, formatUsd } from './format.js';
export type { NamesAnswer } from './names.js';
export {
  areaLabel,
  countryLabel,
  itemLabel,
  kindLabel,
  namesAnswer,
  scenarioDescription,
  scenarioLabel,
  stageLabel,
} from './names.js';

export const CATALOGS: Readonly<Record<Lang, Readonly<Record<MessageKey, string>>>> = {
  en,
  'zh-CN': zhCN,
};

export type Params = Readonly<Record<string, string | number>>;

const plurals = new Map<Lang, Intl.PluralRules>();
function pluralRule(lang: Lang, n: number): string {
  let r = plurals.get(lang);
  if (!r) plurals.set(lang, (r = new Intl.PluralRules(lang)));
  return r.select(n);
}

const PLURAL = /\{(\w+), plural, ((?:\w+ \{[^{}]*\} ?)+)\}/g;
const PLAIN = /\{(\w+)\}/g;

/** Fill a message's placeholders. Exported for tests; use `t`. */
export function fill(lang: Lang, message: string, params: Params = {}): string {
  const value = (name: string): string => {
    const v = params[name];
    if (v === undefined) return `{${name}}`;
    return typeof v === 'number' ? formatNumber(lang, v, Number.isInteger(v) ? 0 : 2) : v;
  };
  return (
    message
      .replace(PLURAL, (_all, name: string, forms: string) => {
        const n = Number(params[name]);
        const options = new Map<string, string>();
        for (const m of forms.matchAll(/(\w+) \{([^{}]*)\}/g)) options.set(m[1]!, m[2]!);
        const form = options.get(pluralRule(lang, n)) ?? options.get('other') ?? '';
        return form.replace(/#/g, value(name));
      })
      // English possessive of a name ending in s: "United States'", not "United States's".
      .replace(/\{(\w+)\}(['’])s\b/g, (_all, name: string, mark: string) => {
        const v = value(name);
        return lang === 'en' && /s$/.test(v) ? `${v}${mark}` : `${v}${mark}s`;
      })
      .replace(PLAIN, (_all, name: string) => value(name))
  );
}

/** The message `key` in `lang`, filled with `params`; English if the language lacks it. */
export function t(lang: Lang, key: MessageKey, params?: Params): string {
  const message = CATALOGS[lang][key] ?? en[key];
  return fill(lang, message, params);
}

/** Whether `key` is a message key (for keys built at run time, such as `area.${id}`). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}
