/** Edit one shock of the scenario: a trade restriction, an outage or a capacity build. */
import type { Shock } from '../api.js';
import { NamePicker } from '../components/NamePicker.js';
import { useT } from '../i18n.js';
import { shockKind } from './draft.js';

export interface NameOptions {
  countries: { value: string; label: string }[];
  items: { value: string; label: string }[];
  areas: { value: string; label: string }[];
}

type Selector = {
  items?: string[] | undefined;
  areas?: string[] | undefined;
  includeVariants?: boolean | undefined;
};

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

function SelectorFields({
  sel,
  set,
  names,
}: {
  sel: Selector;
  set: (patch: Partial<Selector>) => void;
  names: NameOptions;
}) {
  const t = useT();
  return (
    <>
      <NamePicker
        label={t('shock.items')}
        values={list(sel.items)}
        options={names.items}
        onChange={(items) => set({ items })}
      />
      <NamePicker
        label={t('shock.areas')}
        values={list(sel.areas)}
        options={names.areas}
        onChange={(areas) => set({ areas })}
      />
      <label className="inline">
        <input
          type="checkbox"
          checked={sel.includeVariants === true}
          onChange={(e) => set({ includeVariants: e.target.checked })}
        />{' '}
        {t('shock.variants')}
      </label>
    </>
  );
}

function Severity({ value, set }: { value: unknown; set: (v: number) => void }) {
  const t = useT();
  const v = typeof value === 'number' ? value : 1;
  return (
    <label className="inline">
      {t('shock.severity')}{' '}
      <input
        type="range"
        min={0}
        max={1}
        step={0.05}
        value={v}
        onChange={(e) => set(Number(e.target.value))}
        aria-label={t('shock.severity')}
      />{' '}
      <output>{Math.round(v * 100)}%</output>
    </label>
  );
}

export function ShockEditor({
  shock,
  onChange,
  names,
}: {
  shock: Shock;
  onChange: (s: Shock) => void;
  names: NameOptions;
}) {
  const t = useT();
  const kind = shockKind(shock);
  if ('restrict' in shock) {
    const r = shock.restrict;
    const set = (patch: object) => onChange({ restrict: { ...r, ...patch } });
    return (
      <div className="shock" data-kind={kind}>
        <NamePicker
          label={t('shock.from')}
          values={list(r.from)}
          options={names.countries}
          onChange={(from) => set({ from })}
        />
        <NamePicker
          label={t('shock.to')}
          values={list(r.to)}
          options={names.countries}
          onChange={(to) => set({ to })}
        />
        <SelectorFields sel={r} set={set} names={names} />
        <Severity value={r.severity} set={(severity) => set({ severity })} />
      </div>
    );
  }
  if ('outage' in shock) {
    const o = shock.outage;
    const set = (patch: object) => onChange({ outage: { ...o, ...patch } });
    return (
      <div className="shock" data-kind={kind}>
        <NamePicker
          label={t('shock.lostIn')}
          values={list(o.in)}
          options={names.countries}
          onChange={(v) => set({ in: v })}
        />
        <SelectorFields sel={o} set={set} names={names} />
        <Severity value={o.severity} set={(severity) => set({ severity })} />
      </div>
    );
  }
  const b = shock.build;
  const set = (patch: object) => onChange({ build: { ...b, ...patch } });
  return (
    <div className="shock" data-kind={kind}>
      <label className="inline">
        {t('shock.country')}{' '}
        <input
          list="build-countries"
          value={b.in}
          onChange={(e) => set({ in: e.target.value })}
          aria-label={t('shock.buildIn')}
        />
      </label>
      <datalist id="build-countries">
        {names.countries.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </datalist>
      <label className="inline">
        {t('col.item')}{' '}
        <input
          list="build-items"
          value={b.item}
          onChange={(e) => set({ item: e.target.value })}
          aria-label={t('shock.itemBuilt')}
        />
      </label>
      <datalist id="build-items">
        {names.items.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </datalist>
      <label className="inline">
        {t('shock.capacity')}{' '}
        <input
          type="number"
          min={0}
          max={100}
          value={b.capacity}
          onChange={(e) => set({ capacity: Number(e.target.value) })}
        />
      </label>
    </div>
  );
}
