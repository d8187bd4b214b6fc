/**
 * Scenario builder: start from the library or a blank scenario, edit shocks in the form or the
 * YAML, run it through `POST /api/simulate`, and download it as a scenario file. The draft
 * lives in the URL (`lib=ID` or `q=JSON`, `run=1` once run), so a built scenario can be linked.
 */
import { useEffect, useState } from 'react';
import type { PageProps } from '../App.js';
import type { Scenario, SimulationReport } from '../api.js';
import { api } from '../api.js';
import { ErrorBox, Loading, Show } from '../components/Status.js';
import { href } from '../route.js';
import { ScenarioForm } from '../scenario/ScenarioForm.js';
import { ScenarioResult } from '../scenario/ScenarioResult.js';
import { YamlEditor } from '../scenario/YamlEditor.js';
import { blankScenario, decodeDraft, encodeDraft, toYaml } from '../scenario/draft.js';
import { useApi } from '../use-api.js';
import { scenarioDescription, scenarioLabel } from '../../../src/core/i18n/index.js';
import { useLang, useT } from '../i18n.js';
import { useNames } from '../names.js';

type Run =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; report: SimulationReport }
  | { state: 'error'; error: Error };

export function ScenarioPage({ route, dataset, go }: PageProps) {
  const t = useT();
  const local = useNames();
  const library = useApi(() => api.scenarios(), []);
  const items = useApi(() => api.items(), []);
  const { lib, q, p, run: runParam, saved } = route.params;
  const entry = library.state === 'ok' && lib ? library.data.find((e) => e.id === lib) : undefined;
  // `saved=ID@V`: a scenario version from the store (the Saved page links here).
  const savedRef = saved ? /^(.+)@(\d+)$/.exec(saved) : null;
  const stored = useApi(
    () =>
      savedRef ? api.savedScenario(savedRef[1]!, Number(savedRef[2])) : Promise.resolve(undefined),
    [saved],
  );
  const draft: Scenario | undefined =
    decodeDraft(q) ??
    entry?.scenario ??
    (stored.state === 'ok' ? stored.data?.scenario : undefined) ??
    (lib || savedRef ? undefined : blankScenario());
  const perspective = p ?? draft?.perspective ?? 'CHN';
  const lang = useLang();
  const description = entry ? scenarioDescription(lang, entry.scenario) : undefined;
  const [run, setRun] = useState<Run>({ state: 'idle' });
  const [saveNote, setSaveNote] = useState<{ text: string; error?: Error } | undefined>();
  const [recordRun, setRecordRun] = useState(false);
  const [mode, setMode] = useState<'form' | 'yaml'>('form');
  const names = new Map(
    items.state === 'ok' ? items.data.map((i) => [i.id, local.item(i.id, i.name)]) : [],
  );

  const setDraft = (s: Scenario) => {
    setRun({ state: 'idle' });
    go(href('scenario', '', { p: route.params.p, q: encodeDraft(s) }), true);
  };
  const execute = (s: Scenario) => {
    setRun({ state: 'running' });
    setSaveNote(undefined);
    // 24 months beside the static result: when the shock bites, and whether it recovers.
    if (recordRun) {
      api.simulateAndSave(s, perspective, 24).then(
        ({ report, runId }) => {
          setRun({ state: 'done', report });
          setSaveNote({ text: t('scenario.savedRun', { id: runId ?? '?' }) });
        },
        (error: Error) => setRun({ state: 'error', error }),
      );
    } else {
      api.simulate(s, perspective, undefined, 24).then(
        (report) => setRun({ state: 'done', report }),
        (error: Error) => setRun({ state: 'error', error }),
      );
    }
    if (runParam !== '1')
      go(href('scenario', '', { ...route.params, p: perspective, run: '1' }), true);
  };
  // A linked, already-run scenario runs again on load.
  useEffect(() => {
    if (runParam === '1' && draft && run.state === 'idle') execute(draft);
  });

  const download = () => {
    if (!draft) return;
    const url = URL.createObjectURL(new Blob([toYaml(draft)], { type: 'application/yaml' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${draft.id || 'scenario'}.yaml`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <>
      <div className="page-head">
        <h1>{t('nav.scenario')}</h1>
        <label className="picker">
          {t('scenario.startFrom')}{' '}
          <select
            value={lib ?? ''}
            aria-label={t('scenario.library')}
            onChange={(e) => {
              const next =
                library.state === 'ok'
                  ? library.data.find((x) => x.id === e.target.value)
                  : undefined;
              setRun({ state: 'idle' });
              go(
                href('scenario', '', {
                  p: next?.perspective ?? route.params.p,
                  lib: e.target.value || undefined,
                }),
              );
            }}
          >
            <option value="">{t('scenario.blank')}</option>
            {library.state === 'ok'
              ? library.data.map((e) => (
                  <option key={e.id} value={e.id} disabled={!e.valid}>
                    {scenarioLabel(lang, { ...e.scenario, id: e.id })}
                  </option>
                ))
              : null}
          </select>
        </label>
      </div>
      {library.state === 'error' ? <ErrorBox error={library.error} /> : null}
      {description ? (
        <p className="lede" lang={description.lang}>
          {description.text}
        </p>
      ) : null}
      {!draft ? (
        <Loading what={t('status.what.scenario')} />
      ) : (
        <>
          <div className="tabs" role="group" aria-label={t('scenario.editor')}>
            <button type="button" aria-pressed={mode === 'form'} onClick={() => setMode('form')}>
              {t('scenario.form')}
            </button>
            <button type="button" aria-pressed={mode === 'yaml'} onClick={() => setMode('yaml')}>
              YAML
            </button>
          </div>
          {mode === 'form' ? (
            <Show load={items} what={t('status.what.items')}>
              {(list) => (
                <ScenarioForm scenario={draft} onChange={setDraft} dataset={dataset} items={list} />
              )}
            </Show>
          ) : (
            <YamlEditor scenario={draft} onApply={setDraft} />
          )}
          <div className="actions">
            <button
              type="button"
              className="primary"
              onClick={() => execute(draft)}
              disabled={run.state === 'running'}
            >
              {t('scenario.run', { p: perspective })}
            </button>
            <button type="button" onClick={download}>
              {t('scenario.save')}
            </button>
            <button
              type="button"
              data-testid="save-store"
              onClick={() =>
                api.saveScenario(draft).then(
                  (r) =>
                    setSaveNote({
                      text: t(r.created ? 'scenario.savedVersion' : 'scenario.sameVersion', {
                        id: r.version.id,
                        v: r.version.version,
                      }),
                    }),
                  (error: Error) => setSaveNote({ text: '', error }),
                )
              }
            >
              {t('scenario.saveStore')}
            </button>
            <label className="small">
              <input
                type="checkbox"
                checked={recordRun}
                onChange={(e) => setRecordRun(e.target.checked)}
                data-testid="record-run"
              />{' '}
              {t('scenario.recordRun')}
            </label>
            <span className="muted small">
              {t('scenario.perspectiveNote', { p: draft.perspective ?? t('common.none') })}
            </span>
          </div>
        </>
      )}
      {stored.state === 'error' ? <ErrorBox error={stored.error} /> : null}
      {saveNote?.error ? <ErrorBox error={saveNote.error} /> : null}
      {saveNote && !saveNote.error ? (
        <p className="status" role="status" data-testid="save-note">
          {saveNote.text} <a href={href('saved', '', { p: route.params.p })}>{t('nav.saved')}</a>
        </p>
      ) : null}
      {run.state === 'running' ? <Loading what={t('status.what.equilibrium')} /> : null}
      {run.state === 'error' ? <ErrorBox error={run.error} /> : null}
      {run.state === 'done' ? <ScenarioResult report={run.report} names={names} /> : null}
    </>
  );
}
