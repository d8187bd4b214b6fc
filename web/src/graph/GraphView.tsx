/**
 * One area's supply chain as a layered SVG graph: inputs on the left, end products on the
 * right. Nodes are coloured by concentration (HHI) or by the perspective's foreign share;
 * edges by criticality. Hover (or focus) shows the numbers; each node links to its item page.
 */
import { useMemo, useState } from 'react';
import type { AreaGraph } from '../api.js';
import { UNKNOWN, heat, hhiColor, textOn } from '../colors.js';
import { hhiLabel, pct, usd } from '../format.js';
import { useLang, useT } from '../i18n.js';
import { kindLabel } from '../../../src/core/i18n/index.js';
import { useNames } from '../names.js';
import { useAreaTitle } from '../pages/areas.js';
import { href } from '../route.js';
import { layeredLayout } from './layout.js';

export type ColorBy = 'hhi' | 'foreign' | 'loss';

const NODE_W = 160;
const NODE_H = 22;
/** Horizontal gap between layers, and between the sub-columns of a tall layer. */
const LAYER_GAP = 72;
const SUB_GAP = 14;
const ROW = 28;
/** A layer with more nodes wraps into sub-columns of at most this many. */
const MAX_ROWS = 22;
const PAD = 12;

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * Node positions: one column per layer, a tall layer wrapped into sub-columns of MAX_ROWS;
 * each column centred vertically.
 */
function placement(layers: readonly string[][]) {
  const at = new Map<string, { x: number; y: number }>();
  const rows = Math.min(MAX_ROWS, Math.max(1, ...layers.map((l) => l.length)));
  let x = PAD;
  for (const layer of layers) {
    const subs = Math.max(1, Math.ceil(layer.length / MAX_ROWS));
    const per = Math.ceil(layer.length / subs);
    for (let s = 0; s < subs; s++) {
      const col = layer.slice(s * per, (s + 1) * per);
      const top = PAD + ((rows - col.length) * ROW) / 2;
      col.forEach((id, r) => at.set(id, { x, y: top + r * ROW }));
      x += NODE_W + (s < subs - 1 ? SUB_GAP : LAYER_GAP);
    }
  }
  return {
    pos: (id: string) => at.get(id)!,
    width: x - LAYER_GAP + PAD,
    height: PAD * 2 + rows * ROW,
  };
}

export function edgeColor(criticality: number): string {
  return criticality >= 0.99 ? '#52525b' : criticality >= 0.5 ? '#a1a1aa' : '#d4d4d8';
}

export function GraphView({
  graph,
  colorBy,
  perspective,
  loss,
}: {
  graph: AreaGraph;
  colorBy: ColorBy;
  perspective: string;
  /** World output lost per item under a scenario (0..1), for `colorBy: 'loss'`. */
  loss?: ReadonlyMap<string, number> | undefined;
}) {
  const layout = useMemo(
    () =>
      layeredLayout({
        nodes: graph.nodes.map((n) => n.item),
        edges: graph.edges.map((e) => [e.from, e.to] as const),
      }),
    [graph],
  );
  const t = useT();
  const lang = useLang();
  const names = useNames();
  const areaTitle = useAreaTitle();
  const [hover, setHover] = useState<string | null>(null);
  const byId = new Map(graph.nodes.map((n) => [n.item, n]));
  const { pos, width, height } = useMemo(() => placement(layout.layers), [layout]);
  const fill = (id: string): string => {
    const n = byId.get(id)!;
    if (colorBy === 'hhi') return hhiColor(n.hhi);
    if (colorBy === 'loss') return loss ? heat(loss.get(id) ?? 0) : UNKNOWN;
    return n.domestic === null ? UNKNOWN : heat(1 - n.domestic);
  };
  const near = (e: { from: string; to: string }) => hover === e.from || hover === e.to;
  const h = hover ? byId.get(hover) : undefined;
  return (
    <div className="graph-wrap">
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="group"
        aria-label={t('graph.svgLabel', { area: areaTitle(graph.area) })}
      >
        {graph.edges.map((e, k) => {
          if (!layout.layer.has(e.from) || !layout.layer.has(e.to)) return null;
          const a = pos(e.from);
          const b = pos(e.to);
          const x1 = a.x + NODE_W;
          const y1 = a.y + NODE_H / 2;
          const x2 = b.x;
          const y2 = b.y + NODE_H / 2;
          const mid = (x1 + x2) / 2;
          return (
            <path
              key={k}
              className="edge"
              d={`M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`}
              stroke={hover && near(e) ? '#1d4ed8' : edgeColor(e.criticality)}
              strokeWidth={0.8 + 1.6 * e.criticality}
              strokeDasharray={e.group ? '4 3' : undefined}
              opacity={hover && !near(e) ? 0.15 : 0.8}
              fill="none"
            />
          );
        })}
        {graph.nodes.map((n) => {
          const p = pos(n.item);
          return (
            <a
              key={n.item}
              href={href('item', n.item, { p: perspective })}
              onMouseEnter={() => setHover(n.item)}
              onMouseLeave={() => setHover(null)}
              onFocus={() => setHover(n.item)}
              onBlur={() => setHover(null)}
              aria-label={t('graph.nodeLabel', {
                name: names.item(n.item, n.name),
                hhi: hhiLabel(n.hhi),
                p: perspective,
                share: pct(n.domestic),
              })}
            >
              <rect
                x={p.x}
                y={p.y}
                width={NODE_W}
                height={NODE_H}
                rx={4}
                fill={fill(n.item)}
                stroke={hover === n.item ? '#1d4ed8' : n.external ? '#71717a' : '#3f3f46'}
                strokeWidth={hover === n.item ? 2 : 1}
                strokeDasharray={n.external ? '3 2' : undefined}
              />
              <text
                x={p.x + 6}
                y={p.y + NODE_H / 2 + 4}
                className="node-label"
                fill={textOn(fill(n.item))}
              >
                {clip(names.item(n.item, n.name), lang === 'zh-CN' ? 11 : 22)}
              </text>
            </a>
          );
        })}
      </svg>
      {h ? (
        <div
          className="tooltip"
          role="status"
          style={{
            left: Math.min(pos(h.item).x + NODE_W + 8, width - 250),
            top: pos(h.item).y,
          }}
        >
          <strong>{names.item(h.item, h.name)}</strong>
          <div className="muted">
            {kindLabel(lang, h.kind)}
            {h.stage ? ` · ${h.stage}` : ''}
            {h.external ? ` · ${t('graph.fromArea', { area: areaTitle(h.area) })}` : ''}
          </div>
          <div>HHI {hhiLabel(h.hhi)}</div>
          <div>
            {t('item.topSupplier')} {h.top ? `${h.top.country} ${pct(h.top.share)}` : '–'}
          </div>
          <div>
            {t('graph.tipShares', {
              p: perspective,
              share: pct(h.domestic),
              foreign: h.domestic === null ? '–' : pct(1 - h.domestic),
            })}
          </div>
          <div>
            {t('item.worldMarket')} {usd(h.marketSizeUsd)}
          </div>
          {colorBy === 'loss' && loss ? (
            <div>{t('graph.tipLoss', { loss: pct(loss.get(h.item) ?? 0) })}</div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
