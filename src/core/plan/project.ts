/**
 * Build projects (MODEL.md §6): new capacity for an item in a country, with a cost, a duration,
 * a chance of success, prerequisites and mutually exclusive options.
 *
 * Schedule: a project starts in year 1, or the year after the last of its prerequisites is
 * finished (`start = 1 + max over required q of (start_q + years_q - 1)`), and spends its cost
 * evenly over its `years`. Since `requires` forces the prerequisites into any portfolio that
 * holds the project, each project's spending by year is fixed and the per-year budget is a
 * linear constraint.
 */

export interface Project {
  id: string;
  /** Item index. */
  item: number;
  /** Country index where the capacity is built. */
  country: number;
  /** Share of world capacity added (0..1; project files write percent). */
  capacity: number;
  /** USD. */
  cost: number;
  /** Whole years, >= 1, over which the cost is spent. */
  years: number;
  /** 0..1. */
  pSuccess: number;
  /** Indices of the projects this one requires. */
  requires: number[];
  /** Projects sharing a group are mutually exclusive; undefined for none. */
  exclusiveGroup?: string | undefined;
}

/** A cycle in `requires` as project indices (first repeated at the end), or null. */
export function findRequiresCycle(requires: readonly (readonly number[])[]): number[] | null {
  const n = requires.length;
  const state = new Uint8Array(n); // 0 new, 1 on the stack, 2 done
  const stack: number[] = [];
  const visit = (p: number): number[] | null => {
    state[p] = 1;
    stack.push(p);
    for (const q of requires[p]!) {
      if (state[q] === 1) return [...stack.slice(stack.indexOf(q)), q];
      if (state[q] === 0) {
        const found = visit(q);
        if (found) return found;
      }
    }
    stack.pop();
    state[p] = 2;
    return null;
  };
  for (let p = 0; p < n; p++) {
    if (state[p] === 0) {
      const found = visit(p);
      if (found) return found;
    }
  }
  return null;
}

export class RequiresCycleError extends Error {
  override readonly name = 'RequiresCycleError';
  constructor(readonly cycle: readonly string[]) {
    super(`the projects' requires form a cycle: ${cycle.join(' -> ')}`);
  }
}

/** First year of each project (1-based): after all its prerequisites are finished. */
export function startYears(projects: readonly Project[]): Int32Array {
  const cycle = findRequiresCycle(projects.map((p) => p.requires));
  if (cycle) throw new RequiresCycleError(cycle.map((q) => projects[q]!.id));
  const start = new Int32Array(projects.length);
  const visit = (p: number): number => {
    if (start[p]! > 0) return start[p]!;
    let s = 1;
    for (const q of projects[p]!.requires) s = Math.max(s, visit(q) + projects[q]!.years);
    start[p] = s;
    return s;
  };
  for (let p = 0; p < projects.length; p++) visit(p);
  return start;
}

/** Spending by year: `byYear[p][y - 1]` for y = 1..horizon. */
export function yearlyCosts(
  projects: readonly Project[],
  start: Int32Array = startYears(projects),
): { horizon: number; byYear: Float64Array[] } {
  let horizon = 1;
  projects.forEach((p, q) => (horizon = Math.max(horizon, start[q]! + p.years - 1)));
  const byYear = projects.map((p, q) => {
    const row = new Float64Array(horizon);
    for (let y = start[q]!; y < start[q]! + p.years; y++) row[y - 1] = p.cost / p.years;
    return row;
  });
  return { horizon, byYear };
}

/** The project and everything it requires, transitively (sorted indices). */
export function requiresClosure(projects: readonly Project[], p: number): number[] {
  const seen = new Set<number>();
  const stack = [p];
  while (stack.length) {
    const q = stack.pop()!;
    if (seen.has(q)) continue;
    seen.add(q);
    stack.push(...projects[q]!.requires);
  }
  return [...seen].sort((a, b) => a - b);
}
