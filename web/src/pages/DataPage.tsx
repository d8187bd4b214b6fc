/**
 * Data: the dataset's description and licence, attribution of imported datasets (ETO/CSET),
 * coverage by area, the validation report and the sources.
 */
import type { PageProps } from '../App.js';
import { int } from '../format.js';
import type { MessageKey } from '../i18n.js';
import { useT } from '../i18n.js';
import { useAreaTitle } from './areas.js';
import { SourceList } from './SourceList.js';
import { ValidationReport } from './ValidationReport.js';

const ETO =
  /\b(ETO|CSET|Emerging Technology Observatory|Center for Security and Emerging Technology)\b/;

export function DataPage({ dataset: d }: PageProps) {
  const t = useT();
  const areaTitle = useAreaTitle();
  const eto = d.sources.filter(
    (s) => ETO.test(`${s.id} ${s.title} ${s.publisher ?? ''}`) || /eto|cset/i.test(s.id),
  );
  return (
    <>
      <div className="page-head">
        <h1>{t('data.title', { name: d.name ?? t('data.unnamed'), version: d.version ?? '' })}</h1>
      </div>
      {d.description ? (
        <p className="lede" lang="en">
          {d.description}
        </p>
      ) : null}
      {d.license ? (
        <p>
          <strong>{t('data.licence')}</strong> {d.license}
        </p>
      ) : null}
      {eto.length ? (
        <aside className="attribution" aria-label={t('data.attributionLabel')}>
          <strong>{t('data.attribution')}</strong> {t('data.figuresCiting')}{' '}
          {eto.map((s, n) => (
            <span key={s.id}>
              {n > 0 ? ', ' : ''}
              <a
                href={`#source-${s.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  document.getElementById(`source-${s.id}`)?.scrollIntoView();
                }}
              >
                [{s.id}]
              </a>
            </span>
          ))}{' '}
          {t('data.etoAttribution')}
        </aside>
      ) : null}
      <section aria-labelledby="counts">
        <h2 id="counts">{t('data.contents')}</h2>
        <ul className="counts">
          {Object.entries(d.counts).map(([k, v]) => (
            <li key={k}>
              <strong>{int(v)}</strong> {t(`data.count.${k}` as MessageKey)}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="coverage">
        <h2 id="coverage">{t('data.coverage')}</h2>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('col.area')}</th>
              <th scope="col" className="num">
                {t('data.col.items')}
              </th>
              <th scope="col" className="num">
                {t('data.col.withShares')}
              </th>
              <th scope="col" className="num">
                {t('data.col.withSize')}
              </th>
              <th scope="col" className="num">
                {t('data.col.withInputs')}
              </th>
              <th scope="col" className="num">
                {t('data.col.shareRows')}
              </th>
            </tr>
          </thead>
          <tbody>
            {d.areas.map((a) => (
              <tr key={a.id}>
                <td>{areaTitle(a.id)}</td>
                <td className="num">{a.items}</td>
                <td className="num">{a.quantifiedItems}</td>
                <td className="num">{a.sizedItems}</td>
                <td className="num">{a.withRequirements}</td>
                <td className="num">{a.shareRows}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <ValidationReport validation={d.validation} />
      <SourceList title={t('sources.titleCount', { n: d.sources.length })} sources={d.sources} />
    </>
  );
}
