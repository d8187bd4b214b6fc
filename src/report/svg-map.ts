/**
 * A world map as an SVG string, coloured by each country's share of an item: Natural Earth
 * 1:110m countries (world-atlas) in the Natural Earth projection (d3-geo), ISO numeric ids
 * mapped to alpha-3 codes (i18n-iso-countries). Circles at the centroids keep small suppliers
 * visible; names go in a legend beside the map, never on it, so no label can overlap another.
 */
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import isoCountries from 'i18n-iso-countries';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import atlas from 'world-atlas/countries-110m.json' with { type: 'json' };
import { clipText, esc } from './html.js';

const W = 560;
const H = 290;
export const MAP_NONE = '#f4f4f5';
export const MAP_UNKNOWN = '#f2c14e';

/** Light to dark blue, t in 0..1. */
export function blue(t: number): string {
  const stops = [
    [222, 235, 247],
    [140, 190, 225],
    [50, 130, 190],
    [8, 64, 129],
  ] as const;
  const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = stops[i]!;
  const b = stops[i + 1]!;
  const c = a.map((v, k) => Math.round(v + (b[k]! - v) * f));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

interface Shape {
  code: string;
  d: string;
  c: [number, number];
}

let cached: Shape[] | undefined;

/** Country outlines, projected once per process. */
function shapes(): Shape[] {
  if (cached) return cached;
  const topo = atlas as unknown as Topology;
  const fc = feature(topo, topo.objects.countries!) as unknown as FeatureCollection<Geometry>;
  const list = fc.features.filter((f: Feature<Geometry>) => f.id !== '010'); // no Antarctica
  const projection = geoNaturalEarth1().fitSize([W, H], { ...fc, features: list });
  const path = geoPath(projection).digits(1);
  cached = list.map((f) => {
    const [x, y] = path.centroid(f);
    return {
      code: isoCountries.numericToAlpha3(String(f.id ?? '')) ?? '',
      d: path(f) ?? '',
      c: [Math.round(x * 10) / 10, Math.round(y * 10) / 10],
    };
  });
  return cached;
}

export interface MapOptions {
  /** Share 0..1 by alpha-3 code; null: a supplier whose share is unknown. */
  shares: ReadonlyMap<string, number | null>;
  title: string;
  /** Legend rows beside the map (the largest suppliers), already formatted. */
  legend: readonly { code: string; text: string }[];
  labels: { unknown: string; none: string };
}

export function worldMap(o: MapOptions): string {
  const known = [...o.shares.values()].filter((v): v is number => v !== null);
  const max = Math.max(1e-9, ...known);
  const fill = (code: string) => {
    const s = o.shares.get(code);
    if (s === null) return MAP_UNKNOWN;
    if (s !== undefined && s > 0) return blue(0.2 + (0.8 * s) / max);
    return MAP_NONE;
  };
  const legendW = 190;
  const total = W + legendW;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${total} ${H}" width="${total}" height="${H}" role="img" aria-label="${esc(o.title)}" font-size="12">`,
    `<g stroke="#a1a1aa" stroke-width="0.4">`,
  ];
  for (const s of shapes()) out.push(`<path d="${s.d}" fill="${fill(s.code)}"/>`);
  out.push('</g><g fill="rgb(8,64,129)" fill-opacity="0.45" stroke="#fff">');
  for (const s of shapes()) {
    const v = o.shares.get(s.code);
    if (v === null || v === undefined || v < 0.01) continue;
    out.push(
      `<circle cx="${s.c[0]}" cy="${s.c[1]}" r="${Math.round((3 + 14 * Math.sqrt(v)) * 10) / 10}"/>`,
    );
  }
  out.push('</g>');
  const x = W + 12;
  o.legend.forEach((row, k) => {
    const y = 20 + k * 20;
    out.push(
      `<rect x="${x}" y="${y - 10}" width="12" height="12" fill="${fill(row.code)}" stroke="#a1a1aa" stroke-width="0.5"/>`,
      `<text x="${x + 18}" y="${y}">${esc(clipText(row.text, 13))}</text>`,
    );
  });
  const y = 20 + o.legend.length * 20 + 10;
  out.push(
    `<rect x="${x}" y="${y - 10}" width="12" height="12" fill="${MAP_UNKNOWN}"/>`,
    `<text x="${x + 18}" y="${y}" fill="#52525b">${esc(o.labels.unknown)}</text>`,
    `<rect x="${x}" y="${y + 10}" width="12" height="12" fill="${MAP_NONE}" stroke="#a1a1aa" stroke-width="0.5"/>`,
    `<text x="${x + 18}" y="${y + 20}" fill="#52525b">${esc(o.labels.none)}</text>`,
    '</svg>',
  );
  return out.join('');
}
