/**
 * Chokepoint as a library: the curated public API. Everything not exported here is internal
 * and may change without notice.
 *
 * ```ts
 * import { loadDataset, compileDataset, resolvePerspective, itemConcentration } from 'chokepoint';
 * const { dataset } = loadDataset('data');
 * const c = compileDataset(dataset);
 * ```
 */

// Dataset model (src/core/dataset.ts)
export type {
  Bloc,
  Country,
  Dataset,
  DatasetMeta,
  Demand,
  Item,
  ItemKind,
  Organization,
  Requirement,
  Share,
  Source,
} from './core/dataset.js';
export { AREA_NAMES, CORE_AREAS, ITEM_KINDS, ROW, areaName, emptyDataset } from './core/dataset.js';

// Compiled form and metrics (MODEL.md §1-2)
export type { CompiledDataset } from './core/compile.js';
export { compileDataset } from './core/compile.js';
export type {
  ConcentrationRow,
  ExposureRow,
  GroupShare,
  OrgConcentrationRow,
} from './core/metrics.js';
export {
  areaShares,
  countToReach,
  hhi,
  itemConcentration,
  itemExposure,
  itemOrgConcentration,
  stageShares,
} from './core/metrics.js';
export type { Overview, OverviewOptions } from './core/overview.js';
export { overview } from './core/overview.js';
export type { Perspective } from './core/perspective.js';
export {
  UnknownNameError,
  resolveArea,
  resolveItem,
  resolvePerspective,
} from './core/perspective.js';

// Scenarios and the equilibrium (MODEL.md §3-4)
export type { Scenario, ScenarioProblem, Selector, Shock } from './core/scenario.js';
export { ALL_COUNTRIES, resolveScenario } from './core/scenario.js';
export type {
  EquilibriumResult,
  Reallocation,
  ScenarioDiff,
  SolveOptions,
} from './core/equilibrium/index.js';
export {
  build,
  computeDemand,
  emptyDiff,
  outage,
  restrict,
  scenarioDiff,
  solveEquilibrium,
  why,
} from './core/equilibrium/index.js';
export type { DynamicsReport, SeriesPoint } from './core/dynamics.js';
export { dynamicsScenario, simulateOverTime } from './core/dynamics.js';
export type { AuditReport } from './core/audit.js';
export { auditDataset } from './core/audit.js';
export type { SimulationReport } from './core/simulate.js';
export { simulate } from './core/simulate.js';
export type { RankResult, RankRow, Restrictor } from './core/rank.js';
export { defaultRestrictors, rankChokepoints } from './core/rank.js';

// Reading and writing (src/io)
export type { Location, ValidationIssue } from './io/issues.js';
export { ValidationError, formatIssue } from './io/issues.js';
export type { CheckedDataset, ReadOptions } from './io/read-dataset.js';
export {
  DatasetNotFoundError,
  checkDataset,
  checkDatasetJson,
  loadDataset,
} from './io/read-dataset.js';
export {
  OutputExistsError,
  datasetToJson,
  writeDatasetFolder,
  writeDatasetJson,
} from './io/write-dataset.js';
export { parseScenarioText, readScenarioFile, scenarioFromValue } from './io/read-scenario.js';
export { importEto } from './io/eto/import-eto.js';
