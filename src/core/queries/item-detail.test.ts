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

  it('says none for an item made where it is used', () => {
    expect(itemDetailQuery(c, 'process').modelShares).toEqual({
      origin: 'none',
      from: null,
      shares: [],
    });
  });
});
