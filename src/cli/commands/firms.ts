/**
 * `chokepoint firms simulate` and `chokepoint firms generate`: the firm-level dynamics of
 * MODEL.md §7 (core/firms) on a network in the CSV form or in ProductionNetworkSimulator's
 * files (io/firms), and the synthetic network generator. `firms simulate --sweep countries`
 * (or `sectors`) runs one scenario per group with that group's firms out, on threads or, with
 * `--redis`, on `chokepoint worker` processes. docs/firms.md is the manual.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { FirmSimOptions, FirmSimResult } from '../../core/firms/index.js';
import {
  compileShocks,
  createFirmState,
  generateFirmNetwork,
  kernelParams,
  resolveFirmOptions,
  simulateFirms,
} from '../../core/firms/index.js';
import type { FirmNetwork } from '../../core/firms/network.js';
import type { FirmInput } from '../../io/firms/index.js';
import { readFirmCsv, readSimulatorFiles, writeFirmCsv } from '../../io/firms/index.js';
import type { Context } from '../context.js';
import { sweepInRedis } from '../distributed/firms.js';
import type { FirmNetworkSource } from '../distributed/protocol.js';
import { firmNetworkHash } from '../distributed/protocol.js';
import type { FirmSweepSpec, SweepSetup } from '../firm-workers.js';
import {
  runSweepInThreads,
  sharedAllocator,
  startFirmWorkers,
  sweepGroups,
  sweepScenarioRow,
  sweepStride,
} from '../firm-workers.js';
import { pct, renderTable, UsageError } from '../output.js';
import { progressBar } from './risk.js';

/** Networks with fewer links run on one thread: waking workers would cost more than it saves. */
const WORKER_MIN_LINKS = 200_000;

export interface FirmsSimulateOptions {
  links?: string;
  finalDemand?: string;
  initial?: string;
  sectors?: string;
  shocks?: string;
  steps?: string;
  rationing?: string;
  inventory?: string;
  tau?: string;
  finalDemandPriority?: string;
  orders?: string;
  inventoryUse?: string;
  snapshot?: string;
  snapshotOut?: string;
  workers?: string;
  /** `countries` or `sectors`: one scenario per group, that group's firms out. */
  sweep?: string;
  sweepDelta?: string;
  sweepRecovery?: string;
  /** Redis URL: run the sweep's scenarios on `chokepoint worker` processes. */
  redis?: string;
  /** Scenarios per batch with --redis. */
  batchSize?: number;
}

function num(name: string, value: string | undefined, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (!Number.isFinite(x) || (integer && !Number.isInteger(x))) {
    throw new UsageError(
      `--${name} expects ${integer ? 'a whole number' : 'a number'}, not "${value}"`,
    );
  }
  return x;
}

