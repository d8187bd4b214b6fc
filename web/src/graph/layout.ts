/**
 * Layered layout of a supply-chain graph, drawn left (raw materials, tools) to right (end
 * products): longest-path layering (an item sits one layer right of its deepest input), then a
 * few barycenter sweeps to order each layer so that edges cross less (Sugiyama et al. 1981).
 * Cycles, if any, are broken by ignoring the edges that close them (depth-first back edges).
 */

export interface LayoutInput {
  nodes: readonly string[];
  /** [input, consumer] pairs. */
  edges: readonly (readonly [string, string])[];
}

export interface Layout {
  /** Layer (column) of each node, 0 for nodes without inputs. */
  layer: Map<string, number>;
  /** Position within its layer, 0 at the top. */
  order: Map<string, number>;
  layers: string[][];
}

/** Edges that close a cycle in a depth-first search, as "from\u0000to" keys. */
function backEdges(nodes: readonly string[], out: Map<string, string[]>): Set<string> {
  const state = new Map<string, 1 | 2>();
  const back = new Set<string>();
  for (const root of nodes) {
    if (state.has(root)) continue;
    const stack: [string, number][] = [[root, 0]];
    state.set(root, 1);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const next = out.get(top[0])?.[top[1]++];
      if (next === undefined) {
        state.set(top[0], 2);
        stack.pop();
      } else if (state.get(next) === 1) back.add(`${top[0]}\u0000${next}`);
      else if (!state.has(next)) {
        state.set(next, 1);
        stack.push([next, 0]);
      }
    }
  }
  return back;
}

export function layeredLayout(g: LayoutInput, sweeps = 8): Layout {
  const known = new Set(g.nodes);
  const out = new Map<string, string[]>();
  for (const [a, b] of g.edges) {
    if (!known.has(a) || !known.has(b) || a === b) continue;
    out.set(a, [...(out.get(a) ?? []), b]);
  }
  const back = backEdges(g.nodes, out);
  const edges = g.edges.filter(
    ([a, b]) => known.has(a) && known.has(b) && a !== b && !back.has(`${a}\u0000${b}`),
  );
  const inputs = new Map<string, string[]>();
  for (const [a, b] of edges) inputs.set(b, [...(inputs.get(b) ?? []), a]);
  // Longest path from the sources, memoized (the graph is acyclic now).
  const layer = new Map<string, number>();
  const depth = (n: string, seen: Set<string>): number => {
    const hit = layer.get(n);
    if (hit !== undefined) return hit;
    seen.add(n);
    let d = 0;
    for (const i of inputs.get(n) ?? []) if (!seen.has(i)) d = Math.max(d, depth(i, seen) + 1);
    layer.set(n, d);
    return d;
  };
  for (const n of g.nodes) depth(n, new Set());
  const nLayers = Math.max(0, ...layer.values()) + 1;
  const layers: string[][] = Array.from({ length: nLayers }, () => []);
  for (const n of g.nodes) layers[layer.get(n)!]!.push(n);
  for (const l of layers) l.sort();
  const order = new Map<string, number>();
  const reindex = () => layers.forEach((l) => l.forEach((n, i) => order.set(n, i)));
  reindex();
  const consumers = new Map<string, string[]>();
  for (const [a, b] of edges) consumers.set(a, [...(consumers.get(a) ?? []), b]);
  const bary = (n: string, nbrs: Map<string, string[]>) => {
    const list = nbrs.get(n) ?? [];
    if (!list.length) return order.get(n)!;
    return list.reduce((s, m) => s + order.get(m)!, 0) / list.length;
  };
  for (let s = 0; s < sweeps; s++) {
    const down = s % 2 === 0;
    const seq = down ? layers.slice(1) : layers.slice(0, -1).reverse();
    for (const l of seq) {
      const key = new Map(l.map((n) => [n, bary(n, down ? inputs : consumers)]));
      l.sort((a, b) => key.get(a)! - key.get(b)! || a.localeCompare(b));
      l.forEach((n, i) => order.set(n, i));
    }
  }
  return { layer, order, layers };
}
