/**
 * The `chokepoint` command run from the TypeScript sources (`node --import tsx test/load/cli-main.ts
 * ...`), as bin/chokepoint.js runs dist/cli/main.js: the load and crash tests use it so they test
 * the current sources without a build. Node itself is the process (no wrapper), so a signal sent
 * to its pid reaches the server.
 */
import { main } from '../../src/cli/main.js';

await main();
