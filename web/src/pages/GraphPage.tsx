/** Supply-chain graph of one area, with the colouring chosen in the URL (`c=hhi|foreign`). */
import type { PageProps } from '../App.js';
import { api } from '../api.js';
import { heat } from '../colors.js';
import { Show } from '../components/Status.js';
import type { ColorBy } from '../graph/GraphView.js';
import { GraphView, edgeColor } from '../graph/GraphView.js';
import { href } from '../route.js';
import { useApi } from '../use-api.js';
import { areaTitle } from './areas.js';

export function GraphPage({ route, dataset, perspective, go }: PageProps) {
  const area = route.arg || dataset.areas[0]?.id || 'ic';
  const colorBy: ColorBy = route.params.c === 'foreign' ? 'foreign' : 'hhi';
  const graph = useApi(() => api.graph(area, perspective), [area, perspective]);
  const set = (changes: Record<string, string>) =>
    go(href('graph', changes.area ?? area, { ...route.params, ...changes, area: undefined }));
  return (
    <>
      <div className="page-head">
        <h1>Supply chain: {areaTitle(area)}</h1>
        <div className="controls">
          <label className="picker">
            Area{' '}
            <select value={area} onChange={(e) => set({ area: e.target.value })} aria-label="Area">
              {dataset.areas.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name} ({a.items})
                </option>
              ))}
            </select>
          </label>
          <fieldset className="toggle">
            <legend>Colour nodes by</legend>
            {(
              [
                ['hhi', 'concentration (HHI)'],
                ['foreign', `${perspective}'s foreign dependence`],
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
        </div>
      </div>
      <Legend colorBy={colorBy} perspective={perspective} />
      <Show load={graph} what="the supply chain">
        {(g) => (
          <>
            <p className="muted">
              {plural(g.nodes.filter((n) => !n.external).length, 'item')} of the area and{' '}
              {plural(g.nodes.filter((n) => n.external).length, 'input')} from other areas (dashed),
              linked by {plural(g.edges.length, 'requirement')}. Inputs on the left, end products on
              the right. Hover or focus a node for its numbers; select it to open the item. Wide
              graphs scroll sideways.
            </p>
            <GraphView graph={g} colorBy={colorBy} perspective={perspective} />
          </>
        )}
      </Show>
    </>
  );
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function Legend({ colorBy, perspective }: { colorBy: ColorBy; perspective: string }) {
  const steps = [0, 0.25, 0.5, 0.75, 1];
  return (
    <div className="legend" aria-label="Legend">
      <span>{colorBy === 'hhi' ? 'HHI' : `foreign share for ${perspective}`}:</span>
      {steps.map((t) => (
        <span key={t} className="legend-step">
          <span className="swatch" style={{ background: heat(t) }} />
          {colorBy === 'hhi' ? (t * 10000).toLocaleString('en-US') : `${t * 100}%`}
        </span>
      ))}
      <span className="legend-step">
        <span className="swatch" style={{ background: '#d4d4d8' }} /> unknown
      </span>
      <span className="legend-step">
        edges: <span className="line" style={{ background: edgeColor(1) }} /> essential
        <span className="line" style={{ background: edgeColor(0.6) }} /> important
        <span className="line" style={{ background: edgeColor(0.2) }} /> minor
      </span>
    </div>
  );
}
