/**
 * Fuzzing the ETO importer (io/eto; issue 8) on mutated copies of the ETO Chip Explorer
 * CSVs, read from ../shared/data/eto-chip-explorer (this test fails, never skips, when it is
 * absent): every input ends in an imported dataset that validates and compiles, or in a
 * ValidationError naming the ETO file. The property is in targets.ts.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FuzzContext } from './targets.js';
import { createFuzzContext, fuzz } from './targets.js';

let ctx: FuzzContext;
beforeAll(async () => {
  ctx = await createFuzzContext(['eto']);
});
afterAll(() => ctx?.dispose());

it('importEto imports or refuses 300 mutated ETO snapshots', async () => {
  const t = await fuzz(ctx.target('eto'), { numRuns: 300, seed: 20261207 });
  expect(t).toMatchObject({ tried: 300, crashes: 0 });
  expect(t.accepted).toBeGreaterThan(50);
  expect(t.refused).toBeGreaterThan(50);
});
