/** The perspective's top chokepoints: `GET /api/rank`, largest production value at risk first. */
import { api } from '../api.js';
import { Show } from '../components/Status.js';
import { pct, usd } from '../format.js';
import { useT } from '../i18n.js';
import { useNames } from '../names.js';
import { href } from '../route.js';
import { useApi } from '../use-api.js';

export function TopChokepoints({ perspective }: { perspective: string }) {
  const t = useT();
  const names = useNames();
  const rank = useApi(() => api.rank(perspective, 10), [perspective]);
  const items = useApi(() => api.items(), []);
  const name = (id: string) =>
    names.item(
      id,
      (items.state === 'ok' ? items.data.find((i) => i.id === id)?.name : undefined) ?? id,
    );
  return (
    <section aria-labelledby="top-chokepoints">
      <h2 id="top-chokepoints">{t('rank.title', { p: perspective })}</h2>
      <p className="muted">{t('rank.lede', { p: perspective })}</p>
      <Show load={rank} what={t('status.what.rank')}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted">{t('rank.none', { p: perspective })}</p>
          ) : (
            <table className="table" data-testid="rank-table">
              <thead>
                <tr>
                  <th scope="col">{t('col.item')}</th>
                  <th scope="col">{t('rank.col.by')}</th>
                  <th scope="col" className="num">
                    {t('rank.col.controls')}
                  </th>
                  <th scope="col" className="num">
                    {t('col.valueAtRisk')}
                  </th>
                  <th scope="col" className="num">
                    {t('rank.col.ofOutput')}
                  </th>
                  <th scope="col" className="num">
                    {t('rank.col.decoupling')}
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
