/**
 * Fuzzing the scenario and risk model readers (io/read-scenario.ts, io/read-risk.ts; issue
 * 8): mutated library files as YAML and as JSON, values shaped like scenarios, arbitrary
 * text, deep nesting and aliases end in a value or a ValidationError that names file (and
 * line where there is one); what they accept resolves against the bundled dataset. The
 * properties are in targets.ts; scripts/fuzz.ts runs them longer.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FuzzContext } from './targets.js';
import { createFuzzContext, fuzz } from './targets.js';

let ctx: FuzzContext;
beforeAll(async () => {
  ctx = await createFuzzContext(['scenario', 'risk']);
});
afterAll(() => ctx?.dispose());

it('readScenarioFile returns or refuses 1000 hostile scenario files', async () => {
  const t = await fuzz(ctx.target('scenario'), { numRuns: 1000, seed: 20261204 });
  expect(t).toMatchObject({ tried: 1000, crashes: 0 });
  expect(t.accepted).toBeGreaterThan(40);
  expect(t.refused).toBeGreaterThan(400);
});

it('readRiskFile returns or refuses 600 hostile risk models', async () => {
  const t = await fuzz(ctx.target('risk'), { numRuns: 600, seed: 20261205 });
  expect(t).toMatchObject({ tried: 600, crashes: 0 });
  expect(t.accepted).toBeGreaterThan(20);
  expect(t.refused).toBeGreaterThan(200);
});
