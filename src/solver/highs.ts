/**
 * The planner's selection MIP (core/plan/selection.ts) solved by HiGHS (Huangfu and Hall
 * 2018, "Parallelizing the dual revised simplex method", Math. Prog. Comp. 10:119; the `highs`
 * package is HiGHS compiled to WebAssembly).
 *
 * The problem is written in CPLEX LP format. Numbers are scaled so the solver sees values near
 * 1: gains and constants by the largest of them, costs by the budget (or the per-year limit).
 * Gains below 1e-9 of the largest are noise from the equilibrium's tolerance and become 0. A
 * tie-breaker of 1e-7 of the largest gain per budget spent makes the solver prefer the cheaper
 * of two portfolios that are otherwise equal, and leaves out projects that gain nothing.
 *
 * `solve()` is synchronous and blocks its thread for the length of the solve; the loader is
 * asynchronous (it compiles the WebAssembly module). A server runs this in a worker thread.
 */
import highsLoader from 'highs';
import type { SelectionProblem, SelectionResult, SelectionSolver } from '../core/plan/selection.js';

type Highs = Awaited<ReturnType<typeof highsLoader>>;

/** A number as LP format reads it (no exponent below 1e-12: written as 0). */
function num(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  if (Math.abs(x) < 1e-12) return '0';
  return String(Number(x.toPrecision(15)));
}

/** A linear expression `+ 3 x0 - 2 x1`, skipping zero coefficients. */
function expr(terms: readonly [number, string][]): string {
  const parts: string[] = [];
  for (const [coef, v] of terms) {
    const s = num(coef);
    if (s === '0') continue;
    parts.push(s.startsWith('-') ? `- ${s.slice(1)} ${v}` : `+ ${s} ${v}`);
  }
  return parts.length ? parts.join(' ') : '0 x0';
}

/** The selection problem in CPLEX LP format; variables `x0..x{n-1}` (and `t` for worst case). */
export function selectionToLp(problem: SelectionProblem): string {
  const n = problem.costs.length;
  const S = problem.gains.length;
  let scale = 0;
  for (const g of problem.gains) for (const v of g) scale = Math.max(scale, Math.abs(v));
  for (const v of problem.constants) scale = Math.max(scale, Math.abs(v));
  if (!(scale > 0)) scale = 1;
  let maxGain = 0;
  for (const g of problem.gains) for (const v of g) maxGain = Math.max(maxGain, Math.abs(v));
  const noise = 1e-9 * maxGain;
  const g = (s: number, p: number) => {
    const v = problem.gains[s]![p]!;
    return Math.abs(v) <= noise ? 0 : v / scale;
  };
  const budget = problem.budget > 0 ? problem.budget : 1;
  const tie = (p: number) => (1e-7 * (maxGain / scale) * problem.costs[p]!) / budget;
  const xs = Array.from({ length: n }, (_, p) => `x${p}`);
  const lines: string[] = [];
  if (problem.objective === 'worst') {
    lines.push(
      'Minimize',
      ` obj: + 1 t ${expr(xs.map((v, p) => [tie(p), v]))}`.replace(' 0 x0', ''),
    );
  } else {
    const coef = (p: number) => {
      let sum = 0;
      for (let s = 0; s < S; s++) sum += problem.weights[s]! * g(s, p);
      return sum - tie(p);
    };
    lines.push('Maximize', ` obj: ${expr(xs.map((v, p) => [coef(p), v]))}`);
  }
  lines.push('Subject To');
  lines.push(
    ` budget: ${expr(xs.map((v, p) => [problem.costs[p]! / budget, v]))} <= ${num(problem.budget / budget)}`,
  );
  if (problem.perYear) {
    const { limit, byYear } = problem.perYear;
    const years = byYear[0]?.length ?? 0;
    const unit = limit > 0 ? limit : 1;
    for (let y = 0; y < years; y++) {
      lines.push(
        ` year${y + 1}: ${expr(xs.map((v, p) => [byYear[p]![y]! / unit, v]))} <= ${num(limit / unit)}`,
      );
    }
  }
  problem.requires.forEach((req, p) => {
    for (const q of req) lines.push(` req${p}_${q}: + 1 x${p} - 1 x${q} <= 0`);
  });
  problem.exclusive.forEach((group, k) => {
    lines.push(` excl${k}: ${expr(group.map((p) => [1, `x${p}`]))} <= 1`);
  });
  if (problem.objective === 'worst') {
    for (let s = 0; s < S; s++) {
      lines.push(
        ` scen${s}: + 1 t ${expr(xs.map((v, p) => [g(s, p), v]))} >= ${num(problem.constants[s]! / scale)}`.replace(
          ' 0 x0',
          '',
        ),
      );
    }
    lines.push('Bounds', ' t free');
  }
  lines.push('Binary', ...chunk(xs, 20).map((row) => ` ${row.join(' ')}`), 'End');
  return lines.join('\n') + '\n';
}

function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let q = 0; q < list.length; q += size) out.push(list.slice(q, q + size));
  return out;
}

/** Solve with an already loaded HiGHS instance (synchronous). */
export function solveSelectionWith(
  highs: Highs,
  problem: SelectionProblem,
  timeLimitSeconds = 60,
): SelectionResult {
  const n = problem.costs.length;
  if (n === 0) return { status: 'optimal', chosen: [] };
  let sol: ReturnType<Highs['solve']>;
  try {
    sol = highs.solve(selectionToLp(problem), { time_limit: timeLimitSeconds });
  } catch (err) {
    return { status: 'error', chosen: [], message: (err as Error).message };
  }
  if (sol.Status === 'Infeasible') return { status: 'infeasible', chosen: [] };
  if (sol.Status !== 'Optimal') {
    return { status: 'error', chosen: [], message: `HiGHS status: ${sol.Status}` };
  }
  const chosen: number[] = [];
  for (let p = 0; p < n; p++) {
    const col = sol.Columns[`x${p}`] as { Primal?: number } | undefined;
    if ((col?.Primal ?? 0) > 0.5) chosen.push(p);
  }
  return { status: 'optimal', chosen };
}

/** Load HiGHS once and return a synchronous SelectionSolver (usable inside a worker). */
export async function createHighsSolver(
  options: { timeLimitSeconds?: number } = {},
): Promise<SelectionSolver> {
  const highs = await highsLoader();
  return (problem) => solveSelectionWith(highs, problem, options.timeLimitSeconds);
}
