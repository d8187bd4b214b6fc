/** The dashboard's frame: header, navigation, perspective, and the page the URL names. */
import { api } from './api.js';
import type { DatasetSummary } from './api.js';
import { PerspectivePicker } from './components/PerspectivePicker.js';
import { Show } from './components/Status.js';
import { DataPage } from './pages/DataPage.js';
import { GraphPage } from './pages/GraphPage.js';
import { ItemPage } from './pages/ItemPage.js';
import { OverviewPage } from './pages/OverviewPage.js';
import { ScenarioPage } from './pages/ScenarioPage.js';
import type { Page, Route } from './route.js';
import { href, useRoute } from './route.js';
import { useApi } from './use-api.js';

const NAV: [Page, string][] = [
  ['overview', 'Overview'],
  ['graph', 'Supply chains'],
  ['scenario', 'Scenario builder'],
  ['data', 'Data'],
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
    case 'data':
      return <DataPage {...props} />;
    default:
      return <OverviewPage {...props} />;
  }
}

export function App() {
  const [route, go] = useRoute();
  const dataset = useApi(() => api.dataset(), []);
  return (
    <>
      <header className="top">
        <a className="brand" href={href('overview')}>
          Chokepoint
        </a>
        <nav aria-label="Pages">
          {NAV.map(([page, label]) => (
            <a
              key={page}
              href={href(page, '', { p: route.params.p })}
              aria-current={route.page === page ? 'page' : undefined}
            >
              {label}
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
      </header>
      <main>
        <Show load={dataset} what="the dataset">
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
          Dataset {dataset.data.name ?? 'unnamed'} {dataset.data.version ?? ''} ·{' '}
          {dataset.data.counts.items} items · {dataset.data.counts.sources} sources ·{' '}
          <a href={href('data', '', { p: route.params.p })}>sources and attribution</a>
        </footer>
      ) : null}
    </>
  );
}

export function defaultPerspective(d: DatasetSummary): string {
  return d.countries.some((c) => c.code === 'CHN') ? 'CHN' : (d.countries[0]?.code ?? 'CHN');
}
