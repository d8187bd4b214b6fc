/** EN / 中文: the interface language, kept in the URL so a link or a reload keeps it. */
import { LANGS } from '../../../src/core/i18n/index.js';
import type { Lang } from '../i18n.js';
import { useLang, useT } from '../i18n.js';

/** Each language's name in itself, as language switches show them. */
const SELF_NAME: Record<Lang, string> = { en: 'EN', 'zh-CN': '中文' };

export function LangSwitch({ onChange }: { onChange: (lang: Lang) => void }) {
  const lang = useLang();
  const t = useT();
  return (
    <div className="lang-switch" role="group" aria-label={t('lang.label')}>
      {LANGS.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={l === lang}
          onClick={() => onChange(l)}
          data-lang={l}
        >
          {SELF_NAME[l]}
        </button>
      ))}
    </div>
  );
}
