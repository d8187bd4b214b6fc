/**
 * Worker thread for `GET /api/rank`: ranking runs one equilibrium per (item, restrictor) pair,
 * about a second on the bundled dataset, so it runs here instead of blocking the request
 * thread. The dataset arrives once in workerData and is compiled once.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compileDataset } from '../core/compile.js';
import type { Dataset } from '../core/dataset.js';
import type { RankQuery } from '../core/queries/index.js';
import { rankQuery } from '../core/queries/index.js';

export interface RankRequest {
  id: number;
  query: Omit<RankQuery, 'onProgress'>;
}

export type RankReply =
  | { id: number; rows: ReturnType<typeof rankQuery>['rows']; notConverged: number }
  | { id: number; error: string };

const compiled = compileDataset((workerData as { dataset: Dataset }).dataset);

parentPort!.on('message', (msg: RankRequest) => {
  try {
    const { rows, result } = rankQuery(compiled, msg.query);
    parentPort!.postMessage({
      id: msg.id,
      rows,
      notConverged: result.notConverged,
    } satisfies RankReply);
  } catch (err) {
    parentPort!.postMessage({ id: msg.id, error: (err as Error).message } satisfies RankReply);
  }
});
