import { describe, expect, it } from 'vitest';
import { closestNames } from '../core/suggest.js';
import { MAX_SUGGEST_LENGTH, suggestNames } from './suggest.js';

describe('suggestNames', () => {
  it('suggests as closestNames does for names of ordinary length', () => {
    const known = ['euv-lithography-tools', 'duv-lithography-tools', 'photoresists'];
    expect(suggestNames('euv-litography-tools', known)).toEqual(
      closestNames('euv-litography-tools', known),
    );
    expect(suggestNames('euv-litography-tools', known)[0]).toBe('euv-lithography-tools');
  });

  it('gives no suggestion for an over-long name, nor suggests an over-long known name', () => {
    // Found by fuzzing: a 1 MB cell made every "did you mean" cost its length times every
    // known name; reading a dataset with one took 17 s.
    const long = 'euv-lithography-tools' + 'x'.repeat(MAX_SUGGEST_LENGTH);
    expect(closestNames(long, ['euv-lithography-tools'])).toEqual(['euv-lithography-tools']);
    expect(suggestNames(long, ['euv-lithography-tools'])).toEqual([]);
    const name = 'y'.repeat(MAX_SUGGEST_LENGTH);
    expect(closestNames(name, [name + 'y'])).toEqual([name + 'y']);
    expect(suggestNames(name, [name + 'y'])).toEqual([]);
  });
});
