/** Colour scales shared by the graph, the map and the legends. */

/** Interpolate between stops of a sequential scale, t in 0..1. */
function ramp(stops: readonly [number, number, number][], t: number): string {
  const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const [a, b] = [stops[i]!, stops[i + 1]!];
  const c = a.map((v, k) => Math.round(v + (b[k]! - v) * f));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

/** Light yellow to dark red (concentration, dependence). */
const HEAT: [number, number, number][] = [
  [255, 247, 200],
  [253, 190, 110],
  [240, 105, 60],
  [190, 30, 45],
  [110, 0, 40],
];

/** Light to dark blue (a share on the map). */
const BLUE: [number, number, number][] = [
  [222, 235, 247],
  [140, 190, 225],
  [50, 130, 190],
  [8, 64, 129],
];

export const UNKNOWN = '#d4d4d8';

export const heat = (t: number) => ramp(HEAT, t);
export const blue = (t: number) => ramp(BLUE, t);

/** HHI 0..10,000 on the heat scale. */
export const hhiColor = (hhi: number | null) => (hhi === null ? UNKNOWN : heat(hhi / 10000));

/** Black or white text, whichever reads better on a fill given as `rgb(r, g, b)` or `#rrggbb`. */
export function textOn(fill: string): string {
  const m = /rgb\((\d+), (\d+), (\d+)\)/.exec(fill);
  const [r, g, b] = m
    ? [Number(m[1]), Number(m[2]), Number(m[3])]
    : [1, 3, 5].map((i) => parseInt(fill.slice(i, i + 2), 16));
  // Relative luminance, roughly (sRGB weights without the gamma curve).
  const y = (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
  return y < 0.5 ? '#ffffff' : '#18181b';
}
