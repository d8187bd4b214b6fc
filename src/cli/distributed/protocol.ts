/**
 * The batch protocol between the commands run with `--redis` (the producer) and
 * `chokepoint worker`: the queue, the job payloads of each batch kind, and a compact exact
 * encoding of the results.
 *
 * Every kind cuts its work into items (a distinct set of risk events, a ranking run, a
 * planner equilibrium, a firm-level scenario); a batch is a slice of consecutive items. The
 * worker returns, per item, a fixed number of Float64 values, sent as the raw bytes of one
 * Float64Array (base64): no number is rounded on the way, so the producer assembles exactly
 * what the local run computes.
 */
import { createHash } from 'node:crypto';
import type { Dataset } from '../../core/dataset.js';
import type { FirmNetwork } from '../../core/firms/network.js';
import type { FirmShock } from '../../core/firms/shocks.js';
import type { FirmSimOptions } from '../../core/firms/index.js';
import type { FirmSweepSpec } from '../firm-workers.js';
import type { PlanObjective, Project } from '../../core/plan/index.js';
import type { RiskModel, RunOutcome } from '../../core/risk/index.js';
import type { ScenarioDiff } from '../../core/equilibrium/scenario-diff.js';
import type { Reallocation } from '../../core/scenario.js';
import { datasetToJson } from '../../io/write-dataset.js';
import { canonicalJson, sha256Hex } from '../../store/hash.js';

/** The BullMQ queue every batch goes through; the job's name is its kind. */
export const BATCH_QUEUE = 'batches';
/** Every queue the workers serve (for `queue status`). */
export const QUEUES = [BATCH_QUEUE] as const;
/**
 * BullMQ key prefix: `$CHOKEPOINT_REDIS_PREFIX`, else `chokepoint`. Several deployments can
 * share one Redis with different prefixes.
 */
export function defaultPrefix(): string {
  return process.env.CHOKEPOINT_REDIS_PREFIX || 'chokepoint';
}
/** Protocol version: a worker refuses batches of another version. */
export const PROTOCOL = 2;

export type BatchKind = 'risk' | 'rank' | 'plan' | 'firms';
export const BATCH_KINDS: readonly BatchKind[] = ['risk', 'rank', 'plan', 'firms'];

export interface DatasetRef {
  /** Absolute path on the producer (workers need the same path, e.g. a shared mount). */
  path: string;
  /** The bundled dataset: each worker uses its own copy (verified by hash like any other). */
  bundled: boolean;
  /** sha256 of the dataset's canonical JSON (`datasetHash`). */
  sha256: string;
}

/** Fields every batch carries. */
export interface BatchHeader {
  protocol: number;
  kind: BatchKind;
  run: string;
  batch: number;
  /** A batch running longer than this fails its attempt (the worker stops it). */
  timeoutMs: number;
  /**
   * A key of the batch's shared context (dataset, model, projects, ...): equal for every batch
   * of a command, so a worker prepares that context once.
   */
  context: string;
}

export interface RiskBatch extends BatchHeader {
  kind: 'risk';
  dataset: DatasetRef;
  model: RiskModel;
  perspective: string;
  reallocation?: Reallocation | undefined;
  /** Indices into the run's distinct sets, and the sets themselves. */
  items: { index: number; events: number[] }[];
}

export interface RankBatch extends BatchHeader {
  kind: 'rank';
  dataset: DatasetRef;
  perspective: string;
  reallocation: Reallocation;
  /** Ranking runs (`rankRuns`): the item withheld and the supplier countries withholding it. */
  items: { index: number; item: number; from: number[] }[];
}

/** A scenario diff in a sparse, exact JSON form (restrictions as they are, nonzero cells). */
export interface SparseDiff {
  restrictions: { items: number[]; from: number[]; to: number[]; severity: number }[];
  /** [cell, value] pairs of `outage` and `added` (cell = item * nCountries + country). */
  outage: [number, number][];
  added: [number, number][];
  reallocation: Reallocation;
}

export interface PlanBatch extends BatchHeader {
  kind: 'plan';
  dataset: DatasetRef;
  perspective: string;
  objective: PlanObjective;
  projects: Project[];
  scenarios: SparseDiff[];
  /** One equilibrium each: a portfolio (ascending project indices) under scenario `scenario`. */
  items: { index: number; portfolio: number[]; scenario: number }[];
}

/** Where a worker reads a firm network: the CSV folder or the simulator's files. */
export type FirmNetworkSource =
  | { form: 'csv'; dir: string }
  | {
      form: 'simulator';
      links: string;
      finalDemand: string;
      initial: string;
      sectors: string;
      shocks?: string | undefined;
    };

export interface FirmsBatch extends BatchHeader {
  kind: 'firms';
  network: { source: FirmNetworkSource; sha256: string };
  options: FirmSimOptions;
  sweep: FirmSweepSpec;
  /** One scenario each: the firms of group `group` lose `sweep.delta` (plus the base shocks). */
  items: { index: number; group: number }[];
}

