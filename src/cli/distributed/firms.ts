/**
 * `firms simulate --sweep ... --redis`: each scenario of the sweep (one group's firms out) is
 * an item; a worker reads the network from the same files once, checks its content hash, runs
 * the scenario with `sweepScenarioRow` (the function the local run uses) and returns the row.
 */
import { resolve } from 'node:path';
import type { FirmSimOptions } from '../../core/firms/index.js';
import { canonicalJson, sha256Hex } from '../../store/hash.js';
import type { FirmSweepSpec } from '../firm-workers.js';
import type { FirmNetworkSource } from './protocol.js';
import type { RedisRunOptions } from './session.js';
import { withSession } from './session.js';

export interface RedisSweepSetup {
  /** Where the producer read the network; workers read the same paths. */
  source: FirmNetworkSource;
  /** `firmNetworkHash` of the network and its base shocks. */
  sha256: string;
  options: FirmSimOptions;
  sweep: FirmSweepSpec;
  /** Values per row (`sweepStride`). */
  stride: number;
}

/** The source with absolute paths. */
export function absoluteSource(source: FirmNetworkSource): FirmNetworkSource {
  if (source.form === 'csv') return { form: 'csv', dir: resolve(source.dir) };
  return {
    form: 'simulator',
    links: resolve(source.links),
    finalDemand: resolve(source.finalDemand),
    initial: resolve(source.initial),
    sectors: resolve(source.sectors),
    shocks: source.shocks === undefined ? undefined : resolve(source.shocks),
  };
}

/** One row per group of `groups`, in that order, computed by the workers behind `options.redis`. */
export function sweepInRedis(
  setup: RedisSweepSetup,
  groups: readonly number[],
  options: RedisRunOptions,
): Promise<Float64Array[]> {
  return withSession(options, (session) => {
    const shared = {
      network: { source: absoluteSource(setup.source), sha256: setup.sha256 },
      options: setup.options,
      sweep: setup.sweep,
    };
    return session.run({
      kind: 'firms',
      total: groups.length,
      context: sha256Hex(canonicalJson(['firms', shared])),
      stride: setup.stride,
      payload: (start, end) => ({
        ...shared,
        items: groups.slice(start, end).map((group, k) => ({ index: start + k, group })),
      }),
      decode: (row) => row,
    });
  });
}
