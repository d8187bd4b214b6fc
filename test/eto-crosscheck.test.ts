/**
 * The bundled dataset against the ETO Chip Explorer where items overlap (issue: the data
 * cross-check). Every difference of more than 10 points in a country's share must be
 * explained in docs/data.md (a different year or basis) or fixed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDataset } from '../src/core/compile.js';
import { crossCheck } from '../src/core/cross-check.js';
import { importEto } from '../src/io/eto/import-eto.js';
import { loadDataset } from '../src/io/read-dataset.js';
import { BUNDLED, ETO_DIR, REPO } from './support.js';

describe('bundled dataset vs ETO Chip Explorer', () => {
  it('explains every share difference over 10 points in docs/data.md', () => {
    if (!existsSync(ETO_DIR)) throw new Error(`ETO data not found at ${ETO_DIR}`);
    const bundled = compileDataset(loadDataset(BUNDLED).dataset);
    const eto = compileDataset(importEto(ETO_DIR).dataset);
    const rows = crossCheck(bundled, eto);
    expect(rows.length).toBeGreaterThan(10);
    const doc = readFileSync(join(REPO, 'docs/data.md'), 'utf8');
    const at = doc.indexOf('## Cross-check');
    expect(at, 'docs/data.md needs a "## Cross-check" section').toBeGreaterThan(0);
    const section = doc.slice(at);
    expect(section).toContain(`${rows.length} items`);
    const unexplained = rows
      .filter((r) => r.maxDifference > 0.1)
      .filter((r) => !section.includes(`\`${r.item}\``))
      .map(
        (r) =>
          `${r.item} vs ${r.other}: ${r.country} ${(r.shares[r.country!]![0] * 100).toFixed(1)} vs ${(r.shares[r.country!]![1] * 100).toFixed(1)}`,
      );
    expect(unexplained).toEqual([]);
  });
});
