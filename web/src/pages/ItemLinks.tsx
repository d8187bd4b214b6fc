/** A list of linked items (requirements up or down) with their criticality. */
import { useT } from '../i18n.js';
import { href } from '../route.js';

export function ItemLinks({
  title,
  links,
  perspective,
  names,
}: {
  title: string;
  links: { item: string; criticality: number; group: string | null }[];
  perspective: string;
  names: (id: string) => string;
}) {
  const t = useT();
  return (
    <section aria-label={title}>
      <h2>
        {title} <span className="muted">({links.length})</span>
      </h2>
      {links.length === 0 ? (
        <p className="muted">{t('common.noneListed')}</p>
      ) : (
        <ul className="links">
          {links.map((l) => (
            <li key={`${l.item} ${l.group ?? ''}`}>
              <a href={href('item', l.item, { p: perspective })}>{names(l.item)}</a>
              <span className="muted">
                {' '}
                {l.criticality < 1
                  ? t('item.criticality', { c: l.criticality })
                  : t('graph.essential')}
                {l.group ? ` · ${t('item.anyOf', { group: l.group })}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
