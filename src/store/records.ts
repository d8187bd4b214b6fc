/**
 * What both backends share: checking inputs, turning them into table rows, and rows back into
 * records. Row objects use the column names of migrations.ts, so each backend only binds them.
 */
import { randomBytes } from 'node:crypto';
import { datasetToJson } from '../io/write-dataset.js';
import { canonicalJson, sha256Hex } from './hash.js';
import { hashTokenSecret, isTokenRole, newTokenSecret } from './tokens.js';
import type {
  DatasetVersion,
  NewDatasetVersion,
  NewRun,
  NewScenarioVersion,
  RunKind,
  RunRecord,
  RunStatus,
  RunSummary,
  ScenarioVersion,
  StoreOptions,
  TokenRecord,
  TokenRole,
} from './types.js';
import { RUN_KINDS, RUN_STATUSES, StoreInputError } from './types.js';

export interface ResolvedStoreOptions {
  clock: () => Date;
  random: (bytes: number) => Uint8Array;
}

export function resolveStoreOptions(options: StoreOptions = {}): ResolvedStoreOptions {
  return {
    clock: options.clock ?? (() => new Date()),
    random: options.random ?? ((n) => randomBytes(n)),
  };
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

function iso(d: Date, what: string): string {
  if (!(d instanceof Date) || Number.isNaN(d.getTime()))
    throw new StoreInputError(`${what} must be a valid Date`);
  return d.toISOString();
}

/** A JSON column read as text (both backends select JSON as text). */
export function fromJson(v: string): unknown {
  return JSON.parse(v) as unknown;
}

export interface DatasetRow {
  id: string;
  hash: string;
  name: string | null;
  items: number;
  source: string;
  importer: string | null;
  parent_id: string | null;
  note: string | null;
  created_at: string;
}

export function datasetRow(
  input: NewDatasetVersion,
  o: ResolvedStoreOptions,
): DatasetRow & { content: string } {
  if (!input.source) throw new StoreInputError('a dataset version needs a source (path or name)');
  const content = canonicalJson(datasetToJson(input.dataset));
  const hash = sha256Hex(content);
  return {
    id: `d${hash.slice(0, 12)}`,
    hash,
    name: input.dataset.meta.name ?? null,
    items: input.dataset.items.length,
    source: input.source,
    importer: input.importer ?? null,
    parent_id: input.parentId ?? null,
    note: input.note ?? null,
    created_at: iso(o.clock(), 'clock()'),
    content,
  };
}

export function toDatasetVersion(r: DatasetRow): DatasetVersion {
  return {
    id: r.id,
    hash: r.hash,
    name: r.name,
    items: Number(r.items),
    source: r.source,
    importer: r.importer,
    parentId: r.parent_id,
    note: r.note,
    createdAt: r.created_at,
  };
}

export interface ScenarioRow {
  id: string;
  version: number;
  name: string | null;
  hash: string;
  source: string | null;
  note: string | null;
  created_at: string;
}

/** The row of a new scenario version, less its version number (the backend picks it). */
export function scenarioRow(
  input: NewScenarioVersion,
  o: ResolvedStoreOptions,
): Omit<ScenarioRow, 'version'> & { content: string } {
  const s = input.scenario;
  if (typeof s?.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(s.id))
    throw new StoreInputError('a scenario needs an id of lowercase words joined by hyphens');
  // Stored as written (key order kept), hashed canonically.
  const content = JSON.stringify(s);
  return {
    id: s.id,
    name: s.name ?? null,
    hash: sha256Hex(canonicalJson(s)),
    source: input.source ?? null,
    note: input.note ?? null,
    created_at: iso(o.clock(), 'clock()'),
    content,
  };
}

export function toScenarioVersion(r: ScenarioRow): ScenarioVersion {
  return {
    id: r.id,
    version: Number(r.version),
    name: r.name,
    hash: r.hash,
    source: r.source,
    note: r.note,
    createdAt: r.created_at,
  };
}

export interface RunRow {
  id: string;
  kind: string;
  status: string;
  dataset_version_id: string;
  scenario_id: string | null;
  scenario_version: number | null;
  started_at: string;
  finished_at: string;
  duration_ms: number | string;
  error: string | null;
}

export function runRow(
  input: NewRun,
  o: ResolvedStoreOptions,
): RunRow & { inputs: string; results: string | null } {
  if (!(RUN_KINDS as readonly string[]).includes(input.kind))
    throw new StoreInputError(
      `run kind must be one of ${RUN_KINDS.join(', ')}, not "${input.kind}"`,
    );
  const status = input.status ?? 'ok';
  if (!(RUN_STATUSES as readonly string[]).includes(status))
    throw new StoreInputError(`run status must be ok or failed, not "${status}"`);
  if (status === 'failed' && !input.error)
    throw new StoreInputError('a failed run needs an error message');
  const started = iso(input.startedAt, 'startedAt');
  const finishedDate = input.finishedAt ?? o.clock();
  const finished = iso(finishedDate, 'finishedAt');
  const duration = input.durationMs ?? finishedDate.getTime() - input.startedAt.getTime();
  if (!Number.isFinite(duration) || duration < 0)
    throw new StoreInputError('a run cannot finish before it starts');
  const results = input.results === undefined ? null : JSON.stringify(input.results);
  return {
    id: `r${started.replace(/\D/g, '').slice(0, 14)}-${hex(o.random(4))}`,
    kind: input.kind,
    status,
    dataset_version_id: input.datasetVersionId,
    scenario_id: input.scenario?.id ?? null,
    scenario_version: input.scenario?.version ?? null,
    started_at: started,
    finished_at: finished,
    duration_ms: Math.round(duration),
    error: input.error ?? null,
    inputs: JSON.stringify(input.inputs ?? {}),
    results,
  };
}

export function toRunSummary(r: RunRow): RunSummary {
  return {
    id: r.id,
    kind: r.kind as RunKind,
    status: r.status as RunStatus,
    datasetVersionId: r.dataset_version_id,
    scenarioId: r.scenario_id,
    scenarioVersion: r.scenario_version === null ? null : Number(r.scenario_version),
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    durationMs: Number(r.duration_ms),
    error: r.error,
  };
}

export function toRunRecord(r: RunRow & { inputs: string; results: string | null }): RunRecord {
  return {
    ...toRunSummary(r),
    inputs: fromJson(r.inputs) as Record<string, unknown>,
    results: r.results === null ? null : fromJson(r.results),
  };
}

/** Columns of a run summary, for SELECTs that leave the (large) inputs and results out. */
export const RUN_SUMMARY_COLUMNS =
  'id, kind, status, dataset_version_id, scenario_id, scenario_version, started_at, finished_at, duration_ms, error';

export interface TokenRow {
  id: string;
  name: string;
  role: string;
  created_at: string;
  revoked_at: string | null;
}

export function tokenRow(
  input: { name: string; role: TokenRole },
  o: ResolvedStoreOptions,
): { row: TokenRow & { secret_sha256: string }; secret: string } {
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!name) throw new StoreInputError('a token needs a name (who or what uses it)');
  if (!isTokenRole(input.role))
    throw new StoreInputError(
      `token role must be viewer, analyst or admin, not "${String(input.role)}"`,
    );
  const secret = newTokenSecret(o.random);
  return {
    row: {
      id: `t${hex(o.random(6))}`,
      name,
      role: input.role,
      secret_sha256: hashTokenSecret(secret),
      created_at: iso(o.clock(), 'clock()'),
      revoked_at: null,
    },
    secret,
  };
}

export function toTokenRecord(r: TokenRow): TokenRecord {
  return {
    id: r.id,
    name: r.name,
    role: r.role as TokenRole,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
  };
}

export function clampLimit(limit: number | undefined): number {
  if (limit === undefined) return 100;
  if (!Number.isInteger(limit) || limit < 1)
    throw new StoreInputError('limit must be a whole number >= 1');
  return Math.min(limit, 10_000);
}
