/** A source of uniform numbers in [0, 1), like Math.random. */
export type Random = () => number;

/**
 * mulberry32: a tiny, fast 32-bit PRNG with good enough statistics for picking quiz content. The same seed always
 * yields the same sequence, which is what makes template problems reproducible from their trace.
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A fresh unsigned 32-bit seed from the platform CSPRNG, for callers that did not ask for one. */
export function freshSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0] as number;
}

export function randomInt(random: Random, maxExclusive: number): number {
  return Math.floor(random() * maxExclusive);
}

export function pickOne<T>(random: Random, items: readonly T[]): T {
  if (items.length === 0) throw new Error("pickOne needs at least one item");
  return items[randomInt(random, items.length)] as T;
}

/** Fisher-Yates on a copy. */
export function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = randomInt(random, i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/**
 * The keys of `weights` (those with a positive weight) in a random order where heavier keys tend to come first:
 * repeated weighted draws without replacement. The first key is drawn with probability weight / total.
 */
export function weightedOrder<K extends string>(random: Random, weights: Readonly<Partial<Record<K, number>>>): K[] {
  const left = (Object.entries(weights) as [K, number][]).filter(([, weight]) => weight > 0);
  const order: K[] = [];
  while (left.length > 0) {
    const target = random() * left.reduce((sum, [, weight]) => sum + weight, 0);
    let index = 0;
    // Rounding can leave the target just past the last weight: it then falls on the last key.
    for (let reached = left[0]?.[1] ?? 0; reached <= target && index < left.length - 1; index++)
      reached += left[index + 1]?.[1] ?? 0;
    order.push((left.splice(index, 1)[0] as [K, number])[0]);
  }
  return order;
}

/** A short base-36 tag, e.g. "k3f9x2", drawn from the same source so it is reproducible too. */
export function base36Tag(random: Random, length = 6): string {
  let tag = "";
  for (let i = 0; i < length; i++) tag += randomInt(random, 36).toString(36);
  return tag;
}

/**
 * Half the time, an item that is itself of the requested level: most draws then reach the level instead of being
 * thrown away, while everything allowed keeps a chance.
 */
export function pickFavouring<T>(random: Random, items: readonly T[], ofLevel: (item: T) => boolean): T {
  const exact = items.filter(ofLevel);
  return exact.length > 0 && random() < 0.5 ? pickOne(random, exact) : pickOne(random, items);
}
