/** The scenario as YAML text, editable; "Apply" parses it back into the form. */
import { useState } from 'react';
import type { Scenario } from '../api.js';
import { useT } from '../i18n.js';
import { fromYaml, toYaml } from './draft.js';

export function YamlEditor({
  scenario,
  onApply,
}: {
  scenario: Scenario;
  onApply: (s: Scenario) => void;
}) {
  const t = useT();
  const [text, setText] = useState(() => toYaml(scenario));
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="yaml-editor">
      <label htmlFor="yaml-text" className="field-label">
        {t('yaml.label')}
      </label>
      <textarea
        id="yaml-text"
        value={text}
        spellCheck={false}
        rows={18}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="actions">
        <button
          type="button"
          onClick={() => {
            try {
              onApply(fromYaml(text));
              setError(null);
            } catch (err) {
              setError((err as Error).message);
            }
          }}
        >
          {t('yaml.apply')}
        </button>
        {error ? (
          <span className="error" role="alert">
            {error}
          </span>
        ) : null}
      </div>
    </div>
  );
}
