/**
 * Benchmark of the capability equilibrium (MODEL.md §3) and the chokepoint ranking (§4),
 * with a side-by-side peer: bench/peer_equilibrium.py, a plain numpy + scipy (HiGHS LP)
 * implementation of the same model, run on the same exported problems in the same run.
 *
 *   npx tsx bench/equilibrium.bench.ts [--quick] [--no-peer]
 *
 * Cases: the bundled dataset (data/), the ETO Chip Explorer snapshot imported from
 * ../shared/data/eto-chip-explorer, and a generated network (bench/generate-network.ts).
 * Each timing is warm-up runs followed by repeated runs; the table shows median and
 * minimum. For every scenario the peer solves the same problem; the bench reports the
 * largest difference of x and a (they must agree within 1e-6) and the time ratio
 * peer / engine. Results go to bench/out/equilibrium.json (gitignored).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CompiledDataset } from '../src/core/compile.js';
import { compileDataset } from '../src/core/compile.js';
import type { Dataset } from '../src/core/dataset.js';
import type { DemandTable } from '../src/core/equilibrium/demand.js';
import { computeDemand } from '../src/core/equilibrium/demand.js';
import type { Reallocation, Shock } from '../src/core/equilibrium/scenario-diff.js';
import { restrict, scenarioDiff } from '../src/core/equilibrium/scenario-diff.js';
import { solveEquilibrium } from '../src/core/equilibrium/solve.js';
import { resolvePerspective } from '../src/core/perspective.js';
import { defaultRestrictors, rankChokepoints } from '../src/core/rank.js';
import { importEto } from '../src/io/eto/import-eto.js';
import { loadDataset } from '../src/io/read-dataset.js';
import { DEFAULT_NETWORK, generateNetwork, generatedShock } from './generate-network.js';
import type { Agreement, PeerRun } from './peer-problem.js';
import { compareWithPeer, exportProblem, PYTHON, runPeer } from './peer-problem.js';
import type { MeasureOptions, Timing } from './timing.js';
import { measure, timeOnce } from './timing.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const outDir = join(here, 'out');
const peerScript = join(here, 'peer_equilibrium.py');
const etoDir = resolve(repo, '../shared/data/eto-chip-explorer');
const AGREE = 1e-6;

const quick = process.argv.includes('--quick');
const withPeer = !process.argv.includes('--no-peer');
const reps = (warmup: number, repeats: number): MeasureOptions =>
  quick
    ? { warmup: Math.min(warmup, 1), repeats: Math.max(1, Math.ceil(repeats / 5)) }
    : { warmup, repeats };

interface ScenarioRow {
  dataset: string;
  scenario: string;
  reallocation: Reallocation;
  engine: Timing;
  /** The same solve with demand computed inside (no precomputed DemandTable). */
  engineWithDemand: Timing;
  iterations: number;
  converged: boolean;
  /** Production nodes (baseline capacity > 0) whose operating level x fell below 1. */
  nodesLosing: number;
  nodes: number;
  peer?: {
    timing: Timing;
    iterations: number;
    converged: boolean;
    marketAllocations: number;
    lpSolves: number;
    ratio: number;
    agreement: Agreement;
  };
}

interface StepRow {
  dataset: string;
  step: string;
  timing: Timing;
  note?: string;
}

const scenarios: ScenarioRow[] = [];
const steps: StepRow[] = [];

function log(msg: string): void {
  process.stderr.write(`${msg}\n`);
}

function scenarioCase(
  dataset: string,
  name: string,
  c: CompiledDataset,
  demand: DemandTable,
  shocks: readonly Shock[],
  reallocation: Reallocation,
  opts: { engine: MeasureOptions; peer: { warmup: number; repeats: number } },
): void {
  log(`scenario ${dataset} / ${name} (${reallocation})`);
  const run = () =>
    solveEquilibrium(c, scenarioDiff(c, shocks, { reallocation }), { demand: demand });
  const { timing, result } = measure(run, opts.engine);
  const cold = measure(
    () => solveEquilibrium(c, scenarioDiff(c, shocks, { reallocation })),
    opts.engine,
  );
  const row: ScenarioRow = {
    dataset,
    scenario: name,
    reallocation,
    engine: timing,
    engineWithDemand: cold.timing,
    iterations: result.iterations,
    converged: result.converged,
    ...losing(result.baseShare, result.x),
  };
  if (withPeer) {
    const dir = join(outDir, 'problems', `${dataset}--${name}--${reallocation}`);
    exportProblem(dir, `${dataset} / ${name}`, c, demand, result.diff);
    const peer: PeerRun = runPeer(peerScript, dir, quick ? { warmup: 0, repeats: 1 } : opts.peer);
    const agreement = compareWithPeer(c, result, peer);
    row.peer = {
      timing: peer.timing,
      iterations: peer.iterations,
      converged: peer.converged,
      marketAllocations: peer.marketAllocations,
      lpSolves: peer.lpSolves,
      ratio: peer.timing.medianMs / timing.medianMs,
      agreement,
    };
  }
  scenarios.push(row);
}

