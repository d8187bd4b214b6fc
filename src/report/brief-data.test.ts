// The brief's map of one item: country rows when there are some, else the shares the model runs on.
import { describe, expect, it } from 'vitest';
import { compileDataset } from '../core/compile.js';
import { loadDataset } from '../io/read-dataset.js';
import { BUNDLED } from '../../test/support.js';
import { briefData } from './brief-data.js';

const c = compileDataset(loadDataset(BUNDLED).dataset);

describe('briefData(c, { item }).focus', () => {
  it('maps an organization-only item by its organizations’ headquarters', () => {
    const f = briefData(c, { country: 'CHN', item: 'linear-guides', rank: false }).focus!;
    expect(f.shares).toEqual([{ country: 'JPN', share: 0.5 }]);
  });

  it('keeps country rows, unknown shares included, where the item has them', () => {
    const f = briefData(c, { country: 'CHN', item: 'cnc-systems', rank: false }).focus!;
    // Fanuc's 50% counts for Japan; Germany and China are named with no share.
    expect(f.shares).toContainEqual({ country: 'JPN', share: 0.5 });
    expect(f.shares).toContainEqual({ country: 'DEU', share: null });
    expect(f.shares).toContainEqual({ country: 'CHN', share: null });
  });
});
