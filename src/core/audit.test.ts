import { describe, expect, it } from 'vitest';
import { MINI } from '../../test/support.js';
import { loadDataset } from '../io/read-dataset.js';
import { auditDataset } from './audit.js';
import { compileDataset } from './compile.js';
import { miniDataset } from './equilibrium/test-support.js';

describe('auditDataset', () => {
  const c = compileDataset(loadDataset(MINI, { currentYear: 2026 }).dataset);
  const report = auditDataset(c, 2026);
  const item = (id: string) => report.items.find((x) => x.item === id)!;

  it('counts coverage per area from the items', () => {
    const ic = report.areas.find((a) => a.area === 'ic')!;
    // litho, euv, duv, chip: three quantified (litho has no shares), all four sized.
    expect(ic).toMatchObject({
      items: 4,
      quantified: 3,
      withMarketSize: 4,
      withRequirements: 1,
      withDemand: 1,
    });
    // chip requires resist, which is in another area.
    expect(report.areas.find((a) => a.area === 'ic')!.crossAreaRequirements).toBe(1);
    expect(report.totals.crossAreaRequirements).toBe(1);
  });

  it('reports share sums, unknown suppliers, sources and years per item', () => {
    expect(item('chip')).toMatchObject({
      shareSum: 0.9,
      unquantifiedSuppliers: 1,
      shareRows: 4,
      sourcedRows: 4,
      newestYear: 2024,
    });
    expect(item('euv').confidence).toEqual({ H: 1 });
  });

  it('finds items with no path to an end product', () => {
    // chip is an end product; resist and the lithography variants feed it; seed is its own end.
    expect(report.items.filter((x) => !x.reachesEndProduct).map((x) => x.item)).toEqual([]);
    const seeds = report.areas.find((a) => a.area === 'seeds')!;
    expect(seeds.orphans).toBe(0);
  });

  it('scores an area from 0 to 100', () => {
    for (const a of report.areas) {
      expect(a.score).toBeGreaterThanOrEqual(0);
      expect(a.score).toBeLessThanOrEqual(100);
    }
    // seeds: 1 item, quantified, unsized, no requirements, sourced rows 0/2 (org rows without source? no: fx), year 2024.
    const seeds = report.areas.find((a) => a.area === 'seeds')!;
    expect(seeds.score).toBeCloseTo((100 * (1 + 0 + 0 + 1 + 1)) / 5, 6);
  });

  it('says where the shares the model runs on come from, and counts items made where used', () => {
    // litho has no rows but its variants euv and duv have: a category made up of its variants.
    expect(item('litho').modelShares).toBe('variants');
    expect(item('chip').modelShares).toBe('countries');
    expect(report.areas.find((a) => a.area === 'ic')!.madeWhereUsed).toBe(0);
    const small = auditDataset(
      compileDataset(
        miniDataset({
          items: ['plant', 'process'],
          shares: [['plant', 'CHN', 1]],
          countries: [['CHN']],
        }),
      ),
      2026,
    );
    expect(small.items.map((x) => x.modelShares)).toEqual(['countries', 'none']);
    expect(small.areas.reduce((n, a) => n + a.madeWhereUsed, 0)).toBe(1);
  });
});
