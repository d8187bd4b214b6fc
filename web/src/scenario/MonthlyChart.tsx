/**
 * The scenario month by month (`simulate --months`): the perspective's capability index as a
 * line, one point a month, with the trough marked. Plain SVG.
 */
import type { SeriesPoint } from '../../../src/core/dynamics.js';
import { pct } from '../format.js';
import { useT } from '../i18n.js';

const W = 640;
const H = 180;
const PAD = { left: 48, right: 16, top: 12, bottom: 28 };

export function MonthlyChart({ series }: { series: readonly SeriesPoint[] }) {
  const t = useT();
  if (series.length < 2) return null;
  const lo = Math.min(0.9, ...series.map((s) => s.capabilityIndex));
  const floor = Math.max(0, Math.floor(lo * 10) / 10);
  const x = (i: number) => PAD.left + (i * (W - PAD.left - PAD.right)) / (series.length - 1);
  const y = (v: number) => PAD.top + ((1 - v) * (H - PAD.top - PAD.bottom)) / (1 - floor);
  const path = series.map((s, i) => `${i ? 'L' : 'M'}${x(i)},${y(s.capabilityIndex)}`).join(' ');
  const trough = series.reduce((a, b) => (b.capabilityIndex < a.capabilityIndex ? b : a));
  const ticks = [floor, (floor + 1) / 2, 1];
  return (
    <figure className="monthly">
      <figcaption>{t('result.monthly', { n: series.length })}</figcaption>
      <svg
        width={W}
        height={H}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={t('result.monthlyLabel', { low: pct(trough.capabilityIndex, 1), t: trough.t })}
      >
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke="#e4e4e7" />
            <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" fontSize="11" fill="#52525b">
              {pct(v, 0)}
            </text>
          </g>
        ))}
        {series.map((s, i) =>
          i % Math.max(1, Math.ceil(series.length / 12)) === 0 ? (
            <text key={s.t} x={x(i)} y={H - 8} textAnchor="middle" fontSize="11" fill="#52525b">
              {s.t}
            </text>
          ) : null,
        )}
        <path d={path} fill="none" stroke="#1d4ed8" strokeWidth={2} />
        <circle
          cx={x(series.indexOf(trough))}
          cy={y(trough.capabilityIndex)}
          r={4}
          fill="#b91c1c"
        />
      </svg>
      <p className="muted">{t('result.monthlyNote')}</p>
    </figure>
  );
}
