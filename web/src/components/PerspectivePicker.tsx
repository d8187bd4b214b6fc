/** The perspective (a country or a bloc) every page is seen from. */
import type { DatasetSummary } from '../api.js';

export function PerspectivePicker({
  dataset,
  value,
  onChange,
}: {
  dataset: DatasetSummary;
  value: string;
  onChange: (p: string) => void;
}) {
  return (
    <label className="picker">
      Perspective{' '}
      <select value={value} onChange={(e) => onChange(e.target.value)} aria-label="Perspective">
        <optgroup label="Blocs">
          {dataset.blocs.map((b) => (
            <option key={b.id} value={b.id}>
              {b.id} ({b.members.length} countries)
            </option>
          ))}
        </optgroup>
        <optgroup label="Countries">
          {dataset.countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name} ({c.code})
            </option>
          ))}
        </optgroup>
      </select>
    </label>
  );
}
