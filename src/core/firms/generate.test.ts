import { describe, expect, it } from 'vitest';
import { generateFirmNetwork } from './generate.js';

describe('generateFirmNetwork', () => {
  const opts = { firms: 20_000, links: 100_000, sectors: 30, countries: 8, seed: 11 };
  const net = generateFirmNetwork(opts);

  it('makes exactly the links asked for, without duplicates or self-links', () => {
    expect(net.nFirms).toBe(20_000);
    expect(net.nLinks).toBe(100_000); // buildFirmNetwork throws on duplicates and self-links
  });

  it('is deterministic by seed', () => {
    const again = generateFirmNetwork(opts);
    expect(Array.from(again.supplier)).toEqual(Array.from(net.supplier));
    expect(Array.from(again.flow)).toEqual(Array.from(net.flow));
    const other = generateFirmNetwork({ ...opts, seed: 12 });
    expect(Array.from(other.supplier.subarray(0, 100))).not.toEqual(
      Array.from(net.supplier.subarray(0, 100)),
    );
  });

  it('has heavy-tailed out-degrees and light-tailed in-degrees', () => {
    const out = new Int32Array(net.nFirms);
    for (let e = 0; e < net.nLinks; e++) out[net.supplier[e]!]!++;
    const mean = net.nLinks / net.nFirms;
    // A hub sells to far more clients than the average firm (a Poisson graph would top out
    // near mean + 5 sqrt(mean)); in-degrees stay moderate.
    expect(Math.max(...out)).toBeGreaterThan(50 * mean);
    let maxIn = 0;
    for (let i = 0; i < net.nFirms; i++)
      maxIn = Math.max(maxIn, net.inOffsets[i + 1]! - net.inOffsets[i]!);
    expect(maxIn).toBeLessThan(Math.max(...out));
  });

  it('buys from a few sectors per sector (input-output structure)', () => {
    const pairs = new Set<string>();
    for (let c = 0; c < net.nFirms; c++) {
      for (let e = net.inOffsets[c]!; e < net.inOffsets[c + 1]!; e++) {
        pairs.add(`${net.sector[c]}>${net.sector[net.supplier[e]!]}`);
      }
    }
    // At most 5 input sectors per sector (plus rare fallback links), far from all 30 x 30.
    expect(pairs.size).toBeLessThan(30 * 6);
    expect(net.countryNames).toHaveLength(8);
    expect(new Set(net.country).size).toBe(8);
  });

  it('gives every firm positive output and value added', () => {
    for (let i = 0; i < net.nFirms; i++) {
      expect(net.initial[i]!).toBeGreaterThan(0);
      let inputs = 0;
      for (let e = net.inOffsets[i]!; e < net.inOffsets[i + 1]!; e++) inputs += net.flow[e]!;
      expect(net.initial[i]!).toBeGreaterThanOrEqual(inputs);
    }
  });
});
