/**
 * A world map coloured by each country's share of an item (Natural Earth 1:110m countries from
 * world-atlas; ISO numeric ids mapped to alpha-3 codes with i18n-iso-countries).
 */
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { numericToAlpha3 } from 'i18n-iso-countries';
import { useMemo, useState } from 'react';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import atlas from 'world-atlas/countries-110m.json';
import { blue } from '../colors.js';
import { pct } from '../format.js';
import { useT } from '../i18n.js';
import { useNames } from '../names.js';

const W = 640;
const NONE = '#f4f4f5';
const UNKNOWN_SHARE = '#f2c14e';
const H = 330;

interface Shape {
  code: string;
  name: string;
  d: string;
  /** Centroid, for the share bubble that keeps small countries visible. */
  c: [number, number];
}

function shapes(): Shape[] {
  const topo = atlas as unknown as Topology;
  const fc = feature(topo, topo.objects.countries!) as unknown as FeatureCollection<
    Geometry,
    { name: string }
  >;
  // Antarctica takes space and holds no supplier of interest.
  const list = fc.features.filter((f: Feature<Geometry, { name: string }>) => f.id !== '010');
  const projection = geoNaturalEarth1().fitSize([W, H], { ...fc, features: list });
  const path = geoPath(projection);
  return list.map((f) => ({
    code: numericToAlpha3(String(f.id ?? '')) ?? '',
    name: f.properties.name,
    d: path(f) ?? '',
    c: path.centroid(f),
  }));
}

export function WorldMap({
  shares,
  unknown,
  label,
}: {
  /** Share by alpha-3 code. */
  shares: ReadonlyMap<string, number>;
  /** Suppliers whose share is unknown. */
  unknown: ReadonlySet<string>;
  label: string;
}) {
  const t = useT();
  const names = useNames();
  const all = useMemo(shapes, []);
  const describe = (s: Shape) =>
    `${names.country(s.code, s.name)}: ${shares.has(s.code) ? pct(shares.get(s.code)!) : unknown.has(s.code) ? t('map.unknownShare') : t('map.noShare')}`;
  const [hover, setHover] = useState<Shape | null>(null);
  const max = Math.max(0.0001, ...shares.values());
  const fill = (code: string) => {
    const s = shares.get(code);
    if (s !== undefined && s > 0) return blue(0.15 + (0.85 * s) / max);
    if (unknown.has(code)) return UNKNOWN_SHARE;
    return NONE;
  };
  return (
    <figure className="map">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
        {all.map((s, n) => (
          <path
            key={n}
            d={s.d}
            fill={fill(s.code)}
            stroke="#a1a1aa"
            strokeWidth={0.4}
            onMouseEnter={() => setHover(s)}
            onMouseLeave={() => setHover(null)}
          >
            <title>{describe(s)}</title>
          </path>
        ))}
        {all
          .filter((s) => (shares.get(s.code) ?? 0) >= 0.01)
          .map((s) => (
            <circle
              key={`b-${s.code}`}
              cx={s.c[0]}
              cy={s.c[1]}
              r={3 + 14 * Math.sqrt(shares.get(s.code)!)}
              fill={blue(1)}
              fillOpacity={0.45}
              stroke="#fff"
              strokeWidth={1}
              pointerEvents="none"
            />
          ))}
      </svg>
      <figcaption>
        {hover ? describe(hover) : t('map.legend')}{' '}
        <span className="swatch" style={{ background: blue(1) }} /> {pct(max)}{' '}
        <span className="swatch" style={{ background: UNKNOWN_SHARE }} /> {t('map.swatchUnknown')}{' '}
        <span className="swatch" style={{ background: NONE }} /> {t('map.swatchNone')}
      </figcaption>
    </figure>
  );
}
