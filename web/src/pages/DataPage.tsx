/**
 * Data: the dataset's description and licence, attribution of imported datasets (ETO/CSET),
 * coverage by area, the validation report and the sources.
 */
import type { PageProps } from '../App.js';
import { int } from '../format.js';
import { SourceList } from './SourceList.js';
import { ValidationReport } from './ValidationReport.js';

const ETO =
  /\b(ETO|CSET|Emerging Technology Observatory|Center for Security and Emerging Technology)\b/;

export function DataPage({ dataset: d }: PageProps) {
  const eto = d.sources.filter(
    (s) => ETO.test(`${s.id} ${s.title} ${s.publisher ?? ''}`) || /eto|cset/i.test(s.id),
  );
  return (
    <>
      <div className="page-head">
        <h1>
          Data: {d.name ?? 'unnamed dataset'} {d.version ?? ''}
        </h1>
      </div>
      {d.description ? <p className="lede">{d.description}</p> : null}
      {d.license ? (
        <p>
          <strong>Licence.</strong> {d.license}
        </p>
      ) : null}
      {eto.length ? (
        <aside className="attribution" aria-label="Attribution">
          <strong>Attribution.</strong> Figures citing{' '}
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
          come from the Emerging Technology Observatory's Chip Explorer, Center for Security and
          Emerging Technology (CSET), Georgetown University, licensed CC BY-NC 4.0: non-commercial
          use, with attribution.
        </aside>
      ) : null}
      <section aria-labelledby="counts">
        <h2 id="counts">Contents</h2>
        <ul className="counts">
          {Object.entries(d.counts).map(([k, v]) => (
            <li key={k}>
              <strong>{int(v)}</strong> {k}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="coverage">
        <h2 id="coverage">Coverage by area</h2>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Area</th>
              <th scope="col" className="num">
                Items
              </th>
              <th scope="col" className="num">
                With shares
              </th>
              <th scope="col" className="num">
                With market size
              </th>
              <th scope="col" className="num">
                With inputs listed
              </th>
              <th scope="col" className="num">
                Share rows
              </th>
            </tr>
          </thead>
          <tbody>
            {d.areas.map((a) => (
              <tr key={a.id}>
                <td>{a.name}</td>
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
      <SourceList title={`Sources (${d.sources.length})`} sources={d.sources} />
    </>
  );
}
