/**
 * The bridge to the Python peer (bench/peer_equilibrium.py): export one compiled scenario as
 * flat little-endian binary arrays plus a JSON manifest, run the peer on it, and compare
 * its x and a with the engine's.
 *
 * What is exported is the problem after the steps the peer does not redo: the demand table
 * (computeDemand: `d`, `baseShare`, `isLocal`) and the variant structure (derived categories,
 * weights, bottom-up order). The peer builds `allowed` from the restriction list itself and
 * runs its own allocation, production and fixed point.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompiledDataset } from '../src/core/compile.js';
import type { DemandTable } from '../src/core/equilibrium/demand.js';
import { demandWithAdded } from '../src/core/equilibrium/demand.js';
import type { ScenarioDiff } from '../src/core/equilibrium/scenario-diff.js';
import type { EquilibriumResult, SolveOptions } from '../src/core/equilibrium/solve.js';
import { resolveSolveOptions } from '../src/core/equilibrium/solve.js';
import { variantStructure } from '../src/core/equilibrium/variants.js';
import type { Timing } from './timing.js';
import { summarize } from './timing.js';

type Typed = Float64Array | Int32Array | Uint8Array;

function dtypeOf(arr: Typed): 'f8' | 'i4' | 'u1' {
  if (arr instanceof Float64Array) return 'f8';
  if (arr instanceof Int32Array) return 'i4';
  return 'u1';
}

/** Write the problem into `dir` (created); returns the manifest path. */
export function exportProblem(
  dir: string,
  name: string,
  c: CompiledDataset,
  table: DemandTable,
  diff: ScenarioDiff,
  options: SolveOptions = {},
): string {
  mkdirSync(dir, { recursive: true });
  const vs = variantStructure(c);
  const arrays: Record<string, Typed> = {
    baseShare: table.baseShare,
    share: c.share,
    demand: demandWithAdded(c, table, diff.added),
    outage: diff.outage,
    added: diff.added,
    isLocal: table.isLocal,
    derived: vs.derived,
    fraction: vs.fraction,
    bottomUp: vs.bottomUp,
    variantOffsets: c.variantOffsets,
    variantChild: c.variantChild,
    reqOffsets: c.reqOffsets,
    slotCriticality: c.slotCriticality,
    slotInputOffsets: c.slotInputOffsets,
    slotInput: c.slotInput,
    slotEfficiency: c.slotEfficiency,
  };
  const files: Record<string, { file: string; dtype: string; length: number }> = {};
  for (const [key, arr] of Object.entries(arrays)) {
    const file = `${key}.bin`;
    writeFileSync(join(dir, file), Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength));
    files[key] = { file, dtype: dtypeOf(arr), length: arr.length };
  }
  const { maxSweeps, tolerance } = resolveSolveOptions(options);
  const manifest = {
    name,
    nItems: c.nItems,
    nCountries: c.nCountries,
    reallocation: diff.reallocation,
    maxSweeps,
    tolerance,
    restrictions: diff.restrictions.map((r) => ({
      items: [...r.items],
      from: [...r.from],
      to: [...r.to],
      severity: r.severity,
    })),
    arrays: files,
  };
  const path = join(dir, 'manifest.json');
  writeFileSync(path, JSON.stringify(manifest, null, 1));
  return path;
}

export interface PeerRun {
  timing: Timing;
  iterations: number;
  converged: boolean;
  /** Max-min fair allocations solved by the LP route (restricted items in market mode). */
  marketAllocations: number;
  lpSolves: number;
  x: Float64Array;
  a: Float64Array;
}

export const PYTHON = '/usr/bin/python3';

/** Run the peer on an exported problem: `warmup` untimed and `repeats` timed solves. */
export function runPeer(
  script: string,
  dir: string,
  opts: { warmup: number; repeats: number },
): PeerRun {
  const proc = spawnSync(
    PYTHON,
    [script, dir, '--warmup', String(opts.warmup), '--repeats', String(opts.repeats)],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  if (proc.status !== 0) {
    throw new Error(`peer failed on ${dir} (exit ${proc.status}):\n${proc.stderr}`);
  }
  const out = JSON.parse(readFileSync(join(dir, 'peer.json'), 'utf8')) as {
    timesMs: number[];
    iterations: number;
    converged: boolean;
    marketAllocations: number;
    lpSolves: number;
  };
  const read = (file: string): Float64Array => {
    const buf = readFileSync(join(dir, file));
    return new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  };
  return {
    timing: summarize(out.timesMs),
    iterations: out.iterations,
    converged: out.converged,
    marketAllocations: out.marketAllocations,
    lpSolves: out.lpSolves,
    x: read('peer_x.bin'),
    a: read('peer_a.bin'),
  };
}

export interface Agreement {
  maxDiffX: number;
  maxDiffA: number;
  /** Where the largest difference (x or a) is, for investigation. */
  worst: { array: 'x' | 'a'; item: string; country: string; engine: number; peer: number };
}

export function compareWithPeer(
  c: CompiledDataset,
  res: EquilibriumResult,
  peer: PeerRun,
): Agreement {
  let worst: Agreement['worst'] = { array: 'x', item: '', country: '', engine: 0, peer: 0 };
  let worstDiff = -1;
  // x is compared at the nodes only (baseline or added capacity): the engine computes
  // operating levels only where an item is made, since x elsewhere multiplies nothing.
  const isNode = (p: number) => res.baseShare[p]! + res.diff.added[p]! > 0;
  const scan = (array: 'x' | 'a', ours: Float64Array, theirs: Float64Array): number => {
    if (ours.length !== theirs.length) throw new Error(`peer ${array} has the wrong length`);
    let max = 0;
    for (let p = 0; p < ours.length; p++) {
      if (array === 'x' && !isNode(p)) continue;
      const diff = Math.abs(ours[p]! - theirs[p]!);
      if (diff > max || Number.isNaN(diff)) max = Number.isNaN(diff) ? Infinity : diff;
      if (max > worstDiff) {
        worstDiff = max;
        const i = Math.floor(p / c.nCountries);
        worst = {
          array,
          item: c.itemIds[i]!,
          country: c.countryCodes[p % c.nCountries]!,
          engine: ours[p]!,
          peer: theirs[p]!,
        };
      }
    }
    return max;
  };
  const maxDiffX = scan('x', res.x, peer.x);
  const maxDiffA = scan('a', res.a, peer.a);
  return { maxDiffX, maxDiffA, worst };
}
