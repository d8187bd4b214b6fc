/**
 * Firm-level supply-chain dynamics (MODEL.md §7): public surface of this folder.
 */
export type { Allocator, FirmNetwork, FirmNetworkSpec, LinkList } from './network.js';
export { buildFirmNetwork, DuplicateLinkError, f64, heapAllocator, i32 } from './network.js';
export type {
  FinalDemandPriority,
  FirmSimOptions,
  InventoryUse,
  OrderRule,
  Rationing,
  ResolvedFirmSimOptions,
} from './options.js';
export { FIRM_DEFAULTS, resolveFirmOptions } from './options.js';
export type { CompiledShocks, FirmShock } from './shocks.js';
export { applyShocks, compileShocks, deltaAt } from './shocks.js';
export type { FirmState, KernelParams, Scratch } from './kernel.js';
export { createScratch, kernelParams, phaseA, phaseB } from './kernel.js';
export { sortPairs, waterLevel } from './ration.js';
export type { FirmRunHooks, FirmSeries, FirmSimResult, PhaseRunner } from './simulate.js';
export { createFirmState, simulateFirms } from './simulate.js';
export type { GenerateOptions } from './generate.js';
export { generateFirmNetwork } from './generate.js';
export type { Rng } from './rng.js';
export { seededRng } from './rng.js';
export type { ItemFirmNetwork } from './from-items.js';
export { firmNetworkFromDataset } from './from-items.js';
export type { FirmCapability } from './capability.js';
export { firmCapability } from './capability.js';
