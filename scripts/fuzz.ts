/**
 * Fuzz the readers for longer than the tests do (issue 8, "hostile input"): the targets and
 * properties of test/fuzz/ (test/fuzz/targets.ts), run for N inputs per reader, printing how
 * many inputs each reader was given, how many it accepted, how many it refused with a typed
 * error (ValidationError), and how many crashed (anything else: TypeError, RangeError, a
 * malformed issue, a hang).
 *
 *   node --import tsx scripts/fuzz.ts                        # 1000 inputs per reader, seed 1
 *   node --import tsx scripts/fuzz.ts --runs 5000 --seed 7
 *   node --import tsx scripts/fuzz.ts --only scenario,risk --runs 20000
 *   node --import tsx scripts/fuzz.ts --json                 # the figures as JSON
 *   node --import tsx scripts/fuzz.ts --verbose              # also each reader's slowest input
 *
 * Each reader runs in its own worker thread, watched by this one: a worker that reports no
 * progress for --hang seconds (default 60) is stopped and the input it was on is printed as a
 * hang. A crash prints fast-check's shrunk counterexample and the seed and path that replay
 * it. Exit status: 0 when no reader crashed, 1 when one did, 2 on a usage error.
 */
import fc from 'fast-check';
import { cpus } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Tally, TargetName } from '../test/fuzz/targets.js';
import { TARGET_NAMES, createFuzzContext, emptyTally, fuzzProperty } from '../test/fuzz/targets.js';

/**
 * Workers start from this boot code: Node 20 does not carry tsx's loader (`--import tsx`)
 * into worker threads, so the worker registers it before it imports this file.
 */
