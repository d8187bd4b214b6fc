/** A simulation's outcome: capability and value at risk per area beside the baseline, losses with why chains. */
import type { SeriesPoint } from '../../../src/core/dynamics.js';
import { MonthlyChart } from './MonthlyChart.js';
import type { SimulationReport } from '../api.js';
import { pct, usd } from '../format.js';
import { useT } from '../i18n.js';
import { useAreaTitle } from '../pages/areas.js';
import { href } from '../route.js';

export function ScenarioResult({
  report,
  names,
}: {
  report: SimulationReport & { series?: SeriesPoint[] };
  names: ReadonlyMap<string, string>;
}) {
  const t = useT();
  const areaTitle = useAreaTitle();
  const p = report.perspective;
  const link = (id: string) => (
    <a href={href('item', id, { p })} title={id}>
      {names.get(id) ?? id}
    </a>
  );
  return (
    <section aria-labelledby="result-title" className="result">
      <h2 id="result-title">{t('result.title', { scenario: report.scenario, p })}</h2>
      <dl className="figures wide">
        <div>
          <dt>{t('result.ci')}</dt>
          <dd className="big" data-testid="capability-index">
            {pct(report.capabilityIndex, 2)}
          </dd>
        </div>
        <div>
          <dt>{t('result.var')}</dt>
          <dd className="big" data-testid="value-at-risk">
            {usd(report.valueAtRisk)}
          </dd>
        </div>
        <div>
          <dt>{t('result.baseline')}</dt>
          <dd className="big">{usd(report.baselineValue)}</dd>
        </div>
        <div>
          <dt>{t('result.equilibrium')}</dt>
          <dd className="big">
            {report.converged ? t('result.converged') : t('result.notConverged')}
            <small>
              {' '}
              {t('result.sweeps', {
                n: report.iterations,
                mode: t(report.reallocation === 'fixed' ? 'mode.fixed' : 'mode.market'),
              })}
            </small>
          </dd>
        </div>
      </dl>
      {report.series ? <MonthlyChart series={report.series} /> : null}
      <table className="table" aria-label={t('result.byArea')}>
        <thead>
          <tr>
            <th scope="col">{t('col.area')}</th>
            <th scope="col">{t('result.col.bar')}</th>
            <th scope="col" className="num">
              {t('card.capability')}
            </th>
            <th scope="col" className="num">
              {t('col.valueAtRisk')}
            </th>
            <th scope="col" className="num">
              {t('result.col.baseline')}
            </th>
          </tr>
        </thead>
        <tbody>
          {report.byArea.map((a) => (
            <tr key={a.area} data-area={a.area}>
              <td className="nowrap">{areaTitle(a.area)}</td>
              <td className="bar-cell">
                <span className="bar base">
                  <span
                    className={`bar ${a.capabilityIndex < 0.999 ? 'loss' : ''}`}
                    style={{ width: `${100 * a.capabilityIndex}%` }}
                  />
                </span>
              </td>
              <td className="num">{pct(a.capabilityIndex, 2)}</td>
              <td className="num">{usd(a.valueAtRisk)}</td>
              <td className="num">{usd(a.baselineValue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>
        {t('result.losses', { p })} <span className="muted">({report.losses.length})</span>
      </h3>
      {report.losses.length === 0 ? (
        <p className="muted">{t('result.noLoss', { p })}</p>
      ) : (
        <table className="table" aria-label={t('result.lossesLabel')}>
          <thead>
            <tr>
              <th scope="col">{t('col.item')}</th>
              <th scope="col">{t('result.col.in')}</th>
              <th scope="col" className="num">
                {t('result.col.output')}
              </th>
              <th scope="col" className="num">
                {t('result.col.valueLost')}
              </th>
              <th scope="col">{t('result.col.why')}</th>
            </tr>
          </thead>
          <tbody>
            {report.losses.slice(0, 25).map((l) => (
              <tr key={`${l.item} ${l.country}`}>
                <td>{link(l.item)}</td>
                <td>{l.country}</td>
                <td className="num">{pct(l.x)}</td>
                <td className="num">{usd(l.valueLost)}</td>
                <td className="why">
                  {(l.why[0] === l.item ? l.why.slice(1) : l.why).map((w, n) => (
                    <span key={n}>
                      {n > 0 ? ' ← ' : ''}
                      {link(w)}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.losses.length > 25 ? (
        <p className="muted small">{t('result.shown', { n: 25, total: report.losses.length })}</p>
      ) : null}
    </section>
  );
}
