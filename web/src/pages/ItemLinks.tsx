/** A list of linked items (requirements up or down) with their criticality. */
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
  names: ReadonlyMap<string, string>;
}) {
  return (
    <section aria-label={title}>
      <h2>
        {title} <span className="muted">({links.length})</span>
      </h2>
      {links.length === 0 ? (
        <p className="muted">None listed.</p>
      ) : (
        <ul className="links">
          {links.map((l) => (
            <li key={`${l.item} ${l.group ?? ''}`}>
              <a href={href('item', l.item, { p: perspective })}>{names.get(l.item) ?? l.item}</a>
              <span className="muted">
                {l.criticality < 1 ? ` criticality ${l.criticality}` : ' essential'}
                {l.group ? ` · any of group ${l.group}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
