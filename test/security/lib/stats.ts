/** A small seeded PRNG (mulberry32): the same seed gives the same orders and permutations. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Ranks of |d| (1-based, ties share their mean rank). */
function absoluteRanks(diffs: number[]): number[] {
  const order = diffs.map((d, i) => [Math.abs(d), i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(diffs.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]![0] === order[start]![0]) end++;
    for (let k = start; k <= end; k++) ranks[order[k]![1]] = (start + end) / 2 + 1;
    start = end + 1;
  }
  return ranks;
}

/**
 * Wilcoxon signed-rank test of paired differences, by sign-flip permutation:
 * under "the label does not matter" every difference is as likely to have
 * either sign. Returns the two-sided p-value (rounds fixed, seeded).
 */
export function signedRankP(diffs: number[], rounds = 20_000, seed = 1): number {
  const ranks = absoluteRanks(diffs);
  const observed = Math.abs(diffs.reduce((sum, d, i) => sum + Math.sign(d) * ranks[i]!, 0));
  const random = seededRandom(seed);
  let extreme = 0;
  for (let r = 0; r < rounds; r++) {
    let w = 0;
    for (let i = 0; i < ranks.length; i++) w += (random() < 0.5 ? -1 : 1) * (diffs[i] === 0 ? 0 : ranks[i]!);
    if (Math.abs(w) >= observed) extreme++;
  }
  return (extreme + 1) / (rounds + 1);
}

export interface Comparison {
  pairs: number;
  /** Milliseconds. */
  medianA: number;
  medianB: number;
  /** Median of the paired differences a - b, in ms. */
  shift: number;
  /** Two-sided p-value of the signed-rank permutation test. */
  p: number;
}

export function comparePaired(a: number[], b: number[]): Comparison {
  const diffs = a.map((x, i) => x - b[i]!);
  return { pairs: a.length, medianA: median(a), medianB: median(b), shift: median(diffs), p: signedRankP(diffs) };
}

export interface Verdict {
  /** Significance level: a p-value below it means the label changes the latency. */
  alpha: number;
  /**
   * A significant shift smaller than this is tolerated: a few D1 rows' worth, far below one
   * Argon2 hash (about 30 to 50 ms), and below what a throttled attacker can resolve.
   */
  negligibleMs: number;
}

export const VERDICT: Verdict = { alpha: 0.001, negligibleMs: 2 };

/**
 * True when the two paths cannot be told apart by their latency. Load on the machine
 * cannot make this fail by itself: the pairs are randomised, so load widens both
 * distributions alike and only lowers the test's power.
 */
export function indistinguishable(c: Comparison, v: Verdict = VERDICT): boolean {
  return c.p >= v.alpha || Math.abs(c.shift) < v.negligibleMs;
}

export const describeComparison = (c: Comparison) =>
  `n=${c.pairs} median ${c.medianA.toFixed(2)} vs ${c.medianB.toFixed(2)} ms, shift ${c.shift.toFixed(2)} ms, p=${c.p.toPrecision(3)}`;
