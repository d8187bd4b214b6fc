/**
 * The Store contract: what Chokepoint keeps between runs, independent of the database.
 *
 * Two implementations pass one contract suite (test/store/contract.ts): SQLite (embedded, the
 * default) and PostgreSQL (a server a team shares). Every method is async so that the HTTP
 * server can use either without blocking. Records are plain JSON-able objects; times are
 * ISO 8601 UTC strings taken from the clock passed in (StoreOptions.clock).
 *
 * History is append-only: a dataset version or a scenario version, once saved, never changes;
 * runs are written once; tokens change only by being revoked.
 */
import type { Dataset } from '../core/dataset.js';
import type { Scenario } from '../core/scenario.js';

export const RUN_KINDS = ['simulate', 'rank', 'risk', 'plan'] as const;
export type RunKind = (typeof RUN_KINDS)[number];

export const RUN_STATUSES = ['ok', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** viewer: read; analyst: run and save; admin: datasets and tokens. Each role includes the ones before. */
export const TOKEN_ROLES = ['viewer', 'analyst', 'admin'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

export interface StoreOptions {
  /** Time source for created/revoked times and default run end times. Default: `() => new Date()`. */
  clock?: () => Date;
  /** Random bytes for ids and token secrets. Default: node:crypto randomBytes. */
  random?: (bytes: number) => Uint8Array;
}

/** A dataset as saved: its content is identified by the SHA-256 of its canonical JSON form. */
export interface DatasetVersion {
  /** `d` + the first 12 hex digits of `hash`: the same content has the same id everywhere. */
  id: string;
  /** SHA-256 (hex) of the canonical JSON form (sorted keys, no whitespace). */
  hash: string;
  /** The dataset's own name (dataset.yaml), if any. */
  name: string | null;
  items: number;
  /** Where it came from: a folder or file path, an upload name, "edit". */
  source: string;
  /** How it was read: folder, json, eto, xlsx, api ... */
  importer: string | null;
  /** The version this one was edited from, if any. */
  parentId: string | null;
  note: string | null;
  createdAt: string;
}

export interface DatasetVersionWithContent extends DatasetVersion {
  /** The JSON form (io/write-dataset.ts datasetToJson). */
  content: Record<string, unknown>;
}

export interface NewDatasetVersion {
  dataset: Dataset;
  source: string;
  importer?: string | undefined;
  parentId?: string | undefined;
  note?: string | undefined;
}

export interface ScenarioVersion {
  id: string;
  /** 1, 2, 3 ... per scenario id. */
  version: number;
  name: string | null;
  hash: string;
  source: string | null;
  note: string | null;
  createdAt: string;
}

export interface ScenarioVersionWithContent extends ScenarioVersion {
  scenario: Scenario;
}

export interface NewScenarioVersion {
  scenario: Scenario;
  source?: string | undefined;
  note?: string | undefined;
}

export interface RunSummary {
  id: string;
  kind: RunKind;
  status: RunStatus;
  datasetVersionId: string;
  scenarioId: string | null;
  scenarioVersion: number | null;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  error: string | null;
}

export interface RunRecord extends RunSummary {
  inputs: Record<string, unknown>;
  /** What the command printed as JSON; null for a failed run. */
  results: unknown;
}

export interface NewRun {
  kind: RunKind;
  inputs: Record<string, unknown>;
  datasetVersionId: string;
  scenario?: { id: string; version: number } | undefined;
  results?: unknown;
  startedAt: Date;
  /** Default: the store's clock. */
  finishedAt?: Date | undefined;
  /** Default: finishedAt - startedAt. */
  durationMs?: number | undefined;
  /** Default ok. A failed run carries `error` and no results. */
  status?: RunStatus | undefined;
  error?: string | undefined;
}

export interface RunFilter {
  kind?: RunKind | undefined;
  status?: RunStatus | undefined;
  datasetVersionId?: string | undefined;
  scenarioId?: string | undefined;
  /** Most recent first; default 100. */
  limit?: number | undefined;
}

export interface TokenRecord {
  id: string;
  name: string;
  role: TokenRole;
  createdAt: string;
  revokedAt: string | null;
}

export interface Store {
  readonly backend: 'sqlite' | 'postgres';
  /** The schema version of the database (the number of the last migration applied). */
  schemaVersion(): Promise<number>;

  /** Save a dataset version; the same content returns the existing version (`created: false`). */
  saveDataset(input: NewDatasetVersion): Promise<{ version: DatasetVersion; created: boolean }>;
  /** Most recent first. */
  listDatasets(): Promise<DatasetVersion[]>;
  /** By id or full hash. */
  getDataset(idOrHash: string): Promise<DatasetVersionWithContent | undefined>;

  /**
   * Save a scenario as the next version of its id. Content equal to the latest version adds
   * nothing and returns that version (`created: false`); history is never overwritten.
   */
  saveScenario(input: NewScenarioVersion): Promise<{ version: ScenarioVersion; created: boolean }>;
  /** The latest version of every scenario id, by id. */
  listScenarios(): Promise<ScenarioVersion[]>;
  /** Every version of one id, oldest first; empty if unknown. */
  scenarioHistory(id: string): Promise<ScenarioVersion[]>;
  /** One version (default: the latest). */
  getScenario(id: string, version?: number): Promise<ScenarioVersionWithContent | undefined>;

  saveRun(input: NewRun): Promise<RunSummary>;
  listRuns(filter?: RunFilter): Promise<RunSummary[]>;
  getRun(id: string): Promise<RunRecord | undefined>;

  /** A new token; `secret` is returned only here (the store keeps its SHA-256). */
  createToken(input: { name: string; role: TokenRole }): Promise<{
    token: TokenRecord;
    secret: string;
  }>;
  listTokens(): Promise<TokenRecord[]>;
  /** false when no such token or already revoked. */
  revokeToken(id: string): Promise<boolean>;
  /** The live (unrevoked) token with this secret, if any. */
  verifyToken(secret: string): Promise<TokenRecord | undefined>;

  close(): Promise<void>;
}

/** A reference to a missing record, or a record that would break a reference. */
export class StoreNotFoundError extends Error {
  override readonly name = 'StoreNotFoundError';
}

/** Bad input to the store (an unknown kind or role, a failed run without an error ...). */
export class StoreInputError extends Error {
  override readonly name = 'StoreInputError';
}

/** The database's schema is newer than this program, or a migration failed. */
export class StoreSchemaError extends Error {
  override readonly name = 'StoreSchemaError';
}
