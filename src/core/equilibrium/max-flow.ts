/**
 * Maximum flow (Dinic's algorithm) on a small graph with real capacities, in preallocated
 * typed arrays so that the allocation's repeated flow problems allocate nothing. Serves the
 * `market` allocation of MODEL.md §3 (allocate.ts); Dinic, J. Soviet Math. Doklady 11 (1970).
 *
 * Edges are stored in pairs: edge e and its reverse e ^ 1. `cap` holds residual capacity;
 * the flow on a forward edge is the residual of its reverse (which starts at 0).
 * Residuals at or below EPS count as saturated, so rounding noise never opens a path.
 */

/** Residual capacity treated as zero. Flows here are fractions of world supply (<= ~1). */
export const FLOW_EPS = 1e-14;

export class MaxFlow {
  private readonly head: Int32Array;
  private readonly next: Int32Array;
  private readonly to: Int32Array;
  private readonly cap: Float64Array;
  private readonly level: Int32Array;
  private readonly iter: Int32Array;
  private readonly queue: Int32Array;
  private nNodes = 0;
  private nEdges = 0;

  constructor(maxNodes: number, maxEdges: number) {
    this.head = new Int32Array(maxNodes);
    this.level = new Int32Array(maxNodes);
    this.iter = new Int32Array(maxNodes);
    this.queue = new Int32Array(maxNodes);
    this.next = new Int32Array(2 * maxEdges);
    this.to = new Int32Array(2 * maxEdges);
    this.cap = new Float64Array(2 * maxEdges);
  }

  /** Start a new graph on nodes 0..nNodes-1 with no edges. */
  reset(nNodes: number): void {
    this.nNodes = nNodes;
    this.nEdges = 0;
    this.head.fill(-1, 0, nNodes);
  }

  /** Add u -> v with the given capacity; returns the forward edge's index. */
  addEdge(u: number, v: number, capacity: number): number {
    const e = this.nEdges;
    this.to[e] = v;
    this.cap[e] = capacity;
    this.next[e] = this.head[u]!;
    this.head[u] = e;
    this.to[e + 1] = u;
    this.cap[e + 1] = 0;
    this.next[e + 1] = this.head[v]!;
    this.head[v] = e + 1;
    this.nEdges = e + 2;
    return e;
  }

  /** Flow carried by forward edge e after `run`. */
  flowOn(e: number): number {
    return this.cap[e ^ 1]!;
  }

  /** Raise the flow from s to t to its maximum; returns the total pushed by this call. */
  run(s: number, t: number): number {
    let total = 0;
    while (this.bfs(s, t)) {
      for (let u = 0; u < this.nNodes; u++) this.iter[u] = this.head[u]!;
      for (;;) {
        const f = this.dfs(s, t, Infinity);
        if (!(f > 0)) break;
        total += f;
      }
    }
    return total;
  }

  /**
   * Mark (1) the nodes reachable from s in the residual graph, never expanding `stop`
   * (the sink): after a maximum flow these form the minimal source side of a minimum cut.
   */
  reachable(s: number, stop: number, mark: Uint8Array): void {
    mark.fill(0, 0, this.nNodes);
    let qh = 0;
    let qt = 0;
    this.queue[qt++] = s;
    mark[s] = 1;
    while (qh < qt) {
      const u = this.queue[qh++]!;
      if (u === stop) continue;
      for (let e = this.head[u]!; e !== -1; e = this.next[e]!) {
        const v = this.to[e]!;
        if (!mark[v] && this.cap[e]! > FLOW_EPS) {
          mark[v] = 1;
          this.queue[qt++] = v;
        }
      }
    }
  }

  private bfs(s: number, t: number): boolean {
    this.level.fill(-1, 0, this.nNodes);
    let qh = 0;
    let qt = 0;
    this.queue[qt++] = s;
    this.level[s] = 0;
    while (qh < qt) {
      const u = this.queue[qh++]!;
      for (let e = this.head[u]!; e !== -1; e = this.next[e]!) {
        const v = this.to[e]!;
        if (this.level[v]! < 0 && this.cap[e]! > FLOW_EPS) {
          this.level[v] = this.level[u]! + 1;
          this.queue[qt++] = v;
        }
      }
    }
    return this.level[t]! >= 0;
  }

  // Recursion depth is bounded by the BFS level of t (at most the node count, ~2 x countries).
  private dfs(u: number, t: number, f: number): number {
    if (u === t) return f;
    for (; this.iter[u]! !== -1; this.iter[u] = this.next[this.iter[u]!]!) {
      const e = this.iter[u]!;
      const v = this.to[e]!;
      if (this.cap[e]! > FLOW_EPS && this.level[v] === this.level[u]! + 1) {
        const pushed = this.dfs(v, t, Math.min(f, this.cap[e]!));
        if (pushed > 0) {
          this.cap[e]! -= pushed;
          this.cap[e ^ 1]! += pushed;
          return pushed;
        }
      }
    }
    return 0;
  }
}
