/**
 * The batch protocol between `chokepoint risk --redis` (the producer) and `chokepoint worker`:
 * queue names, job payloads, and a compact exact encoding of the outcomes.
 *
 * A risk batch is a slice of the distinct sets of events drawn (the expensive equilibria);
 * the draws themselves depend only on (seed, run index) and stay with the producer, which
 * aggregates in run order exactly as the local path does. Outcomes travel as the raw bytes of
 * Float64Arrays (base64), so no number is rounded on the way.
 */
import type { Dataset } from '../../core/dataset.js';
import type { RiskModel, RunOutcome } from '../../core/risk/index.js';
import type { Reallocation } from '../../core/scenario.js';
import { datasetToJson } from '../../io/write-dataset.js';
import { canonicalJson, sha256Hex } from '../../store/hash.js';

/** The BullMQ queue of risk batches. */
export const RISK_QUEUE = 'risk';
/** Every queue the workers serve (for `queue status`). */
export const QUEUES = [RISK_QUEUE] as const;
/** BullMQ key prefix; several deployments can share one Redis with different prefixes. */
export const DEFAULT_PREFIX = process.env.CHOKEPOINT_REDIS_PREFIX ?? 'chokepoint';
/** Protocol version: a worker refuses batches of another version. */
export const PROTOCOL = 1;

export interface DatasetRef {
  /** Absolute path on the producer (workers need the same path, e.g. a shared mount). */
  path: string;
  /** The bundled dataset: each worker uses its own copy (verified by hash like any other). */
  bundled: boolean;
  /** sha256 of the dataset's canonical JSON (`datasetHash`). */
  sha256: string;
}

export interface RiskBatchJob {
  protocol: number;
  run: string;
  batch: number;
  dataset: DatasetRef;
  model: RiskModel;
  perspective: string;
  reallocation?: Reallocation | undefined;
  /** Indices into the run's distinct sets, and the sets themselves. */
  items: { index: number; events: number[] }[];
}

export interface RiskBatchResult {
  run: string;
  batch: number;
  /** Indices of `items`, in order. */
  indices: number[];
  /** The outcomes packed by `packOutcomes`. */
  outcomes: string;
  /** Which worker computed it (for status and tests). */
  worker: string;
}

/** sha256 of the dataset's canonical JSON: equal datasets hash equally, whatever the files' form. */
export function datasetHash(ds: Dataset): string {
  return sha256Hex(canonicalJson(datasetToJson(ds)));
}

/** Exact: [valueAtRisk, capabilityIndex, converged, ...valueAtRiskByArea] per outcome. */
export function packOutcomes(outcomes: readonly RunOutcome[], nAreas: number): string {
  const stride = 3 + nAreas;
  const buf = new Float64Array(outcomes.length * stride);
  outcomes.forEach((o, k) => {
    const b = k * stride;
    buf[b] = o.valueAtRisk;
    buf[b + 1] = o.capabilityIndex;
    buf[b + 2] = o.converged ? 1 : 0;
    buf.set(o.valueAtRiskByArea, b + 3);
  });
  return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('base64');
}

export function unpackOutcomes(text: string, count: number, nAreas: number): RunOutcome[] {
  const bytes = Buffer.from(text, 'base64');
  const stride = 3 + nAreas;
  if (bytes.byteLength !== count * stride * 8)
    throw new Error(
      `a batch result has ${bytes.byteLength} bytes, expected ${count * stride * 8} (${count} outcomes, ${nAreas} areas): was it computed on another dataset?`,
    );
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  const buf = new Float64Array(copy.buffer);
  return Array.from({ length: count }, (_, k) => {
    const b = k * stride;
    return {
      valueAtRisk: buf[b]!,
      capabilityIndex: buf[b + 1]!,
      converged: buf[b + 2] === 1,
      valueAtRiskByArea: buf.slice(b + 3, b + stride),
    };
  });
}

/** Split `total` items into consecutive batches of at most `size`. */
export function splitBatches(total: number, size: number): { start: number; end: number }[] {
  const s = Math.max(1, Math.floor(size));
  const out: { start: number; end: number }[] = [];
  for (let start = 0; start < total; start += s)
    out.push({ start, end: Math.min(total, start + s) });
  return out;
}

/** Default batch size: about 4 batches per expected worker, at least 1 item each. */
export function defaultBatchSize(total: number): number {
  return Math.max(1, Math.ceil(total / 16));
}
