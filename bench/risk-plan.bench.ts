/**
 * Benchmark of Monte Carlo risk (MODEL.md §5) and the investment planner (§6) on the bundled
 * dataset (data/):
 *
 *   npx tsx bench/risk-plan.bench.ts [--quick]
 *
 * - Monte Carlo: `chokepoint risk` over data/risk/chn-2025.yaml (6 events: runs share few
 *   distinct equilibria) and over a generated model of 24 events (almost every run is its own
 *   equilibrium), each with 1 and 2 workers (1 worker = the main thread). Two
 *   figures: runs per second (what the user sees; many runs share one set of events, so the
 *   cache does most of the work) and distinct equilibria per second (the work the workers
 *   share). The speed-up is the 2-worker rate over the 1-worker rate; the JSON of both must
 *   be the same bytes.
 * - Planner: 50, 200 and 1,000 generated candidate projects (seeded: random items of the
 *   dataset, built in CHN, with random costs, durations, chances, prerequisites and exclusive
 *   groups), one scenario (us-nl-jp-controls-2023), a budget of a quarter of the total cost.
 *   Reports wall time, MIP solves and equilibria.
 * Timings are one run each (these are long runs, not micro-benchmarks).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Context } from '../src/cli/context.js';
import { runRiskCommand } from '../src/cli/commands/risk.js';
import { compileDataset } from '../src/core/compile.js';
import { variantStructure } from '../src/core/equilibrium/variants.js';
import { resolvePerspective } from '../src/core/perspective.js';
import type { Project } from '../src/core/plan/index.js';
import { planPortfolio } from '../src/core/plan/index.js';
import { mulberry32 } from '../src/core/risk/rng.js';
import { resolveScenario } from '../src/core/scenario.js';
import { loadDataset } from '../src/io/read-dataset.js';
import { readScenarioFile } from '../src/io/read-scenario.js';
import { createHighsSolver } from '../src/solver/highs.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const DATA = resolve(ROOT, 'data');
const quick = process.argv.includes('--quick');

async function monteCarlo(
  runs: number,
  workers: number,
  risk = resolve(DATA, 'risk/chn-2025.yaml'),
): Promise<{ ms: number; json: string }> {
  let json = '';
  const ctx = new Context(
    { stdout: { write: (s: string) => (json += s) }, stderr: { write: () => true } },
    { format: 'json', dataset: DATA },
  );
  const t = performance.now();
  await runRiskCommand(ctx, {
    risk,
    runs,
    seed: '1',
    workers,
  });
  return { ms: performance.now() - t, json };
}

function generateProjects(
  c: ReturnType<typeof compileDataset>,
  n: number,
  seed: number,
): Project[] {
  const rng = mulberry32(seed);
  const derived = variantStructure(c).derived;
  const items = [...c.itemIds.keys()].filter((i) => !derived[i]);
  const chn = c.countryIndex.get('CHN')!;
  const out: Project[] = [];
  for (let p = 0; p < n; p++) {
    out.push({
      id: `gen-${p}`,
      item: items[Math.floor(rng() * items.length)]!,
      country: chn,
      capacity: 0.01 + 0.1 * rng(),
      cost: Math.round(1e8 + 5e9 * rng()),
      years: 1 + Math.floor(rng() * 5),
      pSuccess: 0.3 + 0.7 * rng(),
      requires: p > 0 && rng() < 0.1 ? [Math.floor(rng() * p)] : [],
      exclusiveGroup: rng() < 0.1 ? `g${Math.floor(rng() * 5)}` : undefined,
    });
  }
  return out;
}

const rows: string[][] = [];

/** Many events, so that most runs draw a set of their own: the cache helps little. */
function manyEventsModel(): string {
  const suppliers = ['USA', 'JPN', 'NLD', 'DEU', 'KOR', 'TWN'];
  const areas = ['ic', 'machine-tools', 'basic-software', 'instruments'];
  const lines = ['perspective: CHN', 'events:'];
  for (const k of suppliers)
    for (const a of areas)
      lines.push(
        `  - id: ${k.toLowerCase()}-${a}`,
        '    probability: 0.3',
        `    shocks: [ { restrict: { from: [${k}], to: [CHN], areas: [${a}] } } ]`,
      );
  const file = join(mkdtempSync(join(os.tmpdir(), 'chokepoint-bench-')), 'many-events.yaml');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

const cases: [string, string, number][] = [
  ['chn-2025 (6 events)', resolve(DATA, 'risk/chn-2025.yaml'), quick ? 2000 : 20000],
  ['24 generated events', manyEventsModel(), quick ? 100 : 600],
];
for (const [name, file, runs] of cases) {
  const one = await monteCarlo(runs, 1, file);
  const two = await monteCarlo(runs, 2, file);
  const distinct = (JSON.parse(one.json) as { distinctScenarios: number }).distinctScenarios;
  if (one.json !== two.json) throw new Error(`${name}: 1 and 2 workers gave different JSON`);
  for (const [w, r] of [
    [1, one],
    [2, two],
  ] as const) {
    rows.push([
      `risk ${name}, ${runs} runs, ${w} worker(s)`,
      `${(r.ms / 1000).toFixed(2)} s`,
      `${Math.round((runs / r.ms) * 1000)} runs/s`,
      `${((distinct / r.ms) * 1000).toFixed(1)} equilibria/s (${distinct} distinct)`,
    ]);
  }
  rows.push([
    `  speed-up, 2 workers over 1`,
    `${(one.ms / two.ms).toFixed(2)}x`,
    '',
    'same JSON bytes: yes',
  ]);
}

const c = compileDataset(loadDataset(DATA).dataset);
const chn = resolvePerspective(c, 'CHN');
const sc = readScenarioFile(resolve(DATA, 'scenarios/us-nl-jp-controls-2023.yaml'));
const { diff } = resolveScenario(c, sc.scenario);
const solver = await createHighsSolver();
for (const n of quick ? [50] : [50, 200, 1000]) {
  const projects = generateProjects(c, n, n);
  const budget = projects.reduce((s, p) => s + p.cost, 0) / 4;
  const t = performance.now();
  const plan = planPortfolio(
    c,
    { projects, scenarios: [{ id: sc.scenario.id, diff, weight: 1 }], perspective: chn, budget },
    { solver },
  );
  const ms = performance.now() - t;
  rows.push([
    `plan, ${n} generated projects, 1 scenario`,
    `${(ms / 1000).toFixed(2)} s`,
    `${plan.iterations} MIP solves, ${plan.chosen.length} chosen`,
    `${plan.equilibria} equilibria (${((plan.equilibria / ms) * 1000).toFixed(0)}/s)`,
  ]);
}

const widths = rows[0]!.map((_, q) => Math.max(...rows.map((r) => r[q]!.length)));
console.log(
  `machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown'}, Node ${process.version}`,
);
for (const r of rows) console.log(r.map((v, q) => v.padEnd(widths[q]!)).join('  '));
