/**
 * Fuzzing the xlsx reader (io/xlsx.ts; issue 8): workbooks of the mini dataset with mutated
 * sheet XML, mutated zip bytes and hostile cell values (formulas, errors, invalid dates, rich
 * text) end in a dataset or in issues naming sheet and row. The property is in targets.ts.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FuzzContext } from './targets.js';
import { createFuzzContext, fuzz } from './targets.js';

let ctx: FuzzContext;
beforeAll(async () => {
  ctx = await createFuzzContext(['xlsx']);
});
afterAll(() => ctx?.dispose());

it('checkDatasetXlsx reads or refuses 300 hostile workbooks', async () => {
  const t = await fuzz(ctx.target('xlsx'), { numRuns: 300, seed: 20261208 });
  expect(t).toMatchObject({ tried: 300, crashes: 0 });
  expect(t.accepted).toBeGreaterThan(30);
  expect(t.refused).toBeGreaterThan(100);
});
