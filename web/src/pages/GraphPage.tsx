/** Supply-chain graph of one area, with the colouring chosen in the URL (`c=hhi|foreign`). */
import type { PageProps } from '../App.js';
import { api } from '../api.js';
import { heat } from '../colors.js';
import { Show } from '../components/Status.js';
import { int } from '../format.js';
import type { ColorBy } from '../graph/GraphView.js';
import { GraphView, edgeColor } from '../graph/GraphView.js';
import { scenarioLabel } from '../../../src/core/i18n/index.js';
import { useLang, useT } from '../i18n.js';
import { href } from '../route.js';
import { useApi } from '../use-api.js';
import { useAreaTitle } from './areas.js';

export function GraphPage({ route, dataset, perspective, go }: PageProps) {
  const t = useT();
  const lang = useLang();
  const areaTitle = useAreaTitle();
  const area = route.arg || dataset.areas[0]?.id || 'ic';
  const colorBy: ColorBy =
    route.params.c === 'foreign' ? 'foreign' : route.params.c === 'loss' ? 'loss' : 'hhi';
  const graph = useApi(() => api.graph(area, perspective), [area, perspective]);
  const library = useApi(() => api.scenarios(), []);
  const entries = library.state === 'ok' ? library.data : [];
  const scenarioId = route.params.s ?? '';
  const entry = entries.find((e) => e.id === scenarioId);
  const run = useApi(
    () => (entry ? api.simulate(entry.scenario, perspective) : Promise.resolve(null)),
    [entry?.id, perspective],
  );
  const report = run.state === 'ok' ? run.data : null;
  const loss = report ? new Map(report.worldLoss.map((w) => [w.item, w.loss])) : undefined;
  const set = (changes: Record<string, string>) =>
    go(href('graph', changes.area ?? area, { ...route.params, ...changes, area: undefined }));
  return (
    <>
      <div className="page-head">
        <h1>{t('graph.title', { area: areaTitle(area) })}</h1>
        <div className="controls">
          <label className="picker">
            {t('graph.area')}{' '}
            <select
              value={area}
              onChange={(e) => set({ area: e.target.value })}
              aria-label={t('graph.area')}
            >
              {dataset.areas.map((a) => (
                <option key={a.id} value={a.id}>
                  {areaTitle(a.id)} ({a.items})
                </option>
              ))}
            </select>
          </label>
          <fieldset className="toggle">
            <legend>{t('graph.colorBy')}</legend>
            {(
              [
                ['hhi', t('graph.byHhi')],
                ['foreign', t('graph.byForeign', { p: perspective })],
                ['loss', t('graph.byLoss')],
              ] as const
            ).map(([v, label]) => (
              <label key={v}>
                <input
                  type="radio"
                  name="colorBy"
                  checked={colorBy === v}
                  onChange={() => set({ c: v })}
                />{' '}
                {label}
              </label>
            ))}
          </fieldset>
          {colorBy === 'loss' ? (
            <label className="picker">
              {t('graph.scenario')}{' '}
              <select
                value={scenarioId}
                onChange={(e) => set({ s: e.target.value })}
                aria-label={t('graph.scenario')}
              >
                <option value="">{t('graph.pickScenario')}</option>
                {entries.map((e) => (
                  <option key={e.id} value={e.id}>
                    {scenarioLabel(lang, { ...e.scenario, id: e.id })}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </div>
      </div>
      <Legend colorBy={colorBy} perspective={perspective} />
      <Show load={graph} what={t('status.what.graph')}>
        {(g) => (
          <>
            <p className="muted">
              {t('graph.lede', {
                items: g.nodes.filter((n) => !n.external).length,
                inputs: g.nodes.filter((n) => n.external).length,
                edges: g.edges.length,
              })}
            </p>
            <GraphView graph={g} colorBy={colorBy} perspective={perspective} loss={loss} />
          </>
        )}
      </Show>
    </>
  );
}

function Legend({ colorBy, perspective }: { colorBy: ColorBy; perspective: string }) {
  const t = useT();
  const steps = [0, 0.25, 0.5, 0.75, 1];
  return (
    <div className="legend" aria-label={t('graph.legend')}>
      <span>
        {colorBy === 'hhi'
          ? 'HHI'
          : colorBy === 'loss'
            ? t('graph.legendLoss')
            : t('graph.legendForeign', { p: perspective })}
        :
      </span>
      {steps.map((s) => (
        <span key={s} className="legend-step">
          <span className="swatch" style={{ background: heat(s) }} />
          {colorBy === 'hhi' ? int(s * 10000) : `${s * 100}%`}
        </span>
      ))}
      <span className="legend-step">
        <span className="swatch" style={{ background: '#d4d4d8' }} /> {t('common.unknown')}
      </span>
      <span className="legend-step">
        {t('graph.edges')} <span className="line" style={{ background: edgeColor(1) }} />{' '}
        {t('graph.essential')}
        <span className="line" style={{ background: edgeColor(0.6) }} /> {t('graph.important')}
        <span className="line" style={{ background: edgeColor(0.2) }} /> {t('graph.minor')}
      </span>
    </div>
  );
}
