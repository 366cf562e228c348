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

/** Murmur3's 32-bit finaliser: every input bit affects every output bit. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A 32-bit seed mixed from several integers (a run's seed, a sample index, an input's hash), so
 * that each combination gets its own independent-looking stream. Integers beyond 32 bits keep
 * their high bits; the result depends on the order of `parts`.
 */
export function mixSeed(...parts: number[]): number {
  let h = 0x243f6a88;
  for (const p of parts) {
    const lo = p >>> 0;
    const hi = Math.floor(p / 4294967296) >>> 0;
    h = fmix32(h ^ lo);
    if (hi !== 0) h = fmix32(h ^ hi ^ 0x9e3779b9);
    h = (h + 0x6d2b79f5) >>> 0;
  }
  return fmix32(h);
}

/** A 32-bit hash of a string (FNV-1a, finalised): names an input's stream independently of order. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return fmix32(h >>> 0);
}
