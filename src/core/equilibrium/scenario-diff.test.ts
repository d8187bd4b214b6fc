// scenarioDiff(c, shocks) and compileAllowed(c, diff): the sparse allowed[j][k][m] and its rules.
import { describe, expect, it } from 'vitest';
import { compileAllowed } from './allowed.js';
import { build, emptyDiff, outage, restrict, scenarioDiff } from './scenario-diff.js';
import { compileMini, countryOf, itemOf } from './test-support.js';

const c = compileMini({
  items: ['litho', { id: 'euv', variantOf: 'litho' }, { id: 'duv', variantOf: 'litho' }, 'chip'],
  shares: [
    ['euv', 'NLD', 1],
    ['duv', 'JPN', 1],
    ['chip', 'TWN', 1],
  ],
  countries: [['CHN'], ['USA']],
});
const nC = c.nCountries;
const [NLD, JPN, CHN, USA] = ['NLD', 'JPN', 'CHN', 'USA'].map((k) => countryOf(c, k)) as [
  number,
  number,
  number,
  number,
];

describe('scenarioDiff(c, shocks, options)', () => {
  it('multiplies (1 - severity) over matching restrictions and never restricts k === m', () => {
    const euv = itemOf(c, 'euv');
    const diff = scenarioDiff(c, [
      restrict(c, { items: [euv], from: [NLD, CHN], to: [CHN, USA], severity: 0.5 }),
      restrict(c, { items: [euv, euv], from: [NLD, NLD], to: [CHN], severity: 0.5 }),
    ]);
    const mat = compileAllowed(c, diff).matrix[euv]!;
    expect(mat[NLD * nC + CHN]).toBeCloseTo(0.25, 15);
    expect(mat[NLD * nC + USA]).toBeCloseTo(0.5, 15);
    expect(mat[CHN * nC + CHN]).toBe(1);
    expect(mat[CHN * nC + USA]).toBe(0.5);
    expect(mat[JPN * nC + CHN]).toBe(1);
    expect(compileAllowed(c, diff).matrix[itemOf(c, 'chip')]).toBeNull();
  });

  it('covers variants of a category when includeVariants is set', () => {
    const litho = itemOf(c, 'litho');
    const shock = restrict(c, {
      items: [litho],
      from: [NLD],
      to: [CHN],
      severity: 1,
      includeVariants: true,
    });
    expect(shock.kind === 'restrict' && Array.from(shock.restriction.items)).toEqual(
      [litho, itemOf(c, 'euv'), itemOf(c, 'duv')].sort((p, q) => p - q),
    );
  });

  it('combines outages as independent losses and adds builds', () => {
    const chip = itemOf(c, 'chip');
    const TWN = countryOf(c, 'TWN');
    const diff = scenarioDiff(
      c,
      [
        outage(c, { items: [chip], countries: [TWN], severity: 0.5 }),
        outage(c, { items: [chip], countries: [TWN], severity: 0.5 }),
        build(c, { item: chip, country: CHN, capacity: 0.1 }),
        build(c, { item: chip, country: CHN, capacity: 0.05 }),
      ],
      { reallocation: 'fixed' },
    );
    expect(diff.outage[chip * nC + TWN]).toBeCloseTo(0.75, 15);
    expect(diff.added[chip * nC + CHN]).toBeCloseTo(0.15, 15);
    expect(diff.reallocation).toBe('fixed');
    const more = scenarioDiff(c, [outage(c, { items: [chip], countries: [TWN], severity: 1 })], {
      base: diff,
    });
    expect(more.outage[chip * nC + TWN]).toBe(1);
    expect(diff.outage[chip * nC + TWN]).toBeCloseTo(0.75, 15); // base untouched
    expect(more.reallocation).toBe('fixed');
  });

  it('rejects severities outside 0..1, bad indices and negative capacity', () => {
    expect(() => restrict(c, { items: [0], from: [0], to: [1], severity: 1.5 })).toThrow(
      RangeError,
    );
    expect(() => outage(c, { items: [99], countries: [0], severity: 0.5 })).toThrow(
      /item index 99/,
    );
    expect(() => build(c, { item: 0, country: 0, capacity: -1 })).toThrow(RangeError);
  });

  it('emptyDiff has no restriction, outage or build', () => {
    const d = emptyDiff(c);
    expect(d.restrictions).toEqual([]);
    expect(d.outage.every((v) => v === 0) && d.added.every((v) => v === 0)).toBe(true);
    expect(d.reallocation).toBe('market');
  });
});