export type AnyBatch = RiskBatch | RankBatch | PlanBatch | FirmsBatch;

export interface BatchResult {
  run: string;
  batch: number;
  /** Index of the first item; the items are consecutive. */
  start: number;
  count: number;
  /** Values per item. */
  stride: number;
  /** count * stride Float64 values, base64 (`packRows`). */
  values: string;
  /** Which worker computed it (for status and tests). */
  worker: string;
}

/** sha256 of the dataset's canonical JSON: equal datasets hash equally, whatever the files' form. */
export function datasetHash(ds: Dataset): string {
  return sha256Hex(canonicalJson(datasetToJson(ds)));
}

/**
 * sha256 of what defines a firm network's dynamics: sizes, group names, firms' sectors,
 * countries, final demand, baseline production and demand, the links, and the base shocks.
 * The indexes derived from these (slots, supplier order) follow from them.
 */
export function firmNetworkHash(net: FirmNetwork, shocks: readonly FirmShock[]): string {
  const h = createHash('sha256');
  h.update(canonicalJson([net.nFirms, net.nLinks, net.sectorNames, net.countryNames, shocks]));
  for (const a of [
    net.sector,
    net.country,
    net.finalDemand,
    net.initial,
    net.baseDemand,
    net.inOffsets,
    net.supplier,
    net.flow,
  ]) {
    h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  }
  return h.digest('hex');
}

/** Rows of `stride` values each, as the base64 of their Float64 bytes. */
export function packRows(rows: readonly ArrayLike<number>[], stride: number): string {
  const buf = new Float64Array(rows.length * stride);
  rows.forEach((r, k) => {
    if (r.length !== stride) throw new Error(`row ${k} has ${r.length} values, expected ${stride}`);
    buf.set(r, k * stride);
  });
  return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('base64');
}

/** The inverse of `packRows`; throws when the size does not fit. */
export function unpackRows(text: string, count: number, stride: number): Float64Array[] {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.byteLength !== count * stride * 8)
    throw new Error(
      `a batch result has ${bytes.byteLength} bytes, expected ${count * stride * 8} (${count} items of ${stride} values): was it computed on another dataset?`,
    );
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  const buf = new Float64Array(copy.buffer);
  return Array.from({ length: count }, (_, k) => buf.slice(k * stride, (k + 1) * stride));
}

/** A risk outcome as a row: [valueAtRisk, capabilityIndex, converged, ...valueAtRiskByArea]. */
export function riskRow(o: RunOutcome): Float64Array {
  const row = new Float64Array(3 + o.valueAtRiskByArea.length);
  row[0] = o.valueAtRisk;
  row[1] = o.capabilityIndex;
  row[2] = o.converged ? 1 : 0;
  row.set(o.valueAtRiskByArea, 3);
  return row;
}

export function riskOutcome(row: Float64Array): RunOutcome {
  return {
    valueAtRisk: row[0]!,
    capabilityIndex: row[1]!,
    converged: row[2] === 1,
    valueAtRiskByArea: row.slice(3),
  };
}

/** Split `total` items into consecutive batches of at most `size`. */
export function splitBatches(total: number, size: number): { start: number; end: number }[] {
  const s = Math.max(1, Math.floor(size));
  const out: { start: number; end: number }[] = [];
  for (let start = 0; start < total; start += s)
    out.push({ start, end: Math.min(total, start + s) });
  return out;
}

/** Default batch size: about 16 batches (4 per expected worker), at least 1 item each. */
export function defaultBatchSize(total: number): number {
  return Math.max(1, Math.ceil(total / 16));
}

/** A scenario diff in the exact sparse form batches carry. */
export function sparseDiff(d: ScenarioDiff): SparseDiff {
  const cells = (a: Float64Array): [number, number][] => {
    const out: [number, number][] = [];
    a.forEach((v, q) => {
      if (v !== 0) out.push([q, v]);
    });
    return out;
  };
  return {
    restrictions: d.restrictions.map((r) => ({
      items: Array.from(r.items),
      from: Array.from(r.from),
      to: Array.from(r.to),
      severity: r.severity,
    })),
    outage: cells(d.outage),
    added: cells(d.added),
    reallocation: d.reallocation,
  };
}

/** The diff of `sparseDiff` again, on a dataset of `cells` item-country cells. */
export function denseDiff(s: SparseDiff, cells: number): ScenarioDiff {
  const fill = (pairs: readonly [number, number][]) => {
    const a = new Float64Array(cells);
    for (const [q, v] of pairs) {
      if (!(q >= 0 && q < cells)) throw new RangeError(`diff cell ${q} outside 0..${cells - 1}`);
      a[q] = v;
    }
    return a;
  };
  return {
    restrictions: s.restrictions.map((r) => ({
      items: Int32Array.from(r.items),
      from: Int32Array.from(r.from),
      to: Int32Array.from(r.to),
      severity: r.severity,
    })),
    outage: fill(s.outage),
    added: fill(s.added),
    reallocation: s.reallocation,
  };
}
