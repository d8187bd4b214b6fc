/** Cited sources with publisher, year, licence and a link. */
import type { Source } from '../../../src/core/dataset.js';
import { useT } from '../i18n.js';

export function SourceList({ title, sources }: { title: string; sources: Source[] }) {
  const t = useT();
  return (
    <section aria-label={title}>
      <h2>{title}</h2>
      {sources.length === 0 ? (
        <p className="muted">{t('sources.none')}</p>
      ) : (
        <ol className="sources">
          {sources.map((s) => (
            <li key={s.id} id={`source-${s.id}`}>
              {s.url ? (
                <a href={s.url} target="_blank" rel="noreferrer noopener">
                  {s.title}
                </a>
              ) : (
                s.title
              )}
              <span className="muted">
                {s.publisher ? ` · ${s.publisher}` : ''}
                {s.year ? ` · ${s.year}` : ''}
                {s.license ? ` · ${s.license}` : ''} · [{s.id}]
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
