/**
 * The order in which a Gauss-Seidel sweep visits items (solve.ts): every item after its
 * inputs and every derived category after its variants, by a depth-first post-order over
 * those dependencies. Cycles are cut where the search meets an item already on its path;
 * the order is deterministic (items visited by index). Computed once per compilation.
 */
import type { CompiledDataset } from '../compile.js';
import type { VariantStructure } from './variants.js';

const cache = new WeakMap<CompiledDataset, Int32Array>();

export function sweepOrder(c: CompiledDataset, vs: VariantStructure): Int32Array {
  const hit = cache.get(c);
  if (hit) return hit;
  const n = c.nItems;
  const state = new Uint8Array(n); // 0 new, 1 on the path, 2 done
  const out = new Int32Array(n);
  let filled = 0;
  // Explicit stack of (item, next dependency position) to survive deep chains.
  const stackItem = new Int32Array(n);
  const stackPos = new Int32Array(n);
  const deps = (i: number): number[] => {
    const list: number[] = [];
    if (vs.derived[i]) {
      for (let r = c.variantOffsets[i]!; r < c.variantOffsets[i + 1]!; r++)
        list.push(c.variantChild[r]!);
    } else {
      for (let slot = c.reqOffsets[i]!; slot < c.reqOffsets[i + 1]!; slot++) {
        for (let q = c.slotInputOffsets[slot]!; q < c.slotInputOffsets[slot + 1]!; q++)
          list.push(c.slotInput[q]!);
      }
    }
    return list;
  };
  const depLists: number[][] = [];
  for (let i = 0; i < n; i++) depLists.push(deps(i));
  for (let root = 0; root < n; root++) {
    if (state[root]) continue;
    let top = 0;
    stackItem[0] = root;
    stackPos[0] = 0;
    state[root] = 1;
    while (top >= 0) {
      const i = stackItem[top]!;
      const list = depLists[i]!;
      const pos = stackPos[top]!;
      if (pos < list.length) {
        stackPos[top] = pos + 1;
        const j = list[pos]!;
        if (state[j] === 0) {
          state[j] = 1;
          top++;
          stackItem[top] = j;
          stackPos[top] = 0;
        }
      } else {
        state[i] = 2;
        out[filled++] = i;
        top--;
      }
    }
  }
  cache.set(c, out);
  return out;
}

export interface Consumers {
  /** CSR: the items whose production reads item j's access (directly or through a category). */
  readonly offsets: Int32Array;
  readonly items: Int32Array;
}

const consumerCache = new WeakMap<CompiledDataset, Consumers>();

/**
 * Who must be recomputed when item j's access changes: the items requiring j, and the items
 * requiring any derived category above j (whose access is a mean over its variants).
 */
export function consumersOf(c: CompiledDataset, vs: VariantStructure): Consumers {
  const hit = consumerCache.get(c);
  if (hit) return hit;
  const n = c.nItems;
  const direct: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) {
    if (vs.derived[i]) continue;
    for (let slot = c.reqOffsets[i]!; slot < c.reqOffsets[i + 1]!; slot++) {
      for (let q = c.slotInputOffsets[slot]!; q < c.slotInputOffsets[slot + 1]!; q++) {
        direct[c.slotInput[q]!]!.push(i);
      }
    }
  }
  const offsets = new Int32Array(n + 1);
  const lists: number[][] = [];
  for (let j = 0; j < n; j++) {
    const set = new Set<number>(direct[j]);
    // Climb the derived categories above j: their consumers read j's access too.
    for (let g = c.variantParent[j]!; g >= 0 && vs.derived[g]; g = c.variantParent[g]!) {
      for (const i of direct[g]!) set.add(i);
    }
    const list = [...set].sort((x, y) => x - y);
    lists.push(list);
    offsets[j + 1] = offsets[j]! + list.length;
  }
  const items = new Int32Array(offsets[n]!);
  lists.forEach((list, j) => items.set(list, offsets[j]!));
  const out = { offsets, items };
  consumerCache.set(c, out);
  return out;
}
