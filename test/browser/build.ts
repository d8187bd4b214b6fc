/** Shared by the browser tests: build web/dist once, unless it is newer than its sources. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from '../support.js';

const WEB = join(REPO, 'web');

function newestSource(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Build web/dist unless it is newer than every source (the dashboard and the catalogs). */
export function ensureBuilt(): void {
  const index = join(WEB, 'dist/index.html');
  const sources = Math.max(
    newestSource(join(WEB, 'src')),
    newestSource(join(REPO, 'src/core/i18n')),
    statSync(join(WEB, 'index.html')).mtimeMs,
    statSync(join(WEB, 'vite.config.ts')).mtimeMs,
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  execFileSync('npx', ['vite', 'build', 'web'], { cwd: REPO, stdio: 'pipe' });
}