const WORKER_BOOT = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); });`;

interface Job {
  target: TargetName;
  runs: number;
  seed: number;
}

interface Result {
  what: string;
  tally: Tally;
  seconds: number;
  /** The input that took longest, and how long (ms). */
  slowest: { ms: number; input: string };
  failure?: string;
}

type Message = { kind: 'input'; input: string; tally: Tally } | ({ kind: 'done' } & Result);

interface Args {
  runs: number;
  seed: number;
  only: TargetName[];
  hang: number;
  json: boolean;
  verbose: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    runs: 1000,
    seed: 1,
    only: [...TARGET_NAMES],
    hang: 60,
    json: false,
    verbose: false,
  };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    const value = () => {
      const v = argv[++k];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    const whole = (v: string, min: number) => {
      const n = Number(v);
      if (!Number.isSafeInteger(n) || n < min)
        throw new UsageError(`${a} takes a whole number of at least ${min}, not "${v}"`);
      return n;
    };
    if (a === '--runs') args.runs = whole(value(), 1);
    else if (a === '--seed') args.seed = whole(value(), 0);
    else if (a === '--hang') args.hang = whole(value(), 1);
    else if (a === '--json') args.json = true;
    else if (a === '--verbose') args.verbose = true;
    else if (a === '--only') {
      const names = value().split(',');
      const unknown = names.filter((n) => !(TARGET_NAMES as readonly string[]).includes(n));
      if (unknown.length)
        throw new UsageError(
          `unknown reader ${unknown.join(', ')}; the readers are ${TARGET_NAMES.join(', ')}`,
        );
      args.only = names as TargetName[];
    } else
      throw new UsageError(
        `unknown option ${a}; options: --runs N --seed S --only a,b --hang SECONDS --json --verbose`,
      );
  }
  return args;
}

/** Rejections nothing awaited, collected in the worker (see `work`). */
const stray: unknown[] = [];

/** Worker: run one target, reporting each input before it is tried. */
async function work(job: Job): Promise<void> {
  const post = (m: Message) => parentPort!.postMessage(m);
  const ctx = await createFuzzContext([job.target]);
  try {
    const target = ctx.target(job.target);
    const tally = emptyTally();
    let slowest = { ms: 0, input: '' };
    const watched = {
      ...target,
      run: async (input: unknown) => {
        const text = fc.stringify(input).slice(0, 4000);
        post({ kind: 'input', input: text, tally });
        const t0 = performance.now();
        try {
          const outcome = await target.run(input);
          // A promise the reader left behind that rejects is a crash of this input: give
          // it a turn of the event loop to surface.
          await new Promise((resolve) => setImmediate(resolve));
          if (stray.length) throw new Error(`unhandled rejection: ${String(stray.splice(0)[0])}`);
          return outcome;
        } finally {
          const ms = performance.now() - t0;
          if (ms > slowest.ms) slowest = { ms, input: text };
        }
      },
    };
    const started = performance.now();
    const result = await fc.check(fuzzProperty(watched, tally), {
      numRuns: job.runs,
      seed: job.seed,
    });
    const done: Message = {
      kind: 'done',
      what: target.what,
      tally,
      seconds: (performance.now() - started) / 1000,
      slowest,
    };
    if (result.failed) {
      const err = result.errorInstance;
      done.failure = [
        `counterexample: ${fc.stringify(result.counterexample).slice(0, 4000)}`,
        `error: ${err instanceof Error ? err.message : String(err)}`,
        `replay: seed ${result.seed}, path "${result.counterexamplePath ?? ''}"`,
      ].join('\n');
    }
    post(done);
  } finally {
    ctx.dispose();
  }
}

/** Run one reader in a worker; a hang, an uncaught error or a silent exit is a crash. */
function runWorker(job: Job, hangSeconds: number): Promise<Result> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_BOOT, { eval: true, workerData: job });
    let last = '(none yet)';
    let sofar = emptyTally();
    let result: Result | undefined;
    let timer: NodeJS.Timeout | undefined;
    const started = performance.now();
    const crashed = (failure: string): Result => ({
      what: '',
      tally: { ...sofar, tried: sofar.tried + 1, crashes: sofar.crashes + 1 },
      seconds: (performance.now() - started) / 1000,
      slowest: { ms: 0, input: '' },
      failure,
    });
    const finish = (r: Result) => {
      clearTimeout(timer);
      result ??= r;
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        finish(crashed(`hang: no progress for ${hangSeconds} s on input ${last}`));
        void worker.terminate();
      }, hangSeconds * 1000);
    };
    arm();
    worker.on('message', (m: Message) => {
      if (m.kind === 'input') {
        last = m.input;
        sofar = m.tally;
        arm();
      } else finish(m);
    });
    worker.on('error', (err) =>
      finish(crashed(`the worker failed on input ${last}: ${err.stack ?? err.message}`)),
    );
    worker.on('exit', () => {
      finish(crashed(`the worker exited without a result, on input ${last}`));
      resolve(result!);
    });
  });
}

function pad(cells: (string | number)[]): string {
  return cells.map((c, k) => (k === 0 ? String(c).padEnd(16) : String(c).padStart(9))).join(' ');
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const say = (s: string) => {
    if (!args.json) process.stdout.write(`${s}\n`);
  };
  const machine = `node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'unknown cpu'}`;
  say(`fuzzing ${args.only.length} readers, ${args.runs} inputs each, seed ${args.seed}`);
  say(machine);
  say('');
  say(pad(['reader', 'tried', 'accepted', 'refused', 'crashes', 'seconds', 'slowest ms']));
  const started = performance.now();
  const rows: (Result & { reader: TargetName })[] = [];
  for (const reader of args.only) {
    // One worker per reader: a crash or a hang in one does not stop the others.
    const r = await runWorker({ target: reader, runs: args.runs, seed: args.seed }, args.hang);
    rows.push({ reader, ...r });
    const t = r.tally;
    say(
      pad([
        reader,
        t.tried,
        t.accepted,
        t.refused,
        t.crashes,
        r.seconds.toFixed(1),
        Math.round(r.slowest.ms),
      ]),
    );
    if (args.verbose) say(`    slowest input: ${r.slowest.input.slice(0, 600)}`);
    if (r.failure) say(r.failure.replace(/^/gm, '    '));
  }
  const total = emptyTally();
  for (const r of rows)
    for (const k of Object.keys(total) as (keyof Tally)[]) total[k] += r.tally[k];
  const seconds = (performance.now() - started) / 1000;
  say(
    pad(['total', total.tried, total.accepted, total.refused, total.crashes, seconds.toFixed(1)]),
  );
  if (args.json) {
    const out = { runs: args.runs, seed: args.seed, machine, seconds, total, readers: rows };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  }
  return total.crashes === 0 ? 0 : 1;
}

if (isMainThread) {
  // Piping into `head` closes stdout early; end quietly instead of throwing EPIPE.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`fuzz: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(err instanceof UsageError ? 2 : 1);
    },
  );
} else {
  // A rejection nothing awaits (a reader's stray promise) is a crash of the input it follows.
  process.on('unhandledRejection', (err) => stray.push(err));
  void work(workerData as Job);
}
