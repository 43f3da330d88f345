/** A seeded source of uniform random numbers in [0, 1). */
export type Random = () => number;

/**
 * Creates a mulberry32 generator: a small, fast 32-bit PRNG whose stream is
 * fully determined by `seed` (any integer; only its low 32 bits count).
 */
export function mulberry32(seed: number): Random {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Shuffles `items` in place with the Fisher-Yates algorithm driven by
 * `random`, and returns the same array.
 */
export function shuffleInPlace<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const held = items[i] as T;
    items[i] = items[j] as T;
    items[j] = held;
  }
  return items;
}

/**
 * Derives an independent seed for a named stage ("split", "batches", ...)
 * from a base seed, so stages do not share one random stream.
 */
export function deriveSeed(seed: number, stage: string): number {
  let hash = 0x811c9dc5 ^ (seed | 0);
  for (let i = 0; i < stage.length; i++) {
    hash = Math.imul(hash ^ stage.charCodeAt(i), 0x01000193);
  }
  return hash >>> 0;
}
