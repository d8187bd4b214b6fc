/** The perspective (a country or a bloc) every page is seen from. */
import type { DatasetSummary } from '../api.js';
import { useT } from '../i18n.js';
import { useNames } from '../names.js';

export function PerspectivePicker({
  dataset,
  value,
  onChange,
}: {
  dataset: DatasetSummary;
  value: string;
  onChange: (p: string) => void;
}) {
  const t = useT();
  const names = useNames();
  return (
    <label className="picker">
      {t('perspective.label')}{' '}
      <select
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-label={t('perspective.label')}
      >
        <optgroup label={t('perspective.blocs')}>
          {dataset.blocs.map((b) => (
            <option key={b.id} value={b.id}>
              {t('perspective.bloc', { id: b.id, n: b.members.length })}
            </option>
          ))}
        </optgroup>
        <optgroup label={t('perspective.countries')}>
          {dataset.countries.map((c) => (
            <option key={c.code} value={c.code}>
              {names.country(c.code, c.name)} ({c.code})
            </option>
          ))}
        </optgroup>
      </select>
    </label>
  );
}
