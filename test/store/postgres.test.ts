/**
 * The contract and migration suites on PostgreSQL. Needs a server: DATABASE_URL, or (outside
 * CI) a throwaway one this file starts and stops (pg-server.ts). Never skipped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../src/store/postgres.js';
import type { StoreHarness } from './contract.js';
import { runStoreContract } from './contract.js';
import { postgresMigrationHarness, runMigrationSuite } from './migrations.js';
import type { TestPostgres } from './pg-server.js';
import { dropSchema, startTestPostgres, uniqueSchema } from './pg-server.js';

let server: TestPostgres | undefined;
const url = () => {
  if (!server) throw new Error('PostgreSQL did not start (see the beforeAll error above)');
  return server.url;
};

beforeAll(async () => {
  server = await startTestPostgres();
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

async function postgresHarness(): Promise<StoreHarness> {
  const schema = uniqueSchema('c');
  return {
    open: (o) => PostgresStore.open(url(), { ...o, schema }),
    reopen: (o) => PostgresStore.open(url(), { ...o, schema }),
    dispose: () => dropSchema(url(), schema),
  };
}

runStoreContract('PostgreSQL', postgresHarness);
runMigrationSuite('PostgreSQL', () => postgresMigrationHarness(url())());

describe('PostgresStore connection', () => {
  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(PostgresStore.open(url(), { schema: 'x; DROP SCHEMA public' })).rejects.toThrow(
      /lowercase letters, digits and _/,
    );
  });

  it('a server that cannot be reached -> a rejected open, not a hang or a crash', async () => {
    await expect(
      PostgresStore.open('postgres://nobody@127.0.0.1:1/none', { schema: 'x' }),
    ).rejects.toThrow();
  });
});
