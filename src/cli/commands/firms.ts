/**
 * `chokepoint firms simulate` and `chokepoint firms generate`: the firm-level dynamics of
 * MODEL.md §7 (core/firms) on a network in the CSV form or in ProductionNetworkSimulator's
 * files (io/firms), and the synthetic network generator. docs/firms.md is the manual.
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
import { sharedAllocator, startFirmWorkers } from '../firm-workers.js';
import { renderTable, UsageError } from '../output.js';

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
      `${net.nFirms} firms, ${net.nLinks} links; ${resolved.rationing} rationing, final demand ${resolved.finalDemandPriority}, n = ${resolved.inventory}, tau = ${resolved.tau}\n` +
      renderTable(
        [
          { header: 't', value: (r) => r.t, align: 'right' },
          { header: 'production', value: (r) => r.production.toPrecision(8), align: 'right' },
          {
            header: 'final consumption',
            value: (r) => r.finalConsumption.toPrecision(8),
            align: 'right',
          },
          {
            header: 'vs baseline',
            value: (r) => `${((r.production / steps[0]!.production) * 100).toFixed(2)}%`,
            align: 'right',
          },
        ],
        steps,
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
      `wrote ${net.nFirms} firms and ${net.nLinks} links to ${o.out} (largest supplier: ${net.maxOutDegree} clients)`,
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
      'worker threads (default: cores - 1 for networks of 200,000 links or more)',
    )
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
