/** The perspective's top chokepoints: `GET /api/rank`, largest production value at risk first. */
import { api } from '../api.js';
import { Show } from '../components/Status.js';
import { pct, usd } from '../format.js';
import { href } from '../route.js';
import { useApi } from '../use-api.js';

export function TopChokepoints({ perspective }: { perspective: string }) {
  const rank = useApi(() => api.rank(perspective, 10), [perspective]);
  const items = useApi(() => api.items(), []);
  const name = (id: string) =>
    (items.state === 'ok' ? items.data.find((i) => i.id === id)?.name : undefined) ?? id;
  return (
    <section aria-labelledby="top-chokepoints">
      <h2 id="top-chokepoints">Top chokepoints for {perspective}</h2>
      <p className="muted">
        One supplier (a country or bloc) withholds one item from {perspective} entirely; ranked by{' '}
        {perspective}'s production value lost across the network.
      </p>
      <Show load={rank} what="the ranking (one equilibrium per item and supplier: a few seconds)">
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted">No restriction costs {perspective} any production.</p>
          ) : (
            <table className="table" data-testid="rank-table">
              <thead>
                <tr>
                  <th scope="col">Item</th>
                  <th scope="col">Withheld by</th>
                  <th scope="col" className="num">
                    Controls
                  </th>
                  <th scope="col" className="num">
                    Value at risk
                  </th>
                  <th scope="col" className="num">
                    Of output
                  </th>
                  <th scope="col" className="num">
                    Full decoupling
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={`${r.item} ${r.restrictor}`}>
                    <td>
                      <a href={href('item', r.item, { p: perspective })}>{name(r.item)}</a>
                    </td>
                    <td>{r.restrictor}</td>
                    <td className="num">{pct(r.controlled)}</td>
                    <td className="num">{usd(r.valueAtRisk)}</td>
                    <td className="num">{pct(r.shareOfProduction, 2)}</td>
                    <td className="num">{usd(r.fullDecouplingValueAtRisk)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Show>
    </section>
  );
}