function oneOf<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, not "${value}"`);
  }
  return value as T;
}

function readInput(
  dir: string | undefined,
  o: FirmsSimulateOptions,
): { input: FirmInput; simulatorFiles: boolean } {
  const files = [o.links, o.finalDemand, o.initial, o.sectors];
  if (dir !== undefined) {
    if (files.some((f) => f !== undefined) || o.shocks !== undefined) {
      throw new UsageError(
        'give either a CSV folder or the simulator files (--links ...), not both',
      );
    }
    return { input: readFirmCsv(dir, sharedAllocator), simulatorFiles: false };
  }
  if (files.some((f) => f === undefined)) {
    throw new UsageError(
      'give a CSV folder (firms.csv, links.csv, shocks.csv) or all of --links, --final-demand, --initial and --sectors',
    );
  }
  const input = readSimulatorFiles(
    {
      links: o.links!,
      finalDemand: o.finalDemand!,
      initial: o.initial!,
      sectors: o.sectors!,
      shocks: o.shocks,
    },
    sharedAllocator,
  );
  return { input, simulatorFiles: true };
}

function simOptions(o: FirmsSimulateOptions, simulatorFiles: boolean): FirmSimOptions {
  const snapshots = o.snapshot
    ?.split(/[,:]/)
    .filter((s) => s !== '')
    .map((s) => num('snapshot', s, true)!);
  const opts: FirmSimOptions = {
    steps: num('steps', o.steps, true),
    inventory: num('inventory', o.inventory, false),
    tau: num('tau', o.tau, false),
    rationing: oneOf('rationing', o.rationing, ['proportional', 'lowest-first'] as const),
    finalDemandPriority: oneOf('final-demand-priority', o.finalDemandPriority, [
      'equal',
      'lowest',
    ] as const),
    orders: oneOf('orders', o.orders, ['normal', 'keep-initial', 'ignore-negative'] as const),
    // The simulator's files default to its own inventory rule, so its files give its series.
    inventoryUse:
      oneOf('inventory-use', o.inventoryUse, ['by-stock', 'by-flow'] as const) ??
      (simulatorFiles ? 'by-flow' : 'by-stock'),
    snapshots,
  };
  try {
    resolveFirmOptions(opts);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  return opts;
}

/** Series by group name: `{ name: { production: [...], finalConsumption: [...] } }`. */
function groups(names: readonly string[], prod: Float64Array, cons: Float64Array, rows: number) {
  const out: Record<string, { production: number[]; finalConsumption: number[] }> = {};
  names.forEach((name, g) => {
    out[name === '' ? '(none)' : name] = {
      production: Array.from(prod.subarray(g * rows, (g + 1) * rows)),
      finalConsumption: Array.from(cons.subarray(g * rows, (g + 1) * rows)),
    };
  });
  return out;
}

function writeSnapshots(dir: string, net: FirmNetwork, r: FirmSimResult): void {
  mkdirSync(dir, { recursive: true });
  for (const [t, pact] of r.snapshots) {
    const lines: string[] = [];
    for (let i = 0; i < net.nFirms; i++) lines.push(`${net.ids?.[i] ?? i} ${pact[i]}`);
    writeFileSync(join(dir, `snapshot-${t}.txt`), lines.join('\n') + '\n');
  }
}

export async function runFirmsSimulate(
  ctx: Context,
  dir: string | undefined,
  o: FirmsSimulateOptions,
): Promise<void> {
  const { input, simulatorFiles } = readInput(dir, o);
  if (o.sweep !== undefined) return runFirmsSweep(ctx, dir, o, input, simulatorFiles);
  if (o.redis !== undefined)
    throw new UsageError('--redis distributes a sweep: add --sweep countries or --sweep sectors');
  const net = input.network;
  const options = simOptions(o, simulatorFiles);
  const resolved = resolveFirmOptions(options);
  const shocks = compileShocks(net.nFirms, input.shocks);
  const wanted = num('workers', o.workers, true);
  if (wanted !== undefined && wanted < 0) throw new UsageError('--workers must be 0 or more');
  const workers =
    wanted ?? (net.nLinks >= WORKER_MIN_LINKS ? Math.min(availableParallelism() - 1, 7) : 0);
  const params = kernelParams(resolved);
  const state = createFirmState(net, resolved.inventory, sharedAllocator);
  const pool = workers > 0 ? await startFirmWorkers(net, state, params, workers) : undefined;
  const tty = ctx.io.stderr.isTTY === true;
  let result: FirmSimResult;
  try {
    result = simulateFirms(net, shocks, options, {
      state,
      makeRunner: pool ? () => pool.run : undefined,
      onStep: tty
        ? (t, steps) => {
            ctx.io.stderr.write(`\rstep ${t + 1}/${steps}${t + 1 === steps ? '\n' : ''}`);
          }
        : undefined,
    });
  } finally {
    await pool?.close();
  }
  if (o.snapshotOut) writeSnapshots(o.snapshotOut, net, result);
  const s = result.series;
  const rows = s.t.length;
  const steps = Array.from(s.t, (t, k) => ({
    t,
    production: s.production[k]!,
    finalConsumption: s.finalConsumption[k]!,
  }));
  const json = {
    firms: net.nFirms,
    links: net.nLinks,
    options: result.options,
    steps,
    byCountry: groups(net.countryNames, s.productionByCountry, s.consumptionByCountry, rows),
    bySector: groups(net.sectorNames, s.productionBySector, s.consumptionBySector, rows),
    ...(o.snapshotOut
      ? {}
      : {
          snapshots: Object.fromEntries(
            [...result.snapshots].map(([t, pact]) => [
              String(t),
              Object.fromEntries(Array.from(pact, (x, i) => [net.ids?.[i] ?? String(i), x])),
            ]),
          ),
        }),
  };
  ctx.emit(
    json,
    () => steps,
    () =>
      ctx.t('cli.firms.head', {
        firms: net.nFirms,
        links: net.nLinks,
        rationing: ctx.t(`cli.firms.rationing.${resolved.rationing}`),
        priority: ctx.t(`cli.firms.priority.${resolved.finalDemandPriority}`),
        inventory: String(resolved.inventory),
        tau: String(resolved.tau),
      }) +
      '\n' +
      renderTable(
        [
          { header: ctx.t('cli.col.step'), value: (r) => r.t, align: 'right' },
          {
            header: ctx.t('cli.col.production'),
            value: (r) => r.production.toPrecision(8),
            align: 'right',
          },
          {
            header: ctx.t('cli.col.finalConsumption'),
            value: (r) => r.finalConsumption.toPrecision(8),
            align: 'right',
          },
          {
            header: ctx.t('cli.col.vsBaseline'),
            value: (r) => `${((r.production / steps[0]!.production) * 100).toFixed(2)}%`,
            align: 'right',
          },
        ],
        steps,
      ),
  );
}

/** Where the network was read, for workers that read it again (`--redis`). */
function sourceOf(dir: string | undefined, o: FirmsSimulateOptions): FirmNetworkSource {
  if (dir !== undefined) return { form: 'csv', dir };
  return {
    form: 'simulator',
    links: o.links!,
    finalDemand: o.finalDemand!,
    initial: o.initial!,
    sectors: o.sectors!,
    shocks: o.shocks,
  };
}

/**
 * `firms simulate --sweep countries|sectors`: one scenario per group (country or sector), in
 * which every firm of the group loses `--sweep-delta` of its capacity from step 0 (recovering
 * over `--sweep-recovery` steps, default never), on top of the network's own shocks. Each
 * scenario is summarized (production and final consumption lost over the steps, the lowest
 * production, production lost per country); scenarios are listed by production lost.
 */
async function runFirmsSweep(
  ctx: Context,
  dir: string | undefined,
  o: FirmsSimulateOptions,
  input: FirmInput,
  simulatorFiles: boolean,
): Promise<void> {
  const net = input.network;
  const by = oneOf('sweep', o.sweep, ['countries', 'sectors'] as const)!;
  if (o.snapshot !== undefined || o.snapshotOut !== undefined)
    throw new UsageError('--snapshot does not apply to --sweep: each scenario is summarized');
  const delta = num('sweep-delta', o.sweepDelta, false) ?? 1;
  if (!(delta >= 0 && delta <= 1)) throw new UsageError('--sweep-delta must be in 0..1');
  const recovery = num('sweep-recovery', o.sweepRecovery, false) ?? 0;
  if (!(recovery >= 0)) throw new UsageError('--sweep-recovery must be 0 or more');
  const { snapshots: _snapshots, ...options } = simOptions(o, simulatorFiles);
  const resolved = resolveFirmOptions(options);
  const sweep: FirmSweepSpec = { by, delta, recovery };
  const groups = sweepGroups(net, by);
  if (groups.length === 0) throw new UsageError('the network has no firms to sweep');
  const setup: SweepSetup = { net, baseShocks: input.shocks, options, sweep };
  const ids = groups.map((g) => g.group);
  const progress = progressBar(ctx, `firms: ${groups.length} scenarios`);
  let rows: Float64Array[];
  if (o.redis !== undefined) {
    rows = await sweepInRedis(
      {
        source: sourceOf(dir, o),
        sha256: firmNetworkHash(net, input.shocks),
        options,
        sweep,
        stride: sweepStride(net),
      },
      ids,
      {
        redis: o.redis,
        batchSize: o.batchSize,
        onProgress: progress,
        onNote: (m) => ctx.err(`chokepoint: ${m}`),
      },
    );
  } else {
    const wanted = num('workers', o.workers, true);
    if (wanted !== undefined && wanted < 0) throw new UsageError('--workers must be 0 or more');
    // Scenarios are independent: one thread each, as many as cores (the network is shared).
    const threads =
      wanted ??
      (net.nLinks * groups.length >= WORKER_MIN_LINKS
        ? Math.min(availableParallelism(), 8, groups.length)
        : 0);
    rows =
      threads > 0
        ? await runSweepInThreads(setup, ids, threads, progress)
        : ids.map((g, k) => {
            const row = sweepScenarioRow(setup, g);
            progress?.(k + 1, ids.length);
            return row;
          });
  }
  const base = rows[0]!;
  const horizon = base[0]! * resolved.steps;
  const country = (name: string) => (name === '' ? '(none)' : name);
  const scenarios = groups
    .map((g, k) => {
      const r = rows[k]!;
      return {
        id: g.name,
        firms: r[2]!,
        productionLost: r[3]!,
        productionLostShare: horizon > 0 ? r[3]! / horizon : 0,
        finalConsumptionLost: r[4]!,
        minProduction: r[5]!,
        minProductionStep: r[6]!,
        endProduction: r[7]!,
        endFinalConsumption: r[8]!,
        productionLostByCountry: Object.fromEntries(
          net.countryNames.map((name, c) => [country(name), r[9 + c]!]),
        ),
      };
    })
    .sort((a, b) => b.productionLost - a.productionLost || a.id.localeCompare(b.id));
  const json = {
    firms: net.nFirms,
    links: net.nLinks,
    options: resolved,
    sweep: { by, delta, recovery, scenarios: scenarios.length },
    baseline: { production: base[0]!, finalConsumption: base[1]! },
    scenarios,
  };
  ctx.emit(
    json,
    () => scenarios.map(({ productionLostByCountry: _byCountry, ...s }) => s),
    () =>
      ctx.t(recovery > 0 ? 'cli.firms.sweepHeadRecovery' : 'cli.firms.sweepHead', {
        firms: net.nFirms,
        links: net.nLinks,
        group: ctx.t(`cli.firms.group.${by}`),
        delta: pct(delta),
        recovery: String(recovery),
        steps: resolved.steps,
        rationing: ctx.t(`cli.firms.rationing.${resolved.rationing}`),
      }) +
      '\n' +
      renderTable(
        [
          {
            header: ctx.t(by === 'countries' ? 'cli.col.country' : 'cli.col.sector'),
            value: (r) => r.id,
            max: 30,
          },
          { header: ctx.t('cli.col.firms'), value: (r) => r.firms, align: 'right' },
          {
            header: ctx.t('cli.col.productionLost'),
            value: (r) => r.productionLost.toPrecision(6),
            align: 'right',
          },
          {
            header: ctx.t('cli.col.ofOutput'),
            value: (r) => pct(r.productionLostShare, 2),
            align: 'right',
          },
          {
            header: ctx.t('cli.col.finalConsumptionLost'),
            value: (r) => r.finalConsumptionLost.toPrecision(6),
            align: 'right',
          },
          {
            header: ctx.t('cli.col.lowestProduction'),
            value: (r) => `${r.minProduction.toPrecision(6)} (${r.minProductionStep})`,
            align: 'right',
          },
        ],
        scenarios,
      ),
  );
}

export interface FirmsGenerateOptions {
  firms: string;
  links: string;
  sectors: string;
  countries: string;
  seed: string;
  out: string;
  force: boolean;
}

export function runFirmsGenerate(ctx: Context, o: FirmsGenerateOptions): void {
  const spec = {
    firms: num('firms', o.firms, true)!,
    links: num('links', o.links, true)!,
    sectors: num('sectors', o.sectors, true)!,
    countries: num('countries', o.countries, true)!,
    seed: num('seed', o.seed, true)!,
  };
  let net: FirmNetwork;
  try {
    net = generateFirmNetwork(spec);
  } catch (err) {
    if (err instanceof RangeError) throw new UsageError(err.message);
    throw err;
  }
  writeFirmCsv(o.out, net, [], { force: o.force });
  const summary = {
    out: o.out,
    firms: net.nFirms,
    links: net.nLinks,
    sectors: spec.sectors,
    countries: spec.countries,
    seed: spec.seed,
    maxClients: net.maxOutDegree,
  };
  ctx.emit(
    summary,
    () => [summary],
    () =>
      ctx.t('cli.firms.wrote', {
        firms: net.nFirms,
        links: net.nLinks,
        out: o.out,
        max: net.maxOutDegree,
      }),
  );
}

/** Register `firms simulate` and `firms generate` on the program. */
export function registerFirms(program: Command, ctx: (cmd: Command) => Context): void {
  const firms = program
    .command('firms')
    .description('firm-level supply networks: dynamics over time (MODEL.md §7)');
  firms
    .command('simulate')
    .description(
      "run the Hallegatte / Inoue-Todo dynamics on a firm network (CSV folder or the simulator's files)",
    )
    .argument('[dir]', 'folder with firms.csv, links.csv and optionally shocks.csv')
    .option('--links <file>', 'simulator file: supplier client amount')
    .option('--final-demand <file>', 'simulator file: firm amount')
    .option('--initial <file>', 'simulator file: firm amount (baseline production)')
    .option('--sectors <file>', 'simulator file: firm sector')
    .option('--shocks <file>', 'simulator file: firm delta')
    .option('--steps <n>', 'steps after the shock (default 10)')
    .addOption(
      new Option('--rationing <rule>', 'proportional or lowest-first (default proportional)'),
    )
    .option('--inventory <n>', 'target inventory in steps of use (default 15)')
    .option('--tau <t>', 'steps to close the inventory gap (default 6)')
    .option('--final-demand-priority <p>', 'equal or lowest (default equal)')
    .option('--orders <rule>', 'normal, keep-initial or ignore-negative (default normal)')
    .option(
      '--inventory-use <rule>',
      'by-stock or by-flow (default by-stock; by-flow with the simulator files)',
    )
    .option('--snapshot <steps>', "comma-separated steps at which to keep every firm's output")
    .option(
      '--snapshot-out <dir>',
      'write snapshots as snapshot-<t>.txt files here (else in the JSON)',
    )
    .option(
      '--workers <n>',
      'worker threads (default: cores - 1 for networks of 200,000 links or more; with --sweep one per core when links x scenarios reach 200,000)',
    )
    .option(
      '--sweep <groups>',
      'countries or sectors: one scenario per group with its firms out (docs/firms.md)',
    )
    .option('--sweep-delta <d>', 'with --sweep: share of capacity the group loses (default 1)')
    .option('--sweep-recovery <t>', 'with --sweep: steps to recover linearly (default 0: never)')
    .option(
      '--redis <url>',
      "run a sweep's scenarios on `chokepoint worker` processes via this Redis",
    )
    .option('--batch-size <n>', 'scenarios per batch with --redis', (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1)
        throw new UsageError(`--batch-size expects a whole number of at least 1, not "${v}"`);
      return n;
    })
    .action((dir: string | undefined, opts: FirmsSimulateOptions, cmd: Command) =>
      runFirmsSimulate(ctx(cmd), dir, opts),
    );
  firms
    .command('generate')
    .description(
      'write a synthetic firm network (heavy-tailed degrees, sector structure, countries) in the CSV form',
    )
    .requiredOption('--firms <n>', 'number of firms')
    .requiredOption('--links <m>', 'number of links')
    .option('--sectors <s>', 'number of sectors', '20')
    .option('--countries <c>', 'number of countries', '10')
    .option('--seed <x>', 'random seed', '1')
    .requiredOption('--out <dir>', 'folder to write')
    .option('--force', 'replace --out if it exists', false)
    .action((opts: FirmsGenerateOptions, cmd: Command) => runFirmsGenerate(ctx(cmd), opts));
}
