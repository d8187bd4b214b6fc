/** The scenario's fields and shocks as a form. */
import type { DatasetSummary, ItemRow, Scenario } from '../api.js';
import type { MessageKey } from '../i18n.js';
import { useT } from '../i18n.js';
import { useNames } from '../names.js';
import { useAreaTitle } from '../pages/areas.js';
import type { ShockKind } from './draft.js';
import { newShock, shockKind } from './draft.js';
import type { NameOptions } from './ShockEditor.js';
import { ShockEditor } from './ShockEditor.js';

const KIND_LABEL: Record<ShockKind, MessageKey> = {
  restrict: 'shock.kind.restrict',
  outage: 'shock.kind.outage',
  build: 'shock.kind.build',
};
const ADD_LABEL: Record<ShockKind, MessageKey> = {
  restrict: 'shock.add.restrict',
  outage: 'shock.add.outage',
  build: 'shock.add.build',
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
  const t = useT();
  const local = useNames();
  const areaTitle = useAreaTitle();
  const names: NameOptions = {
    countries: [
      { value: 'ALL', label: t('form.everyCountry') },
      ...dataset.blocs.map((b) => ({
        value: b.id,
        label: t('form.blocOf', { n: b.members.length }),
      })),
      ...dataset.countries.map((c) => ({ value: c.code, label: local.country(c.code, c.name) })),
    ],
    items: items.map((i) => ({ value: i.id, label: local.item(i.id, i.name) })),
    areas: dataset.areas.map((a) => ({ value: a.id, label: areaTitle(a.id) })),
  };
  const set = (patch: Partial<Scenario>) => onChange({ ...scenario, ...patch });
  const shocks = scenario.shocks;
  return (
    <form className="scenario-form" onSubmit={(e) => e.preventDefault()}>
      <div className="row">
        <label className="inline">
          {t('form.id')} <input value={scenario.id} onChange={(e) => set({ id: e.target.value })} />
        </label>
        <label className="inline grow">
          {t('form.name')}{' '}
          <input value={scenario.name ?? ''} onChange={(e) => set({ name: e.target.value })} />
        </label>
        <label className="inline">
          {t('form.allocation')}{' '}
          <select
            value={scenario.assumptions?.reallocation ?? 'market'}
            onChange={(e) =>
              set({ assumptions: { reallocation: e.target.value as 'market' | 'fixed' } })
            }
          >
            <option value="market">{t('form.market')}</option>
            <option value="fixed">{t('form.fixed')}</option>
          </select>
        </label>
      </div>
      {shocks.map((s, n) => (
        <fieldset key={n} className="shock-box">
          <legend>
            {t('shock.legend', { n: n + 1, kind: t(KIND_LABEL[shockKind(s)]) })}{' '}
            <button
              type="button"
              onClick={() => set({ shocks: shocks.filter((_, k) => k !== n) })}
              aria-label={t('shock.removeN', { n: n + 1 })}
            >
              {t('picker.remove')}
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
            {t(ADD_LABEL[k])}
          </button>
        ))}
      </div>
    </form>
  );
}