function losing(base: Float64Array, x: Float64Array): { nodesLosing: number; nodes: number } {
  let nodes = 0;
  let nodesLosing = 0;
  for (let p = 0; p < base.length; p++) {
    if (!(base[p]! > 0)) continue;
    nodes++;
    if (x[p]! < 1 - 1e-12) nodesLosing++;
  }
  return { nodesLosing, nodes };
}

function rankCase(dataset: string, c: CompiledDataset, opts: MeasureOptions): void {
  log(`ranking ${dataset} / CHN`);
  const p = resolvePerspective(c, 'CHN');
  const restrictors = defaultRestrictors(c, p);
  const { timing, result } = measure(() => rankChokepoints(c, p, restrictors), opts);
  steps.push({
    dataset,
    step: 'rank CHN (market, default restrictors)',
    timing,
    note: `${result.rows.length + result.decoupling.length} solves, ${result.notConverged} not converged`,
  });
}

interface NamedShocks {
  name: string;
  shocks: (c: CompiledDataset) => Shock[];
  modes: Reallocation[];
}

function datasetCase(
  name: string,
  dataset: Dataset,
  cases: readonly NamedShocks[],
  opts: { rank: boolean; scenarioReps: MeasureOptions },
): void {
  const compiled = measure(() => compileDataset(dataset), reps(3, 20));
  steps.push({ dataset: name, step: 'compileDataset', timing: compiled.timing });
  const c = compiled.result;
  const demand = measure(() => computeDemand(c), reps(3, 20));
  steps.push({ dataset: name, step: 'computeDemand', timing: demand.timing });
  const peerOpts = { warmup: 1, repeats: 5 };
  const o = { engine: opts.scenarioReps, peer: peerOpts };
  scenarioCase(name, 'empty', c, demand.result, [], 'market', o);
  for (const k of cases) {
    const shocks = k.shocks(c);
    for (const mode of k.modes) scenarioCase(name, k.name, c, demand.result, shocks, mode, o);
  }
  if (opts.rank) rankCase(name, c, reps(1, 5));
}

function indices(map: ReadonlyMap<string, number>, names: readonly string[]): number[] {
  return names.map((id) => {
    const i = map.get(id);
    if (i === undefined) throw new Error(`the dataset lacks "${id}"`);
    return i;
  });
}

/** "NLD restricts euv-lithography-tools to CHN" (severity 1). */
const euvToChina: NamedShocks = {
  name: 'nld-euv-chn',
  modes: ['market', 'fixed'],
  shocks: (c) => [
    restrict(c, {
      items: indices(c.itemIndex, ['euv-lithography-tools']),
      from: indices(c.countryIndex, ['NLD']),
      to: indices(c.countryIndex, ['CHN']),
      severity: 1,
    }),
  ],
};

/**
 * data/scenarios/china-rare-earths-2025.yaml: CHN restricts rare-earth oxides and NdFeB magnets
 * to ALL (every country, ROW included) at severity 0.74, a partial restriction on many buyers.
 */
const rareEarths: NamedShocks = {
  name: 'chn-rare-earths-all-0.74',
  modes: ['market', 'fixed'],
  shocks: (c) => [
    restrict(c, {
      items: indices(c.itemIndex, ['rare-earth-oxides', 'ndfeb-magnets']),
      from: indices(c.countryIndex, ['CHN']),
      to: [...c.countryCodes.keys()],
      severity: 0.74,
    }),
  ],
};

function machine(): Record<string, string | number> {
  const py = spawnSync(
    PYTHON,
    [
      '-c',
      'import sys, numpy, scipy; print(sys.version.split()[0], numpy.__version__, scipy.__version__)',
    ],
    { encoding: 'utf8' },
  );
  const [python = '?', numpy = '?', scipy = '?'] = (py.stdout ?? '').trim().split(' ');
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    python,
    numpy,
    scipy,
    load1AtStart: os.loadavg()[0]!,
  };
}

function fmt(ms: number | undefined): string {
  if (ms === undefined || Number.isNaN(ms)) return '-';
  return ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3);
}

function sci(v: number | undefined): string {
  return v === undefined ? '-' : v === 0 ? '0' : v.toExponential(1);
}

