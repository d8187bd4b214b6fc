/**
 * The dashboard's typed client of the HTTP API (docs/api.md). Answers are typed with the core's
 * and the server's answer types; errors become ApiFailure with the server's message and pointer.
 */
import type { Overview } from '../../src/core/overview.js';
import type { ConcentrationRow } from '../../src/core/metrics.js';
import type { ItemDetail, ItemRow, RankAnswerRow } from '../../src/core/queries/index.js';
import type { Scenario, Shock } from '../../src/core/scenario.js';
import type { SeriesPoint } from '../../src/core/dynamics.js';
import type { SimulationReport } from '../../src/core/simulate.js';
import type { NamesAnswer } from '../../src/core/i18n/index.js';
import type { PlanResult } from '../../src/core/plan/index.js';
import type { RiskReport } from '../../src/core/risk/index.js';
import type { RunComparison } from '../../src/core/queries/index.js';
import type {
  ApiErrorBody,
  AreaGraph,
  AuthAnswer,
  DatasetSummary,
  LibraryEntry,
  SavedRunSummary,
  SavedScenario,
} from '../../src/server/api-types.js';

export type {
  AuthAnswer,
  RunComparison,
  SavedRunSummary,
  SavedScenario,
  AreaGraph,
  ConcentrationRow,
  DatasetSummary,
  ItemDetail,
  ItemRow,
  LibraryEntry,
  NamesAnswer,
  Overview,
  RankAnswerRow,
  Scenario,
  Shock,
  SimulationReport,
};
export type RiskAnswer = RiskReport;
export type PlanAnswer = PlanResult;

/** A long run (`/api/jobs`): status, progress and, when done, the CLI's JSON answer. */
export interface Job<T> {
  id: string;
  kind: 'risk' | 'plan';
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  progress: { done: number; total: number };
  result?: T;
  error?: string;
}

export type OverviewAnswer = Overview & {
  dataset: { name: string | null; version: string | null };
};

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: ApiErrorBody['error'] | undefined,
  ) {
    super(message);
  }
}

/** An API token for a server shared beyond this machine, kept for this browser tab only. */
const TOKEN_KEY = 'chokepoint.token';

export function getToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** The request with the token, if one is set. */
function withToken(init: RequestInit = {}): RequestInit {
  const token = getToken();
  if (!token) return init;
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token}`);
  return { ...init, headers };
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, withToken(init));
  } catch (err) {
    throw new ApiFailure(0, `cannot reach the server: ${(err as Error).message}`, undefined);
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiFailure(
      res.status,
      `unexpected answer (${res.status}): ${text.slice(0, 200)}`,
      undefined,
    );
  }
  if (!res.ok) {
    const e = (body as ApiErrorBody).error;
    throw new ApiFailure(res.status, e?.message ?? `HTTP ${res.status}`, e);
  }
  return body as T;
}

const qs = (params: Record<string, string | number | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
};

/** The URL of a brief (`GET /api/brief`): an HTML file the browser downloads. */
export function briefUrl(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, v);
  return `api/brief?${q.toString()}`;
}

/** `POST /api/brief` with a scenario built in the dashboard: the brief as a Blob. */
export async function briefForScenario(
  scenario: Scenario,
  params: Record<string, string | undefined>,
): Promise<Blob> {
  const res = await fetch(
    briefUrl(params),
    withToken({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(scenario),
    }),
  );
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as ApiErrorBody;
    throw new ApiFailure(res.status, body.error?.message ?? `HTTP ${res.status}`, body.error);
  }
  return res.blob();
}

/** Relative URLs: the dashboard works under any path prefix (vite `base: './'`). */
export const api = {
  dataset: () => call<DatasetSummary>('api/datasets/current'),
  items: (area?: string) => call<ItemRow[]>(`api/items${qs({ area })}`),
  item: (id: string) => call<ItemDetail>(`api/items/${encodeURIComponent(id)}`),
  concentration: (area?: string) => call<ConcentrationRow[]>(`api/concentration${qs({ area })}`),
  overview: (country: string, top = 5) =>
    call<OverviewAnswer>(`api/overview${qs({ country, top })}`),
  graph: (area: string, country: string) => call<AreaGraph>(`api/graph${qs({ area, country })}`),
  scenarios: () => call<LibraryEntry[]>('api/scenarios'),
  names: () => call<NamesAnswer>('api/names'),
  rank: (country: string, top = 10) => call<RankAnswerRow[]>(`api/rank${qs({ country, top })}`),
  simulate: (
    body: Scenario | { yaml: string },
    country?: string,
    reallocation?: string,
    months?: number,
  ) =>
    call<SimulationReport & { series?: SeriesPoint[] }>(
      `api/simulate${qs({ country, reallocation, months })}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      },
    ),
  startRisk: (body: { risk: string; country?: string; runs?: number; seed?: number }) =>
    call<Job<RiskAnswer>>('api/jobs/risk', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  startPlan: (body: { budget: number; country?: string; frontier?: boolean }) =>
    call<Job<PlanAnswer>>('api/jobs/plan', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  job: <T>(id: string) => call<Job<T>>(`api/jobs/${encodeURIComponent(id)}`),
  auth: () => call<AuthAnswer>('api/auth'),
  savedScenarios: () => call<{ scenarios: SavedScenario[] }>('api/store/scenarios'),
  savedScenario: (id: string, version?: number) =>
    call<SavedScenario & { scenario: Scenario }>(
      `api/store/scenarios/${encodeURIComponent(id)}${qs({ version })}`,
    ),
  saveScenario: (scenario: Scenario) =>
    call<{ version: SavedScenario; created: boolean }>('api/store/scenarios', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(scenario),
    }),
  runs: (limit = 100) => call<{ runs: SavedRunSummary[] }>(`api/runs${qs({ limit })}`),
  compareRuns: (a: string, b: string) => call<RunComparison>(`api/runs/compare${qs({ a, b })}`),
  /** `POST /api/simulate?save=true`: the report, and the saved run's id. */
  simulateAndSave: async (body: Scenario, country?: string, months?: number) => {
    const res = await fetch(
      `api/simulate${qs({ country, months, save: 'true' })}`,
      withToken({
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
    const answer = (await res.json().catch(() => ({}))) as unknown;
    if (!res.ok) {
      const e = (answer as ApiErrorBody).error;
      throw new ApiFailure(res.status, e?.message ?? `HTTP ${res.status}`, e);
    }
    return {
      report: answer as SimulationReport & { series?: SeriesPoint[] },
      runId: res.headers.get('chokepoint-run-id'),
    };
  },
  cancelJob: (id: string) =>
    call<Job<unknown>>(`api/jobs/${encodeURIComponent(id)}`, { method: 'DELETE' }),
};
