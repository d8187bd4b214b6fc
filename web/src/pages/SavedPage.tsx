/**
 * Saved work: the scenarios and runs kept in the server's store, and two runs compared side
 * by side (`GET /api/runs/compare`). On a server shared beyond this machine, the page asks for
 * an API token and keeps it for this tab.
 */
import { useState } from 'react';
import type { PageProps } from '../App.js';
import type { RunComparison, SavedRunSummary } from '../api.js';
import { ApiFailure, api, getToken, setToken } from '../api.js';
import { ErrorBox, Show } from '../components/Status.js';
import { int, pct, usd } from '../format.js';
import type { MessageKey } from '../i18n.js';
import { useT } from '../i18n.js';
import { useNames } from '../names.js';
import { useAreaTitle } from './areas.js';
import { href } from '../route.js';
import { useApi } from '../use-api.js';

/** The heading of the entries that differ most, by kind of run. */
const ENTRY_LABEL = {
  simulate: 'saved.entries.simulate',
  rank: 'saved.entries.rank',
  risk: 'saved.entries.risk',
  plan: 'saved.entries.plan',
} as const;

/** Run kinds and the comparison's figures in the interface language (codes stay as titles). */
const KIND = {
  simulate: 'saved.kind.simulate',
  rank: 'saved.kind.rank',
  risk: 'saved.kind.risk',
  plan: 'saved.kind.plan',
} as const;
const METRIC: Record<string, MessageKey> = {
  capabilityIndex: 'result.ci',
  valueAtRisk: 'result.var',
  baselineValue: 'result.baseline',
  'top valueAtRisk': 'saved.metric.topVar',
  'capabilityIndex.mean': 'saved.metric.ciMean',
  'capabilityIndex.p5': 'saved.metric.ciP5',
  'valueAtRisk.mean': 'saved.metric.varMean',
  'valueAtRisk.p95': 'saved.metric.varP95',
  'valueAtRisk.cvar95': 'saved.metric.varCvar',
  budget: 'saved.metric.budget',
  cost: 'saved.metric.cost',
  lossBefore: 'saved.metric.lossBefore',
  lossAfter: 'saved.metric.lossAfter',
};

const VIA = {
  local: 'saved.via.local',
  token: 'saved.via.token',
  'public-read': 'saved.via.public-read',
} as const;

