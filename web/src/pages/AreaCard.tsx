/** One area on the overview: the perspective's share, its uncontrolled concentrated items. */
import type { OverviewAnswer, SimulationReport } from '../api.js';
import { hhiLabel, pct, usd } from '../format.js';
import { useT } from '../i18n.js';
import { useNames } from '../names.js';
import { href } from '../route.js';
import { useAreaTitle } from './areas.js';

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
  const t = useT();
  const names = useNames();
  const areaTitle = useAreaTitle();
  const outcome = sim?.byArea.find((b) => b.area === area.id);
  return (
    <section className="card" aria-labelledby={`area-${area.id}`} data-area={area.id}>
      <h2 id={`area-${area.id}`}>
        <a href={href('graph', area.id, { p: perspective })}>{areaTitle(area.id)}</a>
      </h2>
      <dl className="figures">
        <div>
          <dt>{t('card.share', { p: perspective })}</dt>
          <dd className="big" data-testid="area-share">
            {area.share === null ? t('common.unknown') : pct(area.share)}
          </dd>
        </div>
        <div>
          <dt title={t('card.chokepointsTitle')}>{t('card.chokepoints')}</dt>
          <dd className="big" data-testid="area-uncontrolled">
            {area.uncontrolledConcentrated}
          </dd>
        </div>
        <div>
          <dt>{t('card.capability')}</dt>
          <dd className="big" data-testid="area-capability">
            {simLoading ? '…' : outcome ? pct(outcome.capabilityIndex) : '–'}
          </dd>
        </div>
      </dl>
      <p className="muted small">
        {t('card.counts', {
          n: area.items,
          quantified: area.quantifiedItems,
          sized: area.sizedItems,
        })}
        {outcome && outcome.valueAtRisk > 0
          ? ` · ${t('card.atRisk', { value: usd(outcome.valueAtRisk) })}`
          : ''}
      </p>
      {area.chokepoints.length ? (
        <ul className="chokes">
          {area.chokepoints.map((c) => (
            <li key={c.item}>
              <a href={href('item', c.item, { p: perspective })}>{names.item(c.item, c.name)}</a>{' '}
              <span className="muted">
                HHI {hhiLabel(c.hhi)}
                {c.top ? `, ${c.top.country} ${pct(c.top.share, 0)}` : ''}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">{t('card.noneUncontrolled', { p: perspective })}</p>
      )}
    </section>
  );
}
