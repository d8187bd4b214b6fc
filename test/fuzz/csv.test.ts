/**
 * Fuzzing the CSV scanner (io/csv.ts; issue 8, "hostile input"): arbitrary text, CSV-shaped
 * text and mutated data/*.csv end in a table or in issues that name file and line, and CSV
 * written by toCsv reads back cell for cell, on the line it starts. The property is in
 * targets.ts; scripts/fuzz.ts runs it longer.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FuzzContext } from './targets.js';
import { createFuzzContext, fuzz } from './targets.js';

let ctx: FuzzContext;
beforeAll(async () => {
  ctx = await createFuzzContext(['csv']);
});
afterAll(() => ctx?.dispose());

it('parseCsv returns a table or located issues for 2000 hostile inputs', async () => {
  const t = await fuzz(ctx.target('csv'), { numRuns: 2000, seed: 20261201 });
  expect(t).toMatchObject({ tried: 2000, crashes: 0 });
  // The generators reach both outcomes: neither all garbage nor all well-formed.
  expect(t.accepted).toBeGreaterThan(400);
  expect(t.refused).toBeGreaterThan(400);
});
