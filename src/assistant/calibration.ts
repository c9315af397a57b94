// Confidence as the share of answers that are right: the engine's raw support for its best
// passage (a margin of evidence, unbounded) is mapped to 0..1 by a monotone table fitted on the
// development, tuning and first held-out questions (eval/assistant/calibrate.ts), so that
// "0.9" means about nine answers in ten at that support cite the right passage.

/** The evidence behind an answer, before calibration. */
export interface Support {
  /**
   * The weakest of the pages knowing the question's topic, the best passage holding what they know
   * of it, and that passage holding telling words; each a margin, 0 at its limit.
   */
  readonly raw: number;
  /** How far the best passage's score is ahead of the second's. */
  readonly margin: number;
}

/** Raw support of a question the pages cannot answer at all (no topic known, a missing topic). */
export const NO_SUPPORT = -20;

/**
 * Raw support → confidence, fitted (eval/assistant/calibrate.ts: block midpoints of the
 * isotonic fit, each block's share of right answers shrunk towards a half). Confidence is
 * interpolated between points and flat outside them.
 */
export const CALIBRATION: readonly (readonly [number, number])[] = [
  [-2.71, 0.091],
  [-0.5, 0.5],
  [1.01, 0.717],
  [2.32, 0.733],
  [3.17, 0.833],
  [3.85, 0.896],
  [4, 0.896],
];

/**
 * Below this raw support the assistant hands off. On the fitted questions every support between
 * about -3 and -0.8 hands off the same share of out-of-scope questions (93–96%) and of in-scope
 * ones (0.3%); the threshold sits low in that range because a shopper's paraphrase the fitted
 * questions never used lowers support more often than an out-of-scope question raises it.
 */
export const HANDOFF_SUPPORT = -1.8;
/** Action answers cite a policy passage only from this support: one retrieval really found. */
export const CITE_SUPPORT = -0.85;

export function calibrate(
  support: Support,
  table: readonly (readonly [number, number])[] = CALIBRATION,
): number {
  const x = support.raw;
  const first = table[0];
  if (!first || x <= NO_SUPPORT) return 0;
  if (x <= first[0]) return first[1];
  for (let i = 1; i < table.length; i++) {
    const [x1, y1] = table[i] ?? first;
    if (x > x1) continue;
    const [x0, y0] = table[i - 1] ?? first;
    const y = x1 === x0 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
    return Math.round(y * 1000) / 1000;
  }
  return table[table.length - 1]?.[1] ?? 0;
}
