/** The shared JSON answers of the CLI and the HTTP API. */
export type { ExposureAnswer, ItemRow } from './lists.js';
export {
  concentrationQuery,
  exposureQuery,
  itemsQuery,
  orgConcentrationQuery,
  resolveBlocs,
} from './lists.js';
export type { ItemDetail } from './item-detail.js';
export { itemDetailQuery } from './item-detail.js';
export type { RankAnswerRow, RankQuery } from './rank-answer.js';
export { pickRestrictors, rankAnswerRows, rankQuery } from './rank-answer.js';
export type { ComparedFigure, ComparedEntry, ComparedRun, RunComparison } from './compare-runs.js';
export { compareRuns } from './compare-runs.js';
