/**
 * `rank --redis`: the ranking's runs (`rankRuns`: one equilibrium per item and restrictor,
 * then one full decoupling per item) are the items; the outcomes come back in run order and
 * `rankChokepoints` assembles the ranking from them exactly as it does from its own solves.
 */
import type { CompiledDataset } from '../../core/compile.js';
import type { Reallocation } from '../../core/equilibrium/scenario-diff.js';
import type { Perspective } from '../../core/perspective.js';
import type { RankRunOutcome, Restrictor } from '../../core/rank.js';
import { rankRuns } from '../../core/rank.js';
import { canonicalJson, sha256Hex } from '../../store/hash.js';
import type { DatasetRef } from './protocol.js';
import type { RedisRunOptions } from './session.js';
import { withSession } from './session.js';

export async function rankInRedis(
  c: CompiledDataset,
  dataset: DatasetRef,
  p: Perspective,
  restrictors: readonly Restrictor[],
  reallocation: Reallocation,
  options: RedisRunOptions,
): Promise<RankRunOutcome[]> {
  const runs = rankRuns(c, p, restrictors);
  return withSession(options, (session) => {
    const shared = { dataset, perspective: p.id, reallocation };
    return session.run({
      kind: 'rank',
      total: runs.length,
      context: sha256Hex(canonicalJson(['rank', shared])),
      stride: 4,
      payload: (start, end) => ({
        ...shared,
        items: runs
          .slice(start, end)
          .map((r, k) => ({ index: start + k, item: r.item, from: Array.from(r.from) })),
      }),
      decode: (row) => ({
        valueAtRisk: row[0]!,
        capabilityIndex: row[1]!,
        baselineValue: row[2]!,
        converged: row[3] === 1,
      }),
    });
  });
}
