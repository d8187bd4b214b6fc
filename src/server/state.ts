/** What the handlers share: the dataset, loaded, validated and compiled once at start. */
import type { CompiledDataset } from '../core/compile.js';
import { compileDataset } from '../core/compile.js';
import type { CheckedDataset } from '../io/read-dataset.js';
import { loadDataset } from '../io/read-dataset.js';
import { RankRunner } from './rank-runner.js';

export interface ServerState {
  datasetPath: string;
  checked: CheckedDataset;
  compiled: CompiledDataset;
  rank: RankRunner;
}

export function loadState(datasetPath: string, rankInWorker: boolean): ServerState {
  const checked = loadDataset(datasetPath);
  const compiled = compileDataset(checked.dataset);
  return { datasetPath, checked, compiled, rank: new RankRunner(compiled, !rankInWorker) };
}
