/**
 * Inoue and Todo's rationing (2019, Methods; proNet `-R 2`): a supplier short of output fills
 * its requesters up to equal fractions of their *initial* orders, the smallest requests
 * first. Requester k asked for `q_k` times its initial order `w_k`; it receives
 * `w_k * min(q_k, lambda)`, where the level lambda is the one at which the deliveries add up
 * to the output available (water-filling on the ratio). A requester that asks for no more
 * than lambda gets all it asked; the others share what is left in proportion to their
 * initial orders.
 *
 * The level is found exactly by sorting the ratios (an in-place heapsort over the two
 * scratch arrays, so no allocation) and sweeping them once.
 */

function siftDown(q: Float64Array, w: Float64Array, root: number, end: number): void {
  let r = root;
  for (;;) {
    let child = 2 * r + 1;
    if (child >= end) return;
    if (child + 1 < end && q[child + 1]! > q[child]!) child++;
    if (q[r]! >= q[child]!) return;
    const tq = q[r]!;
    q[r] = q[child]!;
    q[child] = tq;
    const tw = w[r]!;
    w[r] = w[child]!;
    w[child] = tw;
    r = child;
  }
}

/** Sort pairs (q[k], w[k]) for k < m by q ascending, in place. */
export function sortPairs(q: Float64Array, w: Float64Array, m: number): void {
  for (let k = (m >> 1) - 1; k >= 0; k--) siftDown(q, w, k, m);
  for (let end = m - 1; end > 0; end--) {
    const tq = q[0]!;
    q[0] = q[end]!;
    q[end] = tq;
    const tw = w[0]!;
    w[0] = w[end]!;
    w[end] = tw;
    siftDown(q, w, 0, end);
  }
}

/**
 * The level lambda such that `sum_k w_k * min(q_k, lambda) = available`, for requesters
 * k < m with initial orders `w_k > 0` and requested ratios `q_k >= 0`. Returns Infinity when
 * the requests fit (`sum w_k q_k <= available`). Reorders the scratch arrays.
 *
 * Performance: a hub may have 100,000 clients, so sorting them every step is avoided. The
 * level is first computed as if nobody were satisfied; everyone asking no more than that is
 * satisfied for sure (removing them can only raise the level), so they are moved to the
 * front and the level recomputed. This settles in a few linear passes in practice; after
 * `PASSES` passes the rest is sorted and swept, which is exact in every case.
 */
const PASSES = 16;

function swap(q: Float64Array, w: Float64Array, a: number, b: number): void {
  const tq = q[a]!;
  q[a] = q[b]!;
  q[b] = tq;
  const tw = w[a]!;
  w[a] = w[b]!;
  w[b] = tw;
}

export function waterLevel(q: Float64Array, w: Float64Array, m: number, available: number): number {
  let asked = 0;
  let wLeft = 0;
  for (let k = 0; k < m; k++) {
    asked += w[k]! * q[k]!;
    wLeft += w[k]!;
  }
  if (asked <= available) return Infinity;
  if (!(available > 0)) return 0;
  let left = available;
  let lo = 0; // requesters before lo are satisfied
  for (let pass = 0; pass < PASSES; pass++) {
    const level = left / wLeft;
    const start = lo;
    for (let k = lo; k < m; k++) {
      if (q[k]! <= level) {
        left -= w[k]! * q[k]!;
        wLeft -= w[k]!;
        swap(q, w, k, lo++);
      }
    }
    if (lo === start) return level;
  }
  // Many layers: sort what is left and sweep it.
  const qs = q.subarray(lo, m);
  const ws = w.subarray(lo, m);
  sortPairs(qs, ws, m - lo);
  for (let k = 0; k < m - lo; k++) {
    // All requesters from k on are still unsatisfied: try a common level for them.
    const level = left / wLeft;
    if (level <= qs[k]!) return level;
    left -= ws[k]! * qs[k]!;
    wLeft -= ws[k]!;
  }
  return left / wLeft; // not reached: asked > available
}
