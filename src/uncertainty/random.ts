/**
 * A seeded pseudo-random generator (SplitMix32 seeding a Mulberry32 stream): the engine never
 * uses global randomness, so the same seed gives the same result everywhere.
 */

/** A function returning uniform numbers in [0, 1). */
export type Random = () => number;

/** A generator for `seed` (any integer). */
export function seededRandom(seed: number): Random {
  let a = (seed ^ 0x9e3779b9) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal deviate (Box-Muller). */
export function standardNormal(rng: Random): number {
  let u = rng();
  while (u === 0) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}
