/**
 * Overview: for the perspective, the areas as cards (value-weighted share of world supply,
 * concentrated items it does not control, capability under a chosen library scenario) and the
 * top chokepoints (single restrictions ranked by production value at risk).
 */
import type { PageProps } from '../App.js';
import { api } from '../api.js';
import { Show } from '../components/Status.js';
import { scenarioLabel } from '../../../src/core/i18n/index.js';
import { useLang, useT } from '../i18n.js';
import { href } from '../route.js';
import { useApi } from '../use-api.js';
import { AreaCard } from './AreaCard.js';
import { TopChokepoints } from './TopChokepoints.js';

export function OverviewPage({ route, perspective, go }: PageProps) {
  const t = useT();
  const lang = useLang();
  const scenarioId = route.params.s ?? '';
  const overview = useApi(() => api.overview(perspective, 3), [perspective]);
  const library = useApi(() => api.scenarios(), []);
  const entry =
    library.state === 'ok' ? library.data.find((e) => e.id === scenarioId && e.valid) : undefined;
  const sim = useApi(
    () => (entry ? api.simulate(entry.scenario, perspective) : Promise.resolve(null)),
    [entry?.id, perspective],
  );
  return (
    <>
      <div className="page-head">
        <h1>{t('overview.title', { p: perspective })}</h1>
        <label className="picker">
          {t('overview.scenario')}{' '}
          <select
            value={scenarioId}
            onChange={(e) => go(href('overview', '', { ...route.params, s: e.target.value }))}
            aria-label={t('overview.scenario')}
          >
            <option value="">{t('overview.baseline')}</option>
            {library.state === 'ok'
              ? library.data
                  .filter((e) => e.valid)
                  .map((e) => (
                    <option key={e.id} value={e.id}>
                      {scenarioLabel(lang, { ...e.scenario, id: e.id })}
                    </option>
                  ))
              : null}
          </select>
        </label>
      </div>
      <p className="lede">
        {t('overview.lede', { p: perspective })}
        {entry
          ? ` ${t('overview.ledeScenario', { p: perspective, name: entry.name ?? entry.id })}`
          : ''}
      </p>
      <Show load={overview} what={t('status.what.overview')}>
        {(o) => (
          <div className="cards">
            {o.areas.map((a) => (
              <AreaCard
                key={a.id}
                area={a}
                perspective={perspective}
                sim={sim.state === 'ok' ? sim.data : null}
                simLoading={!!entry && sim.state === 'loading'}
              />
            ))}
          </div>
        )}
      </Show>
      {sim.state === 'error' ? (
        <p className="error">{t('overview.scenarioFailed', { message: sim.error.message })}</p>
      ) : null}
      <TopChokepoints perspective={perspective} />
    </>
  );
}
