/**
 * Break dependency cycles so that no item requires itself (DATA.md rejects an essential
 * requirement cycle with no way out).
 *
 * The graph checked is the one the model walks: a requirement edge item -> requires, and a
 * variant edge category -> variant (a requirement on a category is met through its
 * variants, MODEL.md §3), so "a variant requires its own category" is a cycle too.
 *
 * Depth-first search in a fixed order (items in dataset order, edges in file order); the
 * first back edge found closes a cycle, and the requirement edge on that cycle that was
 * reached last (the back edge itself when it is a requirement) is dropped and noted. A cycle
 * of variant edges only loses the back edge's variant_of. Repeat until acyclic: the result
 * depends only on the input order, never on hashing or timing.
 */
import type { Item, Requirement } from '../../core/dataset.js';
import type { EtoNoteLog } from './eto-notes.js';

interface Edge {
  from: string;
  to: string;
  /** Index into the requirements, or -1 for a variant edge. */
  req: number;
}

export function breakCycles(
  items: readonly Item[],
  requirements: readonly Requirement[],
  notes: EtoNoteLog,
): Requirement[] {
  const dropped = new Set<number>();
  for (;;) {
    const cycle = findCycle(items, requirements, dropped);
    if (!cycle) break;
    const path = cycle.map((e) => e.from).concat(cycle[0]!.from);
    const victim = [...cycle].reverse().find((e) => e.req >= 0);
    if (victim) {
      dropped.add(victim.req);
      notes.add(
        'dropped',
        `requirement on ${victim.to} dropped: it closes the cycle ${path.join(' -> ')}`,
        victim.from,
      );
    } else {
      const back = cycle[cycle.length - 1]!;
      const child = items.find((it) => it.id === back.to)!;
      child.variantOf = undefined;
      notes.add(
        'dropped',
        `variant_of ${back.from} dropped: variants form the cycle ${path.join(' -> ')}`,
        child.id,
      );
    }
  }
  return requirements.filter((_, n) => !dropped.has(n));
}

/** The edges of the first cycle found, in order, or undefined when the graph is acyclic. */
export function findCycle(
  items: readonly Item[],
  requirements: readonly Requirement[],
  dropped: ReadonlySet<number> = new Set(),
): Edge[] | undefined {
  const out = new Map<string, Edge[]>(items.map((it) => [it.id, []]));
  requirements.forEach((r, n) => {
    if (!dropped.has(n)) out.get(r.item)?.push({ from: r.item, to: r.requires, req: n });
  });
  for (const it of items) {
    if (it.variantOf !== undefined) {
      out.get(it.variantOf)?.push({ from: it.variantOf, to: it.id, req: -1 });
    }
  }
  const state = new Map<string, 1 | 2>(); // 1: on the current path, 2: finished
  for (const root of items) {
    if (state.has(root.id)) continue;
    // Iterative DFS: a frame is a node and the index of its next edge; `trail` holds the
    // edges from the root to the top frame.
    const frames: { node: string; next: number }[] = [{ node: root.id, next: 0 }];
    const trail: Edge[] = [];
    state.set(root.id, 1);
    while (frames.length) {
      const top = frames[frames.length - 1]!;
      const edge = out.get(top.node)?.[top.next++];
      if (!edge) {
        state.set(top.node, 2);
        frames.pop();
        trail.pop();
        continue;
      }
      const s = state.get(edge.to);
      if (s === 1) {
        const start = trail.findIndex((e) => e.from === edge.to);
        return [...(start < 0 ? [] : trail.slice(start)), edge];
      }
      if (s === undefined && out.has(edge.to)) {
        state.set(edge.to, 1);
        frames.push({ node: edge.to, next: 0 });
        trail.push(edge);
      }
    }
  }
  return undefined;
}
