/**
 * A plan as a brief describes it: the JSON `chokepoint plan --format json` writes, or any JSON
 * with at least `{ chosen, cost, lossBefore, lossAfter }`. Checked here, so a wrong file gives
 * a message that names the field instead of a brief with holes.
 */

export interface PlanSummary {
  chosen: string[];
  cost: number;
  lossBefore: number;
  lossAfter: number;
  budget?: number | undefined;
  objective?: string | undefined;
  perspective?: string | undefined;
  projects?: { id: string; cost: number; marginalGain?: number | undefined }[] | undefined;
}

export class PlanFileError extends Error {
  override readonly name = 'PlanFileError';
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Check a parsed plan JSON; `file` names it in errors. */
export function toPlanSummary(value: unknown, file: string): PlanSummary {
  const fail = (what: string): never => {
    throw new PlanFileError(
      `${file}: ${what}; a plan is the JSON of \`chokepoint plan --format json\` ({ chosen, cost, lossBefore, lossAfter })`,
    );
  };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail('not an object');
  const v = value as Record<string, unknown>;
  if (!Array.isArray(v.chosen) || !v.chosen.every((x) => typeof x === 'string'))
    fail('"chosen" must be a list of project ids');
  for (const k of ['cost', 'lossBefore', 'lossAfter'] as const) {
    if (!isNum(v[k])) fail(`"${k}" must be a number`);
  }
  const projects = Array.isArray(v.projects)
    ? v.projects
        .filter(
          (p): p is { id: string; cost: number; marginalGain?: number } =>
            p !== null &&
            typeof p === 'object' &&
            typeof (p as { id?: unknown }).id === 'string' &&
            isNum((p as { cost?: unknown }).cost),
        )
        .map((p) => ({
          id: p.id,
          cost: p.cost,
          marginalGain: isNum(p.marginalGain) ? p.marginalGain : undefined,
        }))
    : undefined;
  return {
    chosen: v.chosen as string[],
    cost: v.cost as number,
    lossBefore: v.lossBefore as number,
    lossAfter: v.lossAfter as number,
    budget: isNum(v.budget) ? v.budget : undefined,
    objective: typeof v.objective === 'string' ? v.objective : undefined,
    perspective: typeof v.perspective === 'string' ? v.perspective : undefined,
    projects,
  };
}
