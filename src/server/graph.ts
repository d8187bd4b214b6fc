/**
 * `GET /api/graph?area=A&country=M`: one area's supply chain for the dashboard's graph view:
 * the area's items plus the items of other areas they require directly (marked `external`),
 * each with its concentration and the perspective's share, and the requirement edges among
 * them (from input to consumer). The layout is the client's business.
 */
import type { CompiledDataset } from '../core/compile.js';
import { controlledBy, itemConcentration } from '../core/metrics.js';
import { resolveArea, resolvePerspective } from '../core/perspective.js';
import type { AreaGraph, GraphEdge, GraphNode } from './api-types.js';

export function areaGraph(c: CompiledDataset, area: string, country: string): AreaGraph {
  resolveArea(c, area);
  const p = resolvePerspective(c, country);
  const ds = c.dataset;
  const inArea = new Set(ds.items.filter((it) => it.area === area).map((it) => it.id));
  const edges: GraphEdge[] = ds.requirements
    .filter((r) => inArea.has(r.item))
    .map((r) => ({
      from: r.requires,
      to: r.item,
      criticality: r.criticality,
      group: r.group ?? null,
    }));
  const ids = new Set([...inArea, ...edges.map((e) => e.from)]);
  const nodes: GraphNode[] = [...ids].map((id) => {
    const i = c.itemIndex.get(id)!;
    const it = ds.items[i]!;
    const k = itemConcentration(c, i);
    return {
      item: it.id,
      name: it.name,
      area: it.area,
      kind: it.kind,
      stage: it.stage ?? null,
      variantOf: it.variantOf ?? null,
      marketSizeUsd: it.marketSizeUsd ?? null,
      external: !inArea.has(id),
      hhi: k.hhi,
      top: k.top,
      domestic: c.quantified[i] ? controlledBy(c, i, p.members) : null,
    };
  });
  return { area, perspective: p.id, nodes, edges };
}
