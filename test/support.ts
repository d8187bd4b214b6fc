/** Test helpers: temporary dataset folders built from the mini fixture with edits. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '..');
export const MINI = join(REPO, 'test/fixtures/mini');
export const ETO_DIR = resolve(REPO, '../shared/data/eto-chip-explorer');
export const BUNDLED = join(REPO, 'data');

const made: string[] = [];

export function tempDir(prefix = 'chokepoint-test-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
}

/** A copy of the mini fixture with files replaced or edited. */
export function miniWith(
  edits: Record<string, string | ((text: string) => string) | null> = {},
): string {
  const dir = join(tempDir(), 'ds');
  cpSync(MINI, dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const p = join(dir, file);
    if (edit === null) rmSync(p);
    else writeFileSync(p, typeof edit === 'string' ? edit : edit(readFileSync(p, 'utf8')));
  }
  return dir;
}

export function cleanupTemp(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}
