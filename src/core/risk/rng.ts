/**
 * Seeded pseudo-random numbers for the Monte Carlo (MODEL.md §5: "same seed, same answer, on
 * any number of workers").
 *
 * Each run gets its own generator, derived from `(seed, run index)` alone, so a run's draws do
 * not depend on which worker ran it or on how many runs came before: `runRng(seed, r)` mixes
 * the two with SplitMix32-style avalanching (Steele, Lea and Flood 2014, "Fast splittable
 * pseudorandom number generators") and seeds a mulberry32 stream (T. Ettinger, public domain).
 * mulberry32 has a period of 2^32 per stream, far more than the handful of uniforms a run
 * draws (one per event).
 */

/** A generator of uniform numbers in [0, 1). */
export type Rng = () => number;

/** SplitMix32 finalizer: a bijective 32-bit avalanche. */
export function mix32(x: number): number {
  let z = x >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** mulberry32: 32-bit state, uniforms with 32 bits of resolution. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A seed as a 32-bit unsigned integer. Integers in the safe range keep their low 32 bits
 * mixed with their high bits, so 1 and 2^32 + 1 differ.
 */
export function normalizeSeed(seed: number): number {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed ${seed} must be a whole number`);
  const lo = seed >>> 0;
  const hi = Math.floor(Math.abs(seed) / 4294967296) >>> 0;
  return mix32(lo ^ mix32(hi + (seed < 0 ? 0x9e3779b9 : 0)));
}

/** The generator of run `run` under `seed`: independent of every other run's. */
export function runRng(seed: number, run: number): Rng {
  const s = normalizeSeed(seed);
  return mulberry32(mix32(s ^ mix32((run >>> 0) + 0x9e3779b9)) ^ Math.imul(run >>> 0, 0x632be5ab));
}
