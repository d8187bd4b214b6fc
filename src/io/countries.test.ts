import { describe, expect, it } from 'vitest';
import { countryName, isKnownCountryCode } from './countries.js';

describe('countries', () => {
  it('names codes, and only codes: Object methods are not countries', () => {
    expect(countryName('CHN')).toBe('China');
    expect(countryName('NLD')).toBe('Netherlands');
    for (const k of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      expect(countryName(k), k).toBeUndefined();
      expect(isKnownCountryCode(k), k).toBe(false);
    }
  });
});
