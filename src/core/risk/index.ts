/** Monte Carlo risk (MODEL.md §5): public surface of this folder. */
export type { RunControl } from './cancel.js';
export { CancelledError, checkCancelled } from './cancel.js';
export type { RunDraws } from './draw.js';
export { drawRuns } from './draw.js';
export type { RiskEvent, RiskModel } from './model.js';
export { checkRiskModel, diffForEvents, eventScenario } from './model.js';
export type {
  AreaRisk,
  Contribution,
  RiskContext,
  RiskOptions,
  RiskReport,
  RunOutcome,
} from './monte-carlo.js';
export {
  aggregateRisk,
  baselineByArea,
  createRiskContext,
  drawRiskRuns,
  evaluateEvents,
  runRisk,
} from './monte-carlo.js';
export type { Rng } from './rng.js';
export { mix32, mulberry32, normalizeSeed, runRng } from './rng.js';
export type { Distribution, Tail } from './stats.js';
export { cvar, mean, quantileSorted, summarize, tailCount } from './stats.js';
