/**
 * Which store a command or the server uses, and where it lives.
 *
 * Resolution, first match wins:
 *   1. an explicit location (`--db`): a file path, or a postgres:// URL;
 *   2. `CHOKEPOINT_DB` (same forms);
 *   3. `DATABASE_URL` (PostgreSQL, the team setting);
 *   4. the default file `$XDG_DATA_HOME/chokepoint/chokepoint.db`
 *      (`~/.local/share/chokepoint/chokepoint.db` when XDG_DATA_HOME is unset).
 */
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { PostgresStore } from './postgres.js';
import { SqliteStore } from './sqlite.js';
import type { Store, StoreOptions } from './types.js';

export type StoreLocation =
  | { backend: 'sqlite'; path: string; from: 'option' | 'CHOKEPOINT_DB' | 'default' }
  | { backend: 'postgres'; url: string; from: 'option' | 'CHOKEPOINT_DB' | 'DATABASE_URL' };

export interface ResolveStoreInput {
  /** `--db`: a file or a postgres:// URL. */
  db?: string | undefined;
  env?: Readonly<Record<string, string | undefined>>;
  /** For the default path; default os.homedir(). */
  home?: string;
}

const isPostgresUrl = (s: string) => /^postgres(ql)?:\/\//i.test(s);

export function defaultDbPath(
  env: Readonly<Record<string, string | undefined>>,
  home = homedir(),
): string {
  const xdg = env.XDG_DATA_HOME;
  // The XDG spec: a relative XDG_DATA_HOME is invalid and must be ignored.
  const base = xdg && isAbsolute(xdg) ? xdg : join(home, '.local', 'share');
  return join(base, 'chokepoint', 'chokepoint.db');
}

export function resolveStoreLocation(input: ResolveStoreInput = {}): StoreLocation {
  const env = input.env ?? process.env;
  const pick = (value: string, from: 'option' | 'CHOKEPOINT_DB'): StoreLocation =>
    isPostgresUrl(value)
      ? { backend: 'postgres', url: value, from }
      : { backend: 'sqlite', path: resolve(value), from };
  if (input.db) return pick(input.db, 'option');
  if (env.CHOKEPOINT_DB) return pick(env.CHOKEPOINT_DB, 'CHOKEPOINT_DB');
  if (env.DATABASE_URL) return { backend: 'postgres', url: env.DATABASE_URL, from: 'DATABASE_URL' };
  return { backend: 'sqlite', path: defaultDbPath(env, input.home), from: 'default' };
}

/** Open (and migrate) the store at a location. Close it when done. */
export async function openStore(
  location: StoreLocation,
  options: StoreOptions = {},
): Promise<Store> {
  return location.backend === 'postgres'
    ? PostgresStore.open(location.url, options)
    : SqliteStore.open(location.path, options);
}

/** A location for messages: URLs without their password. */
export function describeLocation(location: StoreLocation): string {
  if (location.backend === 'sqlite') return location.path;
  try {
    const u = new URL(location.url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres (DATABASE_URL)';
  }
}
