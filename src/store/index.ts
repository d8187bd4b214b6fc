/** The store's public surface: the interface, both implementations, and how one is chosen. */
export type * from './types.js';
export {
  RUN_KINDS,
  RUN_STATUSES,
  TOKEN_ROLES,
  StoreInputError,
  StoreNotFoundError,
  StoreSchemaError,
} from './types.js';
export { LATEST_SCHEMA_VERSION, MIGRATIONS, SchemaTooNewError } from './migrations.js';
export type { Migration } from './migrations.js';
export { SqliteStore, migrateSqlite, openSqliteDatabase } from './sqlite.js';
export type { SqliteStoreOptions } from './sqlite.js';
export { PostgresStore, migratePostgres, postgresPool } from './postgres.js';
export type { PostgresStoreOptions } from './postgres.js';
export { defaultDbPath, describeLocation, openStore, resolveStoreLocation } from './open-store.js';
export type { ResolveStoreInput, StoreLocation } from './open-store.js';
export { TOKEN_PREFIX, hashTokenSecret, isTokenRole, roleAllows } from './tokens.js';
export { canonicalJson, sha256Hex } from './hash.js';
export { neutralizeFormula, safeCsv } from './safe-csv.js';
