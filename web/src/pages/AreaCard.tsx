/** One area on the overview: the perspective's share, its uncontrolled concentrated items. */
import type { OverviewAnswer, SimulationReport } from '../api.js';
import { hhiLabel, pct, usd } from '../format.js';
import { href } from '../route.js';
import { areaTitle } from './areas.js';

export function AreaCard({
  area,
  perspective,
  sim,
  simLoading,
}: {
  area: OverviewAnswer['areas'][number];
  perspective: string;
  sim: SimulationReport | null;
  simLoading: boolean;
}) {
  const outcome = sim?.byArea.find((b) => b.area === area.id);
  return (
    <section className="card" aria-labelledby={`area-${area.id}`} data-area={area.id}>
      <h2 id={`area-${area.id}`}>
        <a href={href('graph', area.id, { p: perspective })}>{areaTitle(area.id)}</a>
      </h2>
      <dl className="figures">
        <div>
          <dt>{perspective}'s share</dt>
          <dd className="big" data-testid="area-share">
            {area.share === null ? 'unknown' : pct(area.share)}
          </dd>
        </div>
        <div>
          <dt title="Items with an HHI of 2,500 or more where the perspective holds under half">
            Chokepoints
          </dt>
          <dd className="big" data-testid="area-uncontrolled">
            {area.uncontrolledConcentrated}
          </dd>
        </div>
        <div>
          <dt>Capability</dt>
          <dd className="big" data-testid="area-capability">
            {simLoading ? '…' : outcome ? pct(outcome.capabilityIndex) : '–'}
          </dd>
        </div>
      </dl>
      <p className="muted small">
        {area.items} item{area.items === 1 ? '' : 's'}, {area.quantifiedItems} quantified,{' '}
        {area.sizedItems} with market size
        {outcome && outcome.valueAtRisk > 0 ? ` · ${usd(outcome.valueAtRisk)} at risk` : ''}
      </p>
      {area.chokepoints.length ? (
        <ul className="chokes">
          {area.chokepoints.map((c) => (
            <li key={c.item}>
              <a href={href('item', c.item, { p: perspective })}>{c.name}</a>{' '}
              <span className="muted">
                HHI {hhiLabel(c.hhi)}
                {c.top ? `, ${c.top.country} ${pct(c.top.share, 0)}` : ''}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">No quantified item here that {perspective} does not control.</p>
      )}
    </section>
  );
}
