/**
 * Numbered source notes for a brief: every figure cites the sources of the rows it shows; the
 * first citation of a source gives it the next number, and the brief ends with the list.
 */
import type { Source } from '../core/dataset.js';

export class Footnotes {
  private readonly order: string[] = [];
  private readonly byId: ReadonlyMap<string, Source>;

  constructor(sources: readonly Source[]) {
    this.byId = new Map(sources.map((s) => [s.id, s]));
  }

  /** Numbers of these sources (unknown ids are listed under their id), sorted, deduplicated. */
  cite(ids: Iterable<string | undefined | null>): number[] {
    const out = new Set<number>();
    for (const id of ids) {
      if (!id) continue;
      let n = this.order.indexOf(id);
      if (n < 0) n = this.order.push(id) - 1;
      out.add(n + 1);
    }
    return [...out].sort((a, b) => a - b);
  }

  /** Cited sources in citation order. */
  list(): { n: number; id: string; source: Source | undefined }[] {
    return this.order.map((id, k) => ({ n: k + 1, id, source: this.byId.get(id) }));
  }
}

/** [1–3, 7]: runs of consecutive numbers joined by an en dash. */
export function compactNumbers(ns: readonly number[]): string {
  const parts: string[] = [];
  for (let k = 0; k < ns.length;) {
    let j = k;
    while (j + 1 < ns.length && ns[j + 1] === ns[j]! + 1) j++;
    parts.push(j > k + 1 ? `${ns[k]}–${ns[j]}` : j === k + 1 ? `${ns[k]}, ${ns[j]}` : `${ns[k]}`);
    k = j + 1;
  }
  return parts.join(', ');
}
