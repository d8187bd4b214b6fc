/**
 * Fuzzing the projects reader (io/read-projects.ts; issue 8): mutated copies of
 * data/projects.csv, read against the bundled dataset, end in projects or a ValidationError
 * whose issues name file and line. The property is in targets.ts.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FuzzContext } from './targets.js';
import { createFuzzContext, fuzz } from './targets.js';

let ctx: FuzzContext;
beforeAll(async () => {
  ctx = await createFuzzContext(['projects']);
});
afterAll(() => ctx?.dispose());

it('readProjectsFile returns or refuses 1000 mutated projects files', async () => {
  const t = await fuzz(ctx.target('projects'), { numRuns: 1000, seed: 20261206 });
  expect(t).toMatchObject({ tried: 1000, crashes: 0 });
  expect(t.accepted).toBeGreaterThan(50);
  expect(t.refused).toBeGreaterThan(400);
});