function printTables(): void {
  const lines: string[][] = [
    [
      'dataset',
      'scenario',
      'mode',
      'engine med ms',
      'engine min ms',
      'w/ demand med ms',
      'sweeps',
      'nodes x<1',
      'peer med ms',
      'peer/engine',
      'max |dx|',
      'max |da|',
    ],
  ];
  for (const r of scenarios) {
    lines.push([
      r.dataset,
      r.scenario,
      r.reallocation,
      fmt(r.engine.medianMs),
      fmt(r.engine.minMs),
      fmt(r.engineWithDemand.medianMs),
      `${r.iterations}${r.converged ? '' : '!'}`,
      `${r.nodesLosing}/${r.nodes}`,
      fmt(r.peer?.timing.medianMs),
      r.peer ? r.peer.ratio.toFixed(r.peer.ratio < 10 ? 1 : 0) : '-',
      sci(r.peer?.agreement.maxDiffX),
      sci(r.peer?.agreement.maxDiffA),
    ]);
  }
  printTable(lines);
  console.log('');
  const stepLines: string[][] = [['dataset', 'step', 'median ms', 'min ms', 'runs', 'note']];
  for (const s of steps) {
    stepLines.push([
      s.dataset,
      s.step,
      fmt(s.timing.medianMs),
      fmt(s.timing.minMs),
      String(s.timing.samples.length),
      s.note ?? '',
    ]);
  }
  printTable(stepLines);
}

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  for (const r of rows) console.log(r.map((cell, col) => cell.padEnd(widths[col]!)).join('  '));
}

function main(): void {
  mkdirSync(outDir, { recursive: true });
  const info = machine();
  log(`machine: ${JSON.stringify(info)}`);

  const bundled = timeOnce(() => loadDataset(join(repo, 'data')).dataset);
  steps.push({
    dataset: 'bundled',
    step: 'loadDataset (read + validate)',
    timing: one(bundled.ms),
  });
  datasetCase('bundled', bundled.result, [euvToChina, rareEarths], {
    rank: true,
    scenarioReps: reps(20, 100),
  });

  if (existsSync(etoDir)) {
    const eto = timeOnce(() => importEto(etoDir).dataset);
    steps.push({ dataset: 'eto', step: 'importEto', timing: one(eto.ms) });
    datasetCase('eto', eto.result, [{ ...euvToChina, modes: ['market'] }], {
      rank: true,
      scenarioReps: reps(20, 100),
    });
  } else {
    log(`ETO snapshot not found at ${etoDir}: ETO cases skipped`);
  }

  const spec = DEFAULT_NETWORK;
  const genName = `generated-${spec.items}x${spec.countries}`;
  const gen = timeOnce(() => generateNetwork(spec));
  steps.push({ dataset: genName, step: 'generateNetwork', timing: one(gen.ms) });
  const shockSpec = generatedShock(gen.result, {
    seed: spec.seed + 1,
    fraction: 0.01,
    from: ['C01', 'C02', 'C03'],
    to: 'C00',
  });
  const generatedShocks = (severity: number): NamedShocks => ({
    name: `c01-c03-1pct-c00${severity < 1 ? `-${severity}` : ''}`,
    modes: severity < 1 ? ['market'] : ['market', 'fixed'],
    shocks: (c) => [
      restrict(c, {
        items: indices(c.itemIndex, shockSpec.items),
        from: indices(c.countryIndex, shockSpec.from),
        to: indices(c.countryIndex, shockSpec.to),
        severity,
      }),
    ],
  });
  datasetCase(genName, gen.result, [generatedShocks(1), generatedShocks(0.5)], {
    rank: false,
    scenarioReps: reps(2, 10),
  });

  printTables();
  const failures = scenarios.filter(
    (r) => r.peer && !(Math.max(r.peer.agreement.maxDiffX, r.peer.agreement.maxDiffA) <= AGREE),
  );
  for (const r of failures) {
    console.log(
      `DISAGREEMENT ${r.dataset} / ${r.scenario} (${r.reallocation}): ${JSON.stringify(r.peer!.agreement)}`,
    );
  }
  const out = {
    when: new Date().toISOString(),
    command: `npx tsx bench/equilibrium.bench.ts${quick ? ' --quick' : ''}${withPeer ? '' : ' --no-peer'}`,
    machine: { ...info, load1AtEnd: os.loadavg()[0]! },
    generated: { spec, shock: { ...shockSpec, items: shockSpec.items.length } },
    scenarios,
    steps,
  };
  const path = join(outDir, 'equilibrium.json');
  writeFileSync(path, JSON.stringify(out, null, 1));
  log(`wrote ${path}`);
  if (failures.length > 0) process.exitCode = 1;
}

function one(ms: number): Timing {
  return { samples: [ms], medianMs: ms, minMs: ms };
}

main();
