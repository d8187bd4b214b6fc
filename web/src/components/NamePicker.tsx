/**
 * A list of names (countries, items, areas) as removable chips, with a text field that
 * suggests known names; Enter or "Add" adds the typed name.
 */
import { useId, useState } from 'react';
import { useT } from '../i18n.js';

export function NamePicker({
  label,
  values,
  options,
  onChange,
}: {
  label: string;
  values: readonly string[];
  options: readonly { value: string; label: string }[];
  onChange: (values: string[]) => void;
}) {
  const t = useT();
  const [text, setText] = useState('');
  const list = useId();
  const add = () => {
    const v = text.trim();
    if (v && !values.includes(v)) onChange([...values, v]);
    setText('');
  };
  return (
    <div className="name-picker">
      <span className="field-label">{label}</span>
      <span className="chips">
        {values.map((v) => (
          <button
            key={v}
            type="button"
            className="chip"
            onClick={() => onChange(values.filter((x) => x !== v))}
            aria-label={t('picker.removeFrom', { value: v, label })}
            title={t('picker.remove')}
          >
            {v} ×
          </button>
        ))}
        {values.length === 0 ? <span className="muted small">{t('picker.none')}</span> : null}
      </span>
      <span className="add">
        <input
          list={list}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
          aria-label={t('picker.addTo', { label })}
          placeholder={t('picker.placeholder')}
        />
        <datalist id={list}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </datalist>
        <button type="button" onClick={add}>
          {t('picker.add')}
        </button>
      </span>
    </div>
  );
}
