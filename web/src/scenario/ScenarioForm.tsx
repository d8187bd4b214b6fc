/** The scenario's fields and shocks as a form. */
import type { DatasetSummary, ItemRow, Scenario } from '../api.js';
import type { ShockKind } from './draft.js';
import { newShock, shockKind } from './draft.js';
import type { NameOptions } from './ShockEditor.js';
import { ShockEditor } from './ShockEditor.js';

const KIND_LABEL: Record<ShockKind, string> = {
  restrict: 'Trade restriction',
  outage: 'Capacity outage',
  build: 'Capacity build',
};

export function ScenarioForm({
  scenario,
  onChange,
  dataset,
  items,
}: {
  scenario: Scenario;
  onChange: (s: Scenario) => void;
  dataset: DatasetSummary;
  items: ItemRow[];
}) {
  const names: NameOptions = {
    countries: [
      { value: 'ALL', label: 'every country' },
      ...dataset.blocs.map((b) => ({ value: b.id, label: `bloc of ${b.members.length}` })),
      ...dataset.countries.map((c) => ({ value: c.code, label: c.name })),
    ],
    items: items.map((i) => ({ value: i.id, label: i.name })),
    areas: dataset.areas.map((a) => ({ value: a.id, label: a.name })),
  };
  const set = (patch: Partial<Scenario>) => onChange({ ...scenario, ...patch });
  const shocks = scenario.shocks;
  return (
    <form className="scenario-form" onSubmit={(e) => e.preventDefault()}>
      <div className="row">
        <label className="inline">
          Id <input value={scenario.id} onChange={(e) => set({ id: e.target.value })} />
        </label>
        <label className="inline grow">
          Name <input value={scenario.name ?? ''} onChange={(e) => set({ name: e.target.value })} />
        </label>
        <label className="inline">
          Allocation{' '}
          <select
            value={scenario.assumptions?.reallocation ?? 'market'}
            onChange={(e) =>
              set({ assumptions: { reallocation: e.target.value as 'market' | 'fixed' } })
            }
          >
            <option value="market">market (fair shares of what is left)</option>
            <option value="fixed">fixed (baseline sourcing)</option>
          </select>
        </label>
      </div>
      {shocks.map((s, n) => (
        <fieldset key={n} className="shock-box">
          <legend>
            Shock {n + 1}: {KIND_LABEL[shockKind(s)]}{' '}
            <button
              type="button"
              onClick={() => set({ shocks: shocks.filter((_, k) => k !== n) })}
              aria-label={`Remove shock ${n + 1}`}
            >
              Remove
            </button>
          </legend>
          <ShockEditor
            shock={s}
            names={names}
            onChange={(next) => set({ shocks: shocks.map((x, k) => (k === n ? next : x)) })}
          />
        </fieldset>
      ))}
      <div className="actions">
        {(['restrict', 'outage', 'build'] as const).map((k) => (
          <button key={k} type="button" onClick={() => set({ shocks: [...shocks, newShock(k)] })}>
            Add {KIND_LABEL[k].toLowerCase()}
          </button>
        ))}
      </div>
    </form>
  );
}
