/**
 * A horizontal bar chart as an SVG string (no DOM): one row per bar, the label left, the bar,
 * and its value printed after the bar. Label and value columns are sized from the text, so
 * nothing overlaps; long labels are clipped with an ellipsis and kept whole in a <title>.
 */
import { clipText, esc, textWidthEm } from './html.js';

export interface BarRow {
  label: string;
  /** Bar length in data units; null draws no bar ("unknown"). */
  value: number | null;
  /** Printed after the bar. */
  text: string;
  /** A second, paler bar behind (e.g. the baseline), in data units. */
  behind?: number | undefined;
  /** Highlight this bar (e.g. a loss). */
  accent?: boolean | undefined;
}

export interface BarChartOptions {
  rows: readonly BarRow[];
  /** Accessible name of the chart. */
  title: string;
  /** Data value at the right end of the bar area. Default the largest value. */
  max?: number | undefined;
  /** Width in px. Default 640. */
  width?: number | undefined;
  /** Font size in px. Default 12. */
  fontSize?: number | undefined;
  /** A vertical reference line at this data value (e.g. 100% capability). */
  reference?: { value: number; label: string } | undefined;
  /** Ticks along the bottom axis: data values and their labels. */
  ticks?: readonly { value: number; label: string }[] | undefined;
}

export const BAR = '#2563eb';
export const BAR_ACCENT = '#dc2626';
export const BAR_BEHIND = '#e4e4e7';
const INK = '#18181b';
const MUTED = '#52525b';

const r1 = (x: number) => Math.round(x * 10) / 10;

export function barChart(o: BarChartOptions): string {
  const width = o.width ?? 640;
  const fs = o.fontSize ?? 12;
  const rowH = Math.round(fs * 1.9);
  const top = o.reference ? fs + 8 : 4;
  const axis = o.ticks?.length ? fs + 10 : 4;
  const height = top + rowH * o.rows.length + axis;
  const labelEm = Math.min(
    Math.max(...o.rows.map((r) => textWidthEm(r.label)), 4),
    (width * 0.42) / fs,
  );
  const labelW = labelEm * fs + 8;
  const valueW = Math.max(...o.rows.map((r) => textWidthEm(r.text)), 2) * fs + 10;
  const x0 = labelW;
  const barW = Math.max(40, width - labelW - valueW);
  const max = o.max ?? Math.max(1e-12, ...o.rows.map((r) => Math.max(r.value ?? 0, r.behind ?? 0)));
  const scale = (v: number) => r1((barW * Math.min(Math.max(v, 0), max)) / max);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(o.title)}" font-size="${fs}">`,
  ];
  o.rows.forEach((r, k) => {
    const y = top + k * rowH;
    const mid = r1(y + rowH / 2);
    const label = clipText(r.label, labelEm);
    out.push(
      `<text x="${r1(labelW - 8)}" y="${r1(mid + fs * 0.35)}" text-anchor="end" fill="${INK}">${label !== r.label ? `<title>${esc(r.label)}</title>` : ''}${esc(label)}</text>`,
    );
    const bh = r1(rowH * 0.62);
    const by = r1(mid - bh / 2);
    if (r.behind !== undefined) {
      out.push(
        `<rect x="${x0}" y="${by}" width="${scale(r.behind)}" height="${bh}" fill="${BAR_BEHIND}"/>`,
      );
    }
    let end = x0;
    if (r.value !== null) {
      const w = Math.max(scale(r.value), r.value > 0 ? 1 : 0);
      end = x0 + w;
      out.push(
        `<rect x="${x0}" y="${by}" width="${w}" height="${bh}" fill="${r.accent ? BAR_ACCENT : BAR}"/>`,
      );
    }
    const tx = Math.max(end, r.behind !== undefined ? x0 + scale(r.behind) : end) + 6;
    out.push(
      `<text x="${r1(tx)}" y="${r1(mid + fs * 0.35)}" fill="${r.value === null ? MUTED : INK}">${esc(r.text)}</text>`,
    );
  });
  if (o.reference) {
    const x = r1(x0 + scale(o.reference.value));
    out.push(
      `<line x1="${x}" x2="${x}" y1="${top - 2}" y2="${top + rowH * o.rows.length}" stroke="${MUTED}" stroke-dasharray="3 2"/>`,
      `<text x="${x}" y="${fs}" text-anchor="middle" fill="${MUTED}" font-size="${fs - 1}">${esc(o.reference.label)}</text>`,
    );
  }
  if (o.ticks?.length) {
    const y = top + rowH * o.rows.length;
    out.push(`<line x1="${x0}" x2="${r1(x0 + barW)}" y1="${y}" y2="${y}" stroke="#a1a1aa"/>`);
    for (const tk of o.ticks) {
      const x = r1(x0 + scale(tk.value));
      out.push(
        `<line x1="${x}" x2="${x}" y1="${y}" y2="${y + 4}" stroke="#a1a1aa"/>`,
        `<text x="${x}" y="${y + fs + 5}" text-anchor="middle" fill="${MUTED}" font-size="${fs - 1}">${esc(tk.label)}</text>`,
      );
    }
  }
  out.push('</svg>');
  return out.join('');
}
