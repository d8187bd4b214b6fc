/**
 * Benchmark of the firm-level dynamics (MODEL.md §7, issue 7 item 4): a generated network of
 * 1,000,000 firms and 5,000,000 links (seeded), 100 steps after a shock, timed beside a
 * memory-bandwidth floor taken in the same run: one streaming pass (single thread) over the
 * very arrays a step touches. The ratio step / floor says how far the engine is from only
 * streaming its data once.
 *
 *   node --import tsx bench/firms.bench.ts [--firms N] [--links M] [--steps T]
 *        [--workers W] [--rationing proportional|lowest-first]
 *
 * Peak memory: process.memoryUsage().rss sampled after every step, and VmHWM from
 * /proc/self/status (the kernel's high-water mark, which also catches peaks between
 * samples). Results go to bench/out/firms.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sharedAllocator, startFirmWorkers } from '../src/cli/firm-workers.js';
import type { FirmNetwork, FirmState, Rationing } from '../src/core/firms/index.js';
import {
  compileShocks,
  createFirmState,
  generateFirmNetwork,
  kernelParams,
  resolveFirmOptions,
  seededRng,
  simulateFirms,
} from '../src/core/firms/index.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string): string => {
  const k = args.indexOf(`--${name}`);
  return k >= 0 && args[k + 1] !== undefined ? args[k + 1]! : fallback;
};
const firms = Number(arg('firms', '1000000'));
const links = Number(arg('links', '5000000'));
const steps = Number(arg('steps', '100'));
const workers = Number(arg('workers', String(Math.max(0, os.availableParallelism() - 1))));
const rationing = arg('rationing', 'proportional') as Rationing;

let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const vmHwm = (): number => {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) * 1024 : Number.NaN;
};
const gb = (b: number) => (b / 1e9).toFixed(2);

/** One streaming pass over every array a step reads or writes; returns a checksum. */
function floorPass(net: FirmNetwork, st: FirmState): number {
  let s = 0;
  const E = net.nLinks;
  for (let e = 0; e < E; e++) {
    s += net.supplier[e]! + net.flow[e]! + st.stock[e]! + st.order[e]! + net.outPos[e]!;
    s += st.orderOut[e]! + net.outFlow[e]!;
  }
  const S = net.slotFlow.length;
  for (let q = 0; q < S; q++) s += net.slotEnd[q]! + net.slotFlow[q]! + st.slotStock[q]!;
  const N = net.nFirms;
  for (let i = 0; i < N; i++) {
    s += net.inOffsets[i]! + net.slotOffsets[i]! + net.outOffsets[i]! + net.initial[i]!;
    s += net.baseDemand[i]! + net.finalDemand[i]! + st.pact[i]! + st.pcap[i]! + st.pin[i]!;
    s += st.demand[i]! + st.ration[2 * i]! + st.consumption[i]! + net.sector[i]! + net.country[i]!;
  }
  return s;
}

async function main(): Promise<void> {
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  console.log(`machine: ${os.availableParallelism()} cores, ${cpu}, Node ${process.version}`);
  console.log(
    `network: ${firms} firms, ${links} links; ${steps} steps; ${rationing}; ${workers} worker(s) + main`,
  );

  let t0 = performance.now();
  const net = generateFirmNetwork(
    { firms, links, sectors: 200, countries: 40, seed: 2024 },
    sharedAllocator,
  );
  const generateS = (performance.now() - t0) / 1000;
  sampleRss();
  console.log(
    `generated in ${generateS.toFixed(1)} s (largest supplier: ${net.maxOutDegree} clients)`,
  );

  // Shock: 1% of firms lose 20-80% of capacity at step 0 and recover over 10-60 steps.
  const rng = seededRng(7);
  const shockList = Array.from({ length: Math.floor(firms / 100) }, () => ({
    firm: rng.int(firms),
    delta: 0.2 + 0.6 * rng.next(),
    recovery: 10 + rng.int(51),
  }));
  const shocks = compileShocks(firms, shockList);
  const o = resolveFirmOptions({ steps, rationing });
  const params = kernelParams(o);
  const state = createFirmState(net, o.inventory, sharedAllocator);
  const pool = workers > 0 ? await startFirmWorkers(net, state, params, workers) : undefined;
  sampleRss();

  const stepMs: number[] = [];
  let last = performance.now();
  t0 = last;
  const result = simulateFirms(net, shocks, o, {
    state,
    makeRunner: pool ? () => pool.run : undefined,
    onStep: () => {
      const now = performance.now();
      stepMs.push(now - last);
      last = now;
      sampleRss();
    },
  });
  const totalS = (performance.now() - t0) / 1000;
  await pool?.close();

  // Floor: the same arrays, one streaming pass, repeated; the median pass counts.
  const floorMs: number[] = [];
  let check = 0;
  for (let r = 0; r < 7; r++) {
    const a = performance.now();
    check += floorPass(net, state);
    floorMs.push(performance.now() - a);
  }
  sampleRss();
  const median = (xs: number[]) => xs.slice().sort((p, q) => p - q)[xs.length >> 1]!;
  const stepMedian = median(stepMs);
  const floorMedian = median(floorMs);
  const p = result.series.production;
  const out = {
    machine: { cores: os.availableParallelism(), cpu, node: process.version },
    firms,
    links: net.nLinks,
    steps,
    rationing,
    workers,
    generateS,
    totalS,
    secondsPerStepMean: totalS / steps,
    secondsPerStepMedian: stepMedian / 1000,
    floorSeconds: floorMedian / 1000,
    ratio: stepMedian / floorMedian,
    peakRssBytes: peakRss,
    vmHwmBytes: vmHwm(),
    lowestProduction: Math.min(...p) / p[0]!,
    finalProduction: p[p.length - 1]! / p[0]!,
    checksum: check,
  };
  console.log(
    `step: ${(out.secondsPerStepMean * 1000).toFixed(0)} ms mean, ${stepMedian.toFixed(0)} ms median (target < 300 ms)`,
  );
  console.log(
    `floor: ${floorMedian.toFixed(0)} ms for one streaming pass; ratio step / floor = ${out.ratio.toFixed(1)}`,
  );
  console.log(
    `peak memory: rss ${gb(peakRss)} GB sampled, VmHWM ${gb(out.vmHwmBytes)} GB (target < 1.5 GB)`,
  );
  console.log(
    `production: lowest ${(out.lowestProduction * 100).toFixed(2)}%, final ${(out.finalProduction * 100).toFixed(2)}% of baseline`,
  );
  const dir = join(dirname(fileURLToPath(import.meta.url)), 'out');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'firms.json'), JSON.stringify(out, null, 2) + '\n');
}

await main();
