/**
 * The capability equilibrium (MODEL.md §3): public surface of this folder.
 */
export type {
  BuildSpec,
  OutageSpec,
  Reallocation,
  RestrictSpec,
  Restriction,
  ScenarioDiff,
  ScenarioDiffOptions,
  Shock,
} from './scenario-diff.js';
export { build, emptyDiff, outage, restrict, scenarioDiff, withVariants } from './scenario-diff.js';
export type { AllowedTable } from './allowed.js';
export { compileAllowed } from './allowed.js';
export type { DemandOptions, DemandRule, DemandTable } from './demand.js';
export { computeDemand, demandWithAdded } from './demand.js';
export type { AllocationWorkspace } from './allocate.js';
export {
  allocateFixed,
  allocateMarket,
  allocateProportional,
  createAllocationWorkspace,
} from './allocate.js';
export { produce } from './production.js';
export type { VariantStructure } from './variants.js';
export { variantStructure } from './variants.js';
export type { EquilibriumResult, SolveOptions } from './solve.js';
export { SOLVE_DEFAULTS, solveEquilibrium } from './solve.js';
export type { WhyStep } from './why.js';
export { why, whyPath } from './why.js';
export type { PerspectiveOutputs } from './outputs.js';
export { accesses, capabilities, perspectiveOutputs, worldOutputLost } from './outputs.js';
