/**
 * Child process of crash.test.ts: saves runs in a loop (SQLite or PostgreSQL) and prints each
 * run id on its own line only after saveRun resolved (the save is acknowledged). The test kills
 * it with SIGKILL.
 * argv: <sqlite file | postgres URL> [postgres schema]
 */
import { PostgresStore } from '../../src/store/postgres.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';
import { miniDataset } from './contract.js';

const [where, schema] = process.argv.slice(2);
if (!where) throw new Error('usage: save-loop.ts <db file | postgres url> [schema]');
const store: Store = /^postgres/.test(where)
  ? await PostgresStore.open(where, schema ? { schema } : {})
  : SqliteStore.open(where);
const ds = (await store.saveDataset({ dataset: miniDataset(), source: 'crash-test' })).version;
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  const run = await store.saveRun({
    kind: 'simulate',
    inputs: { i },
    datasetVersionId: ds.id,
    results: { i, payload: 'x'.repeat(2000) },
    startedAt: new Date(),
  });
  process.stdout.write(`${run.id}\n`);
}
