/**
 * Fuzzing the firm-network readers (io/firms; issue 8): mutated CSV folders (a fixture and a
 * generated network) and mutated ProductionNetworkSimulator files end in a network that
 * simulates, with the shocks as read, or in a ValidationError naming file and line. The
 * properties are in targets.ts.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FuzzContext } from './targets.js';
import { createFuzzContext, fuzz } from './targets.js';

let ctx: FuzzContext;
beforeAll(async () => {
  ctx = await createFuzzContext(['firms-csv', 'firms-simulator']);
});
afterAll(() => ctx?.dispose());

it('readFirmCsv reads or refuses 800 mutated firm networks', async () => {
  const t = await fuzz(ctx.target('firms-csv'), { numRuns: 800, seed: 20261209 });
  expect(t).toMatchObject({ tried: 800, crashes: 0 });
  expect(t.accepted).toBeGreaterThan(30);
  expect(t.refused).toBeGreaterThan(300);
});

it('readSimulatorFiles reads or refuses 800 mutated simulator inputs', async () => {
  const t = await fuzz(ctx.target('firms-simulator'), { numRuns: 800, seed: 20261210 });
  expect(t).toMatchObject({ tried: 800, crashes: 0 });
  expect(t.accepted).toBeGreaterThan(30);
  expect(t.refused).toBeGreaterThan(300);
});
