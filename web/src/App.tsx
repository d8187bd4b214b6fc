/** The dashboard's frame: header, navigation, perspective, language, and the page the URL names. */
import { useEffect } from 'react';
import { api } from './api.js';
import type { DatasetSummary } from './api.js';
import { BriefButton } from './components/BriefButton.js';
import { LangSwitch } from './components/LangSwitch.js';
import { PerspectivePicker } from './components/PerspectivePicker.js';
import { Show } from './components/Status.js';
import { setFormatLang } from './format.js';
import type { MessageKey } from './i18n.js';
import { LangContext, pickLang, useT } from './i18n.js';
import { NamesContext } from './names.js';
import { DataPage } from './pages/DataPage.js';
import { GraphPage } from './pages/GraphPage.js';
import { ItemPage } from './pages/ItemPage.js';
import { OverviewPage } from './pages/OverviewPage.js';
import { RiskPlanPage } from './pages/RiskPlanPage.js';
import { SavedPage } from './pages/SavedPage.js';
import { ScenarioPage } from './pages/ScenarioPage.js';
import type { Page, Route } from './route.js';
import { href, setLinkLang, useRoute } from './route.js';
import { useApi } from './use-api.js';

const NAV: [Page, MessageKey][] = [
  ['overview', 'nav.overview'],
  ['graph', 'nav.graph'],
  ['scenario', 'nav.scenario'],
  ['data', 'nav.data'],
  ['plan', 'nav.plan'],
  ['saved', 'nav.saved'],
];

export interface PageProps {
  route: Route;
  dataset: DatasetSummary;
  perspective: string;
  go: (next: string, replace?: boolean) => void;
}

function Body(props: PageProps) {
  switch (props.route.page) {
    case 'graph':
      return <GraphPage {...props} />;
    case 'item':
      return <ItemPage {...props} />;
    case 'scenario':
      return <ScenarioPage {...props} />;
    case 'plan':
      return <RiskPlanPage {...props} />;
    case 'data':
      return <DataPage {...props} />;
    case 'saved':
      return <SavedPage {...props} />;
    default:
      return <OverviewPage {...props} />;
  }
}

export function App() {
  const [route, go] = useRoute();
  const lang = pickLang(route.params.lang);
  // Set before the children render: formatting and links read these.
  setFormatLang(lang);
  setLinkLang(lang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const dataset = useApi(() => api.dataset(), []);
  const names = useApi(() => api.names(), []);
  return (
    <LangContext.Provider value={lang}>
      <NamesContext.Provider value={names.state === 'ok' ? names.data : null}>
        <Frame route={route} go={go} dataset={dataset} />
      </NamesContext.Provider>
    </LangContext.Provider>
  );
}

function Frame({
  route,
  go,
  dataset,
}: {
  route: Route;
  go: PageProps['go'];
  dataset: ReturnType<typeof useApi<DatasetSummary>>;
}) {
  const t = useT();
  useEffect(() => {
    document.title = t('app.title');
  });
  return (
    <>
      <header className="top">
        <a className="brand" href={href('overview')}>
          {t('app.title')}
        </a>
        <nav aria-label={t('nav.label')}>
          {NAV.map(([page, label]) => (
            <a
              key={page}
              href={href(page, '', { p: route.params.p })}
              aria-current={route.page === page ? 'page' : undefined}
            >
              {t(label)}
            </a>
          ))}
        </nav>
        {dataset.state === 'ok' ? (
          <PerspectivePicker
            dataset={dataset.data}
            value={route.params.p ?? defaultPerspective(dataset.data)}
            onChange={(p) => go(href(route.page, route.arg, { ...route.params, p }))}
          />
        ) : null}
        {dataset.state === 'ok' ? (
          <BriefButton
            route={route}
            perspective={route.params.p ?? defaultPerspective(dataset.data)}
          />
        ) : null}
        <LangSwitch
          onChange={(lang) => go(href(route.page, route.arg, { ...route.params, lang }))}
        />
      </header>
      <main>
        <Show load={dataset} what={t('status.what.dataset')}>
          {(data) => (
            <Body
              route={route}
              dataset={data}
              perspective={route.params.p ?? defaultPerspective(data)}
              go={go}
            />
          )}
        </Show>
      </main>
      {dataset.state === 'ok' ? (
        <footer>
          {t('footer.dataset', {
            name: dataset.data.name ?? t('data.unnamed'),
            version: dataset.data.version ?? '',
          })}{' '}
          · {t('footer.items', { n: dataset.data.counts.items })} ·{' '}
          {t('footer.sources', { n: dataset.data.counts.sources })} ·{' '}
          <a href={href('data', '', { p: route.params.p })}>{t('footer.attribution')}</a>
        </footer>
      ) : null}
    </>
  );
}

export function defaultPerspective(d: DatasetSummary): string {
  return d.countries.some((c) => c.code === 'CHN') ? 'CHN' : (d.countries[0]?.code ?? 'CHN');
}
