/**
 * `risk --redis`: the distinct sets of events drawn are the items; the outcomes come back in
 * set order, as `evaluateInWorkers` returns them for threads, and the caller aggregates in run
 * order, so the report is the same bytes as a local run. The session (session.ts) does the
 * queueing, retries and merging for every kind.
 */
import { resolve } from 'node:path';
import type { Dataset } from '../../core/dataset.js';
import type { RiskModel, RunOutcome } from '../../core/risk/index.js';
import type { Reallocation } from '../../core/scenario.js';
import { canonicalJson, sha256Hex } from '../../store/hash.js';
import type { DatasetRef } from './protocol.js';
import { datasetHash, riskOutcome } from './protocol.js';
import type { RedisRunOptions } from './session.js';
import { withSession } from './session.js';

export type { RedisRunOptions } from './session.js';
export { DistributedRunError } from './session.js';

export interface RedisRiskSetup {
  dataset: Dataset;
  /** Where the producer read the dataset (resolved to an absolute path). */
  datasetPath: string;
  /** True for the bundled dataset: each worker then uses its own bundled copy. */
  bundled: boolean;
  model: RiskModel;
  perspective: string;
  reallocation?: Reallocation | undefined;
  /** Number of areas in the compiled dataset (`c.areaIds.length`). */
  nAreas: number;
}

/** The reference batches carry to a dataset: its path and content hash. */
export function datasetRef(dataset: Dataset, path: string, bundled: boolean): DatasetRef {
  return { path: resolve(path), bundled, sha256: datasetHash(dataset) };
}

/** Evaluate each set of events in `subsets` on the workers behind `options.redis`. */
export async function evaluateInRedis(
  setup: RedisRiskSetup,
  subsets: readonly (readonly number[])[],
  options: RedisRunOptions,
): Promise<RunOutcome[]> {
  return withSession(options, async (session) => {
    const dataset = datasetRef(setup.dataset, setup.datasetPath, setup.bundled);
    const shared = {
      dataset,
      model: setup.model,
      perspective: setup.perspective,
      reallocation: setup.reallocation,
    };
    return session.run({
      kind: 'risk',
      total: subsets.length,
      context: sha256Hex(canonicalJson(['risk', shared])),
      stride: 3 + setup.nAreas,
      payload: (start, end) => ({
        ...shared,
        items: subsets
          .slice(start, end)
          .map((events, k) => ({ index: start + k, events: [...events] })),
      }),
      decode: riskOutcome,
    });
  });
}
