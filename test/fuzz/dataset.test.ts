/**
 * Fuzzing the dataset readers (io/read-dataset.ts and the files it calls; issue 8): mutated
 * copies of the bundled data/ folder, and its JSON form with values replaced and text
 * mutated, end in a dataset or in issues that name file and line; a dataset with no error
 * compiles. The properties are in targets.ts; scripts/fuzz.ts runs them longer.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FuzzContext } from './targets.js';
import { createFuzzContext, fuzz } from './targets.js';

let ctx: FuzzContext;
beforeAll(async () => {
  ctx = await createFuzzContext(['dataset-folder', 'dataset-json']);
});
afterAll(() => ctx?.dispose());

it('checkDataset reads 300 mutated copies of data/ without crashing', async () => {
  const t = await fuzz(ctx.target('dataset-folder'), { numRuns: 300, seed: 20261202 });
  expect(t).toMatchObject({ tried: 300, crashes: 0 });
  expect(t.accepted).toBeGreaterThan(10);
  expect(t.refused).toBeGreaterThan(100);
});

it('checkDataset reads 300 mutated JSON datasets without crashing', async () => {
  const t = await fuzz(ctx.target('dataset-json'), { numRuns: 300, seed: 20261203 });
  expect(t).toMatchObject({ tried: 300, crashes: 0 });
  expect(t.accepted).toBeGreaterThan(10);
  expect(t.refused).toBeGreaterThan(100);
});
