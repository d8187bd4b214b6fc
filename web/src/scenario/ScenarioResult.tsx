/** A simulation's outcome: capability and value at risk per area beside the baseline, losses with why chains. */
import type { SimulationReport } from '../api.js';
import { pct, usd } from '../format.js';
import { areaTitle } from '../pages/areas.js';
import { href } from '../route.js';

export function ScenarioResult({
  report,
  names,
}: {
  report: SimulationReport;
  names: ReadonlyMap<string, string>;
}) {
  const p = report.perspective;
  const link = (id: string) => (
    <a href={href('item', id, { p })} title={id}>
      {names.get(id) ?? id}
    </a>
  );
  return (
    <section aria-labelledby="result-title" className="result">
      <h2 id="result-title">
        Result: {report.scenario} for {p}
      </h2>
      <dl className="figures wide">
        <div>
          <dt>Capability index</dt>
          <dd className="big" data-testid="capability-index">
            {pct(report.capabilityIndex, 2)}
          </dd>
        </div>
        <div>
          <dt>Production value at risk</dt>
          <dd className="big" data-testid="value-at-risk">
            {usd(report.valueAtRisk)}
          </dd>
        </div>
        <div>
          <dt>Baseline production</dt>
          <dd className="big">{usd(report.baselineValue)}</dd>
        </div>
        <div>
          <dt>Equilibrium</dt>
          <dd className="big">
            {report.converged ? 'converged' : 'did not converge'}
            <small>
              {' '}
              ({report.iterations} sweeps, {report.reallocation})
            </small>
          </dd>
        </div>
      </dl>
      <table className="table" aria-label="Capability by area">
        <thead>
          <tr>
            <th scope="col">Area</th>
            <th scope="col">Capability (baseline 100%)</th>
            <th scope="col" className="num">
              Capability
            </th>
            <th scope="col" className="num">
              Value at risk
            </th>
            <th scope="col" className="num">
              Baseline value
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
        Losses of {p} <span className="muted">({report.losses.length})</span>
      </h3>
      {report.losses.length === 0 ? (
        <p className="muted">{p} loses no production in this scenario.</p>
      ) : (
        <table className="table" aria-label="Losses">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">In</th>
              <th scope="col" className="num">
                Output
              </th>
              <th scope="col" className="num">
                Value lost
              </th>
              <th scope="col">Because of (back to the root cause)</th>
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
        <p className="muted small">The 25 largest of {report.losses.length} losses are shown.</p>
      ) : null}
    </section>
  );
}
