// itemDetailQuery's modelShares: which country shares the model runs on, and where from.
import { describe, expect, it } from 'vitest';
import { compileDataset } from '../compile.js';
import { miniDataset } from '../equilibrium/test-support.js';
import { itemDetailQuery } from './item-detail.js';

const ds = miniDataset({
  items: [
    'plant',
    'tools',
    { id: 'lathe', variantOf: 'tools' },
    { id: 'grinder', variantOf: 'tools' },
    'guide',
    'process',
  ],
  shares: [
    ['plant', 'CHN', 1],
    ['tools', 'JPN', 0.8],
    ['lathe', 'DEU', 1],
  ],
  countries: [['CHN'], ['JPN'], ['DEU']],
});
ds.organizations = [{ id: 'thk', name: 'THK', country: 'JPN', aliases: [] }];
ds.shares.push({ item: 'guide', provider: 'thk', share: 0.5 });
const c = compileDataset(ds);

describe('itemDetailQuery(c, id).modelShares', () => {
  it('names the item’s own country rows', () => {
    expect(itemDetailQuery(c, 'plant').modelShares).toEqual({
      origin: 'countries',
      from: null,
      shares: [{ country: 'CHN', share: 1 }],
    });
  });

  it('sums organization rows over the headquarters when there are no country rows', () => {
    const d = itemDetailQuery(c, 'guide');
    expect(d.countryShares).toEqual([]);
    expect(d.modelShares).toEqual({
      origin: 'organizations',
      from: null,
      shares: [{ country: 'JPN', share: 0.5 }],
    });
  });

  it('names the category an unquantified variant takes its shares from', () => {
    const d = itemDetailQuery(c, 'grinder');
    expect(d.concentration.quantified).toBe(false);
    expect(d.modelShares.origin).toBe('category');
    expect(d.modelShares.from).toBe('tools');
    expect(d.modelShares.shares[0]!.country).toBe('JPN');
    expect(d.modelShares.shares[0]!.share).toBeCloseTo(0.8, 12);
  });

  it('gives a derived category the mean of its variants’ shares, not its own rows', () => {
    // lathe has shares, so tools is derived; grinder takes tools' own JPN 0.8. No market
    // sizes, so both variants weigh 1/2: DEU 0.5 (lathe), JPN 0.4 (grinder).
    const d = itemDetailQuery(c, 'tools');
    expect(d.countryShares.some((r) => r.country === 'JPN' && r.share === 0.8)).toBe(true);
    expect(d.modelShares.origin).toBe('variants');
    expect(d.modelShares.from).toBeNull();
    expect(d.modelShares.shares.map((x) => x.country)).toEqual(['DEU', 'JPN']);
    expect(d.modelShares.shares[0]!.share).toBeCloseTo(0.5, 12);
    expect(d.modelShares.shares[1]!.share).toBeCloseTo(0.4, 12);
  });

  it('weighs variants by market size and leaves out those made where they are used', () => {
    const sized = miniDataset({
      items: [
        'cmp',
        { id: 'slurry', variantOf: 'cmp', marketSizeUsd: 3 },
        { id: 'pad', variantOf: 'cmp', marketSizeUsd: 1 },
        { id: 'cleaner', variantOf: 'cmp', marketSizeUsd: 4 },
      ],
      shares: [
        ['slurry', 'JPN', 0.4],
        ['pad', 'USA', 1],
      ],
      countries: [['JPN'], ['USA']],
    });
    const m = itemDetailQuery(compileDataset(sized), 'cmp').modelShares;
    expect(m.origin).toBe('variants');
    // slurry 3/8 * 0.4 = 0.15 JPN; pad 1/8 * 1 = 0.125 USA; cleaner (no shares) adds nothing.
    expect(m.shares.map((x) => x.country)).toEqual(['JPN', 'USA']);
    expect(m.shares[0]!.share).toBeCloseTo(0.15, 12);
    expect(m.shares[1]!.share).toBeCloseTo(0.125, 12);
  });

  it('says none for an item made where it is used', () => {
    expect(itemDetailQuery(c, 'process').modelShares).toEqual({
      origin: 'none',
      from: null,
      shares: [],
    });
  });
});
