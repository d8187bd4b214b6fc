/**
 * Options of the firm-level dynamics and their defaults.
 *
 * The defaults are those of Inoue's ProductionNetworkSimulator (proNet.cpp, read at commit
 * 005764a of github.com/HiroyasuInoue/ProductionNetworkSimulator): inventory target
 * `inventoryN = 15` steps of use, `tau = 6`, 10 steps, proportional rationing (`-R 0`), normal
 * orders (`-o 0`). docs/firms.md lists where this engine departs from that code and why.
 */

/**
 * How a supplier that cannot meet its orders shares its output (proNet `-R`):
 * - `proportional`: every client and final demand get the same fraction of what they asked
 *   (Hallegatte 2008);
 * - `lowest-first`: Inoue and Todo's rule: clients are filled up to equal fractions of their
 *   *initial* orders, the smallest requests first, so a client that asks for more than its
 *   baseline is served last.
 */
export type Rationing = 'proportional' | 'lowest-first';

/** Final demand served like any client (`equal`) or only after every client (`lowest`). */
export type FinalDemandPriority = 'equal' | 'lowest';

/**
 * Orders to a supplier (proNet `-o`): `normal` is baseline flow scaled by last step's output
 * plus `1/tau` of the gap to `n` steps of that use; `keep-initial` aims at `n` steps of the
 * baseline flow instead; `ignore-negative` drops the gap term when stocks exceed the target.
 * Orders are never negative.
 */
export type OrderRule = 'normal' | 'keep-initial' | 'ignore-negative';

/**
 * What production draws from the stocks of one sector's suppliers: `by-stock` shares the
 * sector's use over its suppliers in proportion to their stocks (MODEL.md §7; goods are
 * conserved and stocks stay >= 0 exactly); `by-flow` takes each link's baseline share and
 * clamps at zero (what proNet.cpp does, so the same files give the same series).
 */
export type InventoryUse = 'by-stock' | 'by-flow';

export interface FirmSimOptions {
  /** Steps simulated after the shock (t = 0..steps-1). Default 10 (proNet `-t`). */
  steps?: number | undefined;
  /** Target inventory in steps of use, `n`. Default 15. */
  inventory?: number | undefined;
  /** Steps to close the gap to the target inventory, `tau`. Default 6. */
  tau?: number | undefined;
  /** Default `proportional`. */
  rationing?: Rationing | undefined;
  /** Default `equal`. */
  finalDemandPriority?: FinalDemandPriority | undefined;
  /** Default `normal`. */
  orders?: OrderRule | undefined;
  /** Default `by-stock` (MODEL.md §7); `by-flow` reproduces proNet.cpp. */
  inventoryUse?: InventoryUse | undefined;
  /** Steps at which to keep every firm's output. Default none. */
  snapshots?: readonly number[] | undefined;
}

export interface ResolvedFirmSimOptions {
  steps: number;
  inventory: number;
  tau: number;
  rationing: Rationing;
  finalDemandPriority: FinalDemandPriority;
  orders: OrderRule;
  inventoryUse: InventoryUse;
  snapshots: readonly number[];
}

export const FIRM_DEFAULTS: Readonly<ResolvedFirmSimOptions> = {
  steps: 10,
  inventory: 15,
  tau: 6,
  rationing: 'proportional',
  finalDemandPriority: 'equal',
  orders: 'normal',
  inventoryUse: 'by-stock',
  snapshots: [],
};

export function resolveFirmOptions(o: FirmSimOptions = {}): ResolvedFirmSimOptions {
  const r: ResolvedFirmSimOptions = {
    steps: o.steps ?? FIRM_DEFAULTS.steps,
    inventory: o.inventory ?? FIRM_DEFAULTS.inventory,
    tau: o.tau ?? FIRM_DEFAULTS.tau,
    rationing: o.rationing ?? FIRM_DEFAULTS.rationing,
    finalDemandPriority: o.finalDemandPriority ?? FIRM_DEFAULTS.finalDemandPriority,
    orders: o.orders ?? FIRM_DEFAULTS.orders,
    inventoryUse: o.inventoryUse ?? FIRM_DEFAULTS.inventoryUse,
    snapshots: o.snapshots ?? FIRM_DEFAULTS.snapshots,
  };
  if (!Number.isInteger(r.steps) || r.steps < 0)
    throw new RangeError(`steps ${r.steps} must be a whole number >= 0`);
  if (!(r.inventory > 0) || !Number.isFinite(r.inventory))
    throw new RangeError(`inventory ${r.inventory} must be > 0`);
  if (!(r.tau >= 1) || !Number.isFinite(r.tau)) throw new RangeError(`tau ${r.tau} must be >= 1`);
  for (const t of r.snapshots) {
    if (!Number.isInteger(t) || t < -1)
      throw new RangeError(`snapshot step ${t} must be a whole number >= -1`);
  }
  return r;
}