export function SavedPage({ route }: PageProps) {
  const t = useT();
  const [version, setVersion] = useState(0);
  const auth = useApi(() => api.auth(), [version]);
  const scenarios = useApi(() => api.savedScenarios(), [version]);
  const runs = useApi(() => api.runs(), [version]);
  const needsToken = [scenarios, runs].some(
    (l) => l.state === 'error' && l.error instanceof ApiFailure && l.error.status === 401,
  );
  return (
    <>
      <div className="page-head">
        <h1>{t('saved.title')}</h1>
        {auth.state === 'ok' ? (
          <span className="muted small" data-testid="who">
            {auth.data.role
              ? t('saved.who', {
                  role: auth.data.role,
                  via: t(VIA[auth.data.via ?? 'local']),
                  store: auth.data.store ?? t('common.none'),
                })
              : t('saved.anonymous')}
          </span>
        ) : null}
      </div>
      {needsToken || getToken() ? (
        <TokenBox onChange={() => setVersion((v) => v + 1)} needed={needsToken} />
      ) : null}
      <section aria-labelledby="saved-scenarios">
        <h2 id="saved-scenarios">{t('saved.scenarios')}</h2>
        <Show load={scenarios} what={t('saved.scenarios')}>
          {(d) =>
            d.scenarios.length === 0 ? (
              <p className="muted">{t('saved.noScenarios')}</p>
            ) : (
              <table className="table" data-testid="saved-scenarios">
                <thead>
                  <tr>
                    <th>{t('saved.col.id')}</th>
                    <th className="num">{t('saved.col.version')}</th>
                    <th>{t('saved.col.name')}</th>
                    <th>{t('saved.col.saved')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {d.scenarios.map((s) => (
                    <tr key={s.id}>
                      <td>
                        <code>{s.id}</code>
                      </td>
                      <td className="num">{s.version}</td>
                      <td>{s.name ?? ''}</td>
                      <td>{when(s.createdAt)}</td>
                      <td>
                        <a
                          href={href('scenario', '', {
                            p: route.params.p,
                            saved: `${s.id}@${s.version}`,
                          })}
                        >
                          {t('saved.open')}
                        </a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </Show>
      </section>
      <section aria-labelledby="saved-runs">
        <h2 id="saved-runs">{t('saved.runs')}</h2>
        <Show load={runs} what={t('saved.runs')}>
          {(d) => <RunList runs={d.runs} />}
        </Show>
      </section>
    </>
  );
}

function when(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

function TokenBox({ onChange, needed }: { onChange: () => void; needed: boolean }) {
  const t = useT();
  const [text, setText] = useState('');
  return (
    <form
      className="token-box"
      onSubmit={(e) => {
        e.preventDefault();
        setToken(text.trim() || null);
        setText('');
        onChange();
      }}
    >
      {needed ? <p>{t('saved.tokenNeeded')}</p> : null}
      <label>
        {t('saved.token')}{' '}
        <input
          type="password"
          autoComplete="off"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('saved.tokenPlaceholder')}
        />
      </label>{' '}
      <button type="submit">{t('saved.useToken')}</button>{' '}
      {getToken() ? (
        <button
          type="button"
          onClick={() => {
            setToken(null);
            onChange();
          }}
        >
          {t('saved.forgetToken')}
        </button>
      ) : null}
    </form>
  );
}

function RunList({ runs }: { runs: SavedRunSummary[] }) {
  const t = useT();
  const [picked, setPicked] = useState<string[]>([]);
  const [cmp, setCmp] = useState<
    | { state: 'idle' }
    | { state: 'loading' }
    | { state: 'ok'; data: RunComparison }
    | { state: 'error'; error: Error }
  >({ state: 'idle' });
  if (runs.length === 0) return <p className="muted">{t('saved.noRuns')}</p>;
  const toggle = (id: string) =>
    setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-2)));
  const compare = () => {
    const [a, b] = picked;
    if (!a || !b) return;
    setCmp({ state: 'loading' });
    api.compareRuns(a, b).then(
      (data) => setCmp({ state: 'ok', data }),
      (error: Error) => setCmp({ state: 'error', error }),
    );
  };
  return (
    <>
      <p className="muted small">{t('saved.pickTwo')}</p>
      <table className="table" data-testid="saved-runs">
        <thead>
          <tr>
            <th />
            <th>{t('saved.col.run')}</th>
            <th>{t('saved.col.kind')}</th>
            <th>{t('saved.col.scenario')}</th>
            <th>{t('saved.col.started')}</th>
            <th className="num">{t('saved.col.duration')}</th>
            <th>{t('saved.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id}>
              <td>
                <input
                  type="checkbox"
                  aria-label={t('saved.pick', { id: r.id })}
                  checked={picked.includes(r.id)}
                  onChange={() => toggle(r.id)}
                />
              </td>
              <td>
                <code>{r.id}</code>
              </td>
              <td>{t(KIND[r.kind])}</td>
              <td>{r.scenarioId ? `${r.scenarioId}@${r.scenarioVersion ?? ''}` : ''}</td>
              <td>{when(r.startedAt)}</td>
              <td className="num">{int(r.durationMs)} ms</td>
              <td>{r.status === 'ok' ? t('saved.ok') : (r.error ?? r.status)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={picked.length !== 2 || cmp.state === 'loading'}
          onClick={compare}
          data-testid="compare"
        >
          {t('saved.compare')}
        </button>
      </div>
      {cmp.state === 'error' ? <ErrorBox error={cmp.error} /> : null}
      {cmp.state === 'ok' ? <Comparison c={cmp.data} /> : null}
    </>
  );
}

function Comparison({ c }: { c: RunComparison }) {
  const t = useT();
  const names = useNames();
  // Simulations list items, rankings item|restrictor; events and projects stay ids.
  const entryName = (key: string) => {
    if (c.kind === 'simulate') return names.item(key);
    if (c.kind === 'rank') {
      const [item = key, who = ''] = key.split('|');
      return `${names.item(item)} ← ${names.country(who)}`;
    }
    return key;
  };
  const areaTitle = useAreaTitle();
  const fmt = (unit: string, v: number | null, signed = false) => {
    if (v === null) return '–';
    const sign = signed && v > 0 ? '+' : signed && v < 0 ? '−' : '';
    const x = signed ? Math.abs(v) : v;
    if (unit === 'share') return sign + pct(x);
    if (unit === 'chosen') return sign + String(x);
    return sign + usd(x);
  };
  return (
    <section aria-labelledby="comparison" data-testid="comparison">
      <h2 id="comparison">{t('saved.comparison', { a: c.a.id, b: c.b.id })}</h2>
      {c.notes.length ? (
        <ul className="notes">
          {c.notes.map((n) => (
            <li key={n} lang="en">
              {n}
            </li>
          ))}
        </ul>
      ) : null}
      {c.figures.length ? (
        <DeltaTable
          first={t('saved.col.figure')}
          rows={c.figures.map((f) => ({
            key: f.metric,
            label: METRIC[f.metric] ? t(METRIC[f.metric]!) : f.metric,
            ...f,
          }))}
          format={fmt}
        />
      ) : null}
      {c.byArea.length ? (
        <>
          <h3>{t('saved.byArea')}</h3>
          <DeltaTable
            first={t('saved.col.area')}
            rows={c.byArea.map((r) => ({ ...r, label: areaTitle(r.key), unit: 'usd' }))}
            format={fmt}
          />
        </>
      ) : null}
      {c.entries.rows.length ? (
        <>
          <h3>{c.kind ? t(ENTRY_LABEL[c.kind]) : c.entries.label}</h3>
          <DeltaTable
            first={t('saved.col.entry')}
            rows={c.entries.rows.map((r) => ({
              ...r,
              label: entryName(r.key),
              unit: c.entries.unit,
            }))}
            format={fmt}
          />
        </>
      ) : null}
    </section>
  );
}

interface DeltaRow {
  key: string;
  label: string;
  unit: string;
  a: number | null;
  b: number | null;
  delta: number | null;
}

/** Rows of A, B and B − A; the first column names the row (its key as the title). */
function DeltaTable({
  first,
  rows,
  format,
}: {
  first: string;
  rows: DeltaRow[];
  format: (unit: string, v: number | null, signed?: boolean) => string;
}) {
  const t = useT();
  return (
    <table className="table">
      <thead>
        <tr>
          <th>{first}</th>
          <th className="num">A</th>
          <th className="num">B</th>
          <th className="num">{t('saved.col.delta')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <td title={r.key}>{r.label}</td>
            <td className="num">{format(r.unit, r.a)}</td>
            <td className="num">{format(r.unit, r.b)}</td>
            <td className="num">{format(r.unit, r.delta, true)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
