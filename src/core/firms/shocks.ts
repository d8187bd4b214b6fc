/**
 * Capacity shocks on firms: `delta_i` is the fraction of firm i's capacity lost, so
 * `Pcap_i = (1 - delta_i) * P0_i` (Hallegatte 2008; Inoue & Todo 2019).
 *
 * The simulator's delta file applies each delta from step 0 for ever. The CSV form adds a
 * start step and a linear recovery: delta applies in full at `start` and falls linearly to
 * zero at `start + recovery`; `recovery = 0` means no recovery. Several shocks on one firm
 * combine as independent losses (the surviving fractions multiply), as outages do in the
 * static model (scenario-diff.ts).
 */

export interface FirmShock {
  /** Firm index. */
  firm: number;
  /** Fraction of capacity lost, 0..1. */
  delta: number;
  /** First step with the loss. Default 0. */
  start?: number | undefined;
  /** Steps to recover linearly; 0 or absent: permanent. */
  recovery?: number | undefined;
}

/** Shocks as parallel arrays, sorted by firm. */
export interface CompiledShocks {
  readonly firm: Int32Array;
  readonly delta: Float64Array;
  readonly start: Int32Array;
  readonly recovery: Float64Array;
}

export function compileShocks(nFirms: number, shocks: readonly FirmShock[]): CompiledShocks {
  const sorted = shocks
    .map((s, q) => ({ s, q }))
    .sort((a, b) => a.s.firm - b.s.firm || a.q - b.q)
    .map((x) => x.s);
  const n = sorted.length;
  const out = {
    firm: new Int32Array(n),
    delta: new Float64Array(n),
    start: new Int32Array(n),
    recovery: new Float64Array(n),
  };
  sorted.forEach((s, q) => {
    if (!(s.firm >= 0 && s.firm < nFirms) || !Number.isInteger(s.firm)) {
      throw new RangeError(`shock on firm ${s.firm}: no such firm`);
    }
    if (!(s.delta >= 0 && s.delta <= 1))
      throw new RangeError(`shock delta ${s.delta} must be in 0..1`);
    const start = s.start ?? 0;
    const rec = s.recovery ?? 0;
    if (!Number.isInteger(start) || start < 0)
      throw new RangeError(`shock start ${start} must be a whole number >= 0`);
    if (!(rec >= 0) || !Number.isFinite(rec))
      throw new RangeError(`shock recovery ${rec} must be >= 0`);
    out.firm[q] = s.firm;
    out.delta[q] = s.delta;
    out.start[q] = start;
    out.recovery[q] = rec;
  });
  return out;
}

/** The loss of shock q at step t (0 before it starts, linear recovery after). */
export function deltaAt(sh: CompiledShocks, q: number, t: number): number {
  const start = sh.start[q]!;
  if (t < start) return 0;
  const rec = sh.recovery[q]!;
  const d = sh.delta[q]!;
  if (rec <= 0) return d;
  const left = 1 - (t - start) / rec;
  return left > 0 ? d * left : 0;
}

/** Set `pcap` for step t: P0 everywhere except shocked firms. Only shocked firms are touched. */
export function applyShocks(
  sh: CompiledShocks,
  initial: Float64Array,
  t: number,
  pcap: Float64Array,
): void {
  let q = 0;
  while (q < sh.firm.length) {
    const i = sh.firm[q]!;
    let keep = 1;
    for (; q < sh.firm.length && sh.firm[q] === i; q++) keep *= 1 - deltaAt(sh, q, t);
    pcap[i] = initial[i]! * keep;
  }
}
