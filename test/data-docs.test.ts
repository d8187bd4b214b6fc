/**
 * docs/data.md describes the bundled dataset with counts a reader relies on; they are typed by
 * hand when data is added, so this test recomputes the coverage table and the summary figures
 * from `data/` and fails when the page is stale.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditDataset } from '../src/core/audit.js';
import { compileDataset } from '../src/core/compile.js';
import { loadDataset } from '../src/io/read-dataset.js';
import { BUNDLED, REPO } from './support.js';

const { dataset } = loadDataset(BUNDLED);
const audit = auditDataset(compileDataset(dataset), 2026);
const doc = readFileSync(join(REPO, 'docs/data.md'), 'utf8');

function coverageTable(): Map<string, number[]> {
  const at = doc.indexOf('## Coverage');
  expect(at, 'docs/data.md needs a "## Coverage" section').toBeGreaterThan(0);
  const rows = new Map<string, number[]>();
  for (const line of doc.slice(at).split('\n').slice(1)) {
    if (rows.size > 0 && !line.startsWith('|')) break;
    const m = /^\|\s*`([a-z-]+)`\s*\|(.*)\|\s*$/.exec(line);
    if (m)
      rows.set(
        m[1]!,
        m[2]!.split('|').map((x) => Number(x.trim())),
      );
  }
  return rows;
}

describe('docs/data.md matches the bundled data', () => {
  it('has the coverage table of `chokepoint data audit` for every area', () => {
    const table = coverageTable();
    const areaOf = new Map(dataset.items.map((i) => [i.id, i.area]));
    expect([...table.keys()].sort()).toEqual(audit.areas.map((a) => a.area).sort());
    for (const a of audit.areas) {
      const reqs = dataset.requirements.filter((r) => areaOf.get(r.item) === a.area);
      const cross = reqs.filter((r) => areaOf.get(r.requires) !== a.area);
      expect(table.get(a.area), a.area).toEqual([
        a.items,
        a.quantified,
        a.withMarketSize,
        reqs.length,
        cross.length,
      ]);
    }
  });

  it('states the dataset totals in its text', () => {
    const quantified = dataset.shares.filter((s) => s.share !== null).length;
    const flat = doc.replace(/\s+/g, ' ');
    expect(flat).toContain(
      `Shares: ${dataset.shares.length} rows, ${quantified} of them quantified`,
    );
    expect(flat).toContain(`${dataset.organizations.length} organizations`);
    expect(flat).toContain(`Sources: ${dataset.sources.length}.`);
    expect(flat).toContain(`Demand: ${dataset.demand.length} explicit rows`);
    const made = audit.areas.reduce((n, a) => n + a.madeWhereUsed, 0);
    expect(flat).toContain(`(${made} of ${dataset.items.length} items in this version)`);
  });

  it('keeps the summary on docs/data-sources.md in step', () => {
    const page = readFileSync(join(REPO, 'docs/data-sources.md'), 'utf8').replace(/\s+/g, ' ');
    const quantified = dataset.shares.filter((s) => s.share !== null).length;
    const q = audit.areas.reduce((n, a) => n + a.quantified, 0);
    const sized = audit.areas.reduce((n, a) => n + a.withMarketSize, 0);
    expect(page).toContain(`In short: ${dataset.items.length} items`);
    expect(page).toContain(`${dataset.shares.length} share rows (${quantified} quantified`);
    expect(page).toContain(`${dataset.sources.length} sources`);
    expect(page).toContain(`${q} items have quantified shares`);
    expect(page).toContain(`${sized} have a market size`);
  });
});
