/**
 * Drawing the Monte Carlo runs (MODEL.md §5): in run r, event e occurs when the e-th uniform
 * of run r's own generator (rng.ts) is below its probability. Runs that drew the same set of
 * events are the same scenario, so each distinct set is solved once (`distinct`); with a
 * handful of events, thousands of runs share a few dozen equilibria.
 */
import { runRng } from './rng.js';

export interface RunDraws {
  readonly runs: number;
  readonly nEvents: number;
  /** occurred[r * nEvents + e] = 1 when event e occurs in run r. */
  readonly occurred: Uint8Array;
  /** Per run, the index into `distinct` of the set of events it drew. */
  readonly subsetOf: Int32Array;
  /** The distinct sets of occurring events (sorted event indices), in order of first draw. */
  readonly distinct: readonly (readonly number[])[];
}

export function drawRuns(probabilities: readonly number[], runs: number, seed: number): RunDraws {
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`runs ${runs} must be >= 1`);
  const nE = probabilities.length;
  const occurred = new Uint8Array(runs * nE);
  const subsetOf = new Int32Array(runs);
  const index = new Map<string, number>();
  const distinct: number[][] = [];
  for (let r = 0; r < runs; r++) {
    const rng = runRng(seed, r);
    const events: number[] = [];
    let key = '';
    for (let e = 0; e < nE; e++) {
      // Always draw, so event e's uniform is the same whatever the other probabilities are.
      const u = rng();
      if (u < probabilities[e]!) {
        occurred[r * nE + e] = 1;
        events.push(e);
        key += `${e},`;
      }
    }
    let s = index.get(key);
    if (s === undefined) {
      s = distinct.length;
      index.set(key, s);
      distinct.push(events);
    }
    subsetOf[r] = s;
  }
  return { runs, nEvents: nE, occurred, subsetOf, distinct };
}
