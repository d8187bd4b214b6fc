/** Horizontal bars of shares 0..1, labelled; unknown shares are listed without a bar. */
import { pct } from '../format.js';
import { useT } from '../i18n.js';

export interface Bar {
  key: string;
  label: string;
  value: number | null;
  title?: string;
}

export function Bars({ bars, label, max = 1 }: { bars: Bar[]; label: string; max?: number }) {
  const t = useT();
  if (bars.length === 0) return <p className="muted">{t('common.noneListed')}</p>;
  return (
    <table className="bars" aria-label={label}>
      <tbody>
        {bars.map((b) => (
          <tr key={b.key} title={b.title}>
            <th scope="row">{b.label}</th>
            <td className="bar-cell">
              {b.value === null ? (
                <span className="muted">{t('common.shareUnknown')}</span>
              ) : (
                <span
                  className="bar"
                  style={{ width: `${Math.max(0.5, (100 * b.value) / max)}%` }}
                />
              )}
            </td>
            <td className="num">{b.value === null ? '–' : pct(b.value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
