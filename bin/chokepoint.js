#!/usr/bin/env node
// The installed `chokepoint` command: runs the compiled CLI from dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write(
    'chokepoint: dist/ is missing. Run `npm run build` first (npm start builds too).\n',
  );
  process.exit(2);
}
const { main } = await import(entry.href);
await main();
