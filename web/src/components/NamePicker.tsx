/**
 * A list of names (countries, items, areas) as removable chips, with a text field that
 * suggests known names; Enter or "Add" adds the typed name.
 */
import { useId, useState } from 'react';

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
            aria-label={`Remove ${v} from ${label}`}
            title="Remove"
          >
            {v} ×
          </button>
        ))}
        {values.length === 0 ? <span className="muted small">(none)</span> : null}
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
          aria-label={`Add to ${label}`}
          placeholder="type to search"
        />
        <datalist id={list}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </datalist>
        <button type="button" onClick={add}>
          Add
        </button>
      </span>
    </div>
  );
}
