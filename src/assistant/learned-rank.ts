// Learned second-stage ranking: the passages the two engines put forward for a question (the brand
// assistant's own three citations, the store-independent engine's best eight and the vocabulary
// engine's three) are ordered by a linear model over what the engines already measured of each: its
// place in each engine's order, its scores as shares of the best, the share of the question it, its
// heading, its first and its best sentence hold, how focused that sentence is, how close it and its
// sentences read to the question in meaning, its length. The weights are not set by hand:
// eval/stores/learn-rank.ts fits them (a softmax over each question's candidates, by gradient descent
// from zero, deterministic) on the tuning stores' questions and reports leave-stores-out
// cross-validation. The brand assistant keeps the engines' first citation first and lets the model
// pick the two after it: over cross-validation the model chose the first passage no better than the
// engines (1658 -> 1661 of 2137, a few questions per fold either way) but put the right one among the
// three shown more often in every fold (1845 -> 1880, 86.3% -> 88.0%). Nothing here knows any
// store's words.
import type { Candidate } from "./assistant.ts";

/** What one candidate passage is scored on; FEATURE_NAMES gives the order. */
export interface PoolEntry {
  readonly text: string;
  readonly features: readonly number[];
}

export const FEATURE_NAMES = [
  "cited first",
  "cited second",
  "cited third",
  "ranked by the first engine",
  "first engine: closeness",
  "first engine: words-only closeness",
  "first engine: BM25F closeness",
  "first engine: coverage",
  "first engine: sentence coverage",
  "first engine: heading precision",
  "first engine: its best",
  "first engine: second",
  "first engine: third",
  "first engine: 1 / (1 + place)",
  "vocabulary engine: its best",
  "vocabulary engine: second",
  "vocabulary engine: third",
  "vocabulary engine's best x unknown share",
  "log length",
  "first engine: heading coverage",
  "first engine: first-sentence coverage",
  "first engine: sentence precision",
  "first engine: passage precision",
  "first engine: meaning",
  "first engine: sentence coverage x sentence precision",
  "meaning of the answering sentence",
  "meaning of the closest sentence",
] as const;

/** The first engine's measures of a candidate, when it ranked it. */
export type FirstEngineMeasures = Omit<Candidate, "passage"> & { readonly place: number };

export function candidateFeatures(
  cited: number,
  first: FirstEngineMeasures | undefined,
  vocabularyPlace: number,
  unknownShare: number,
  length: number,
): number[] {
  const f = first;
  return [
    cited === 0 ? 1 : 0,
    cited === 1 ? 1 : 0,
    cited === 2 ? 1 : 0,
    f ? 1 : 0,
    f?.closeness ?? 0,
    f?.lexical ?? 0,
    f?.bm25 ?? 0,
    f?.coverage ?? 0,
    f?.sentenceCoverage ?? 0,
    f?.headingPrecision ?? 0,
    f?.place === 0 ? 1 : 0,
    f?.place === 1 ? 1 : 0,
    f?.place === 2 ? 1 : 0,
    f ? 1 / (1 + f.place) : 0,
    vocabularyPlace === 0 ? 1 : 0,
    vocabularyPlace === 1 ? 1 : 0,
    vocabularyPlace === 2 ? 1 : 0,
    vocabularyPlace === 0 ? unknownShare : 0,
    Math.log(1 + length / 100),
    f?.headingCoverage ?? 0,
    f?.leadCoverage ?? 0,
    f?.sentencePrecision ?? 0,
    f?.precision ?? 0,
    f?.meaning ?? 0,
    (f?.sentenceCoverage ?? 0) * (f?.sentencePrecision ?? 0),
    f?.sentenceMeaning ?? 0,
    f?.bestSentenceMeaning ?? 0,
  ];
}

export const score = (weights: readonly number[], features: readonly number[]): number =>
  features.reduce((sum, x, i) => sum + x * (weights[i] ?? 0), 0);

/**
 * The pool's order by the model, best first; a tie keeps the pool's order (the brand assistant's
 * own citations come first in it).
 */
export function rankPool<T extends PoolEntry>(pool: readonly T[], weights: readonly number[]): T[] {
  return pool
    .map((p, i) => ({ p, i, s: score(weights, p.features) }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map((x) => x.p);
}

/**
 * Fitted by eval/stores/learn-rank.ts on the tuning stores (see eval/stores/README.md for the
 * stores, the command and the cross-validated figures). Order: FEATURE_NAMES.
 */
export const LEARNED_RANK_WEIGHTS: readonly number[] = [
  0.415, -0.257, 0.009, -6.329, 2.172, 1.684, 0.753, 0.146, -0.551, 0.43, -0.101, 0.237, 0.023, 0.254, 1.114,
  0.769, 0.069, -2.78, 0.588, 1.04, -0.206, -0.698, -0.164, 3.033, 3.071, 1.258, 2.595,
];
