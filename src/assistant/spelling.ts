// Shoppers type fast ("refnd", "recieved", "adress"). A word the assistant does not know is read as
// the nearest word it does know (the brand's own pages, the domain vocabulary, plain English
// function words) when one is a single slip away, so a typo neither misses its passage nor
// passes for an unknown topic. Short words are left alone: "hat" and "hot" are both real.

// Shorter words are too often other real words one letter away ("chart" and "chat").
const MIN_LENGTH = 6;
/** Words this long may carry two slips ("accesories" → "accessories"). */
const TWO_SLIPS_FROM = 9;

/** Endings that make another word or an inflection rather than a typo. */
const ENDING = /^(?:s|es|d|ed|ing|er|ers|al|ly|ment|ion|ions)$/;

export interface SpellingCorrector {
  /** The words of an already normalised text, each replaced by its correction when it has one. */
  correct(normalized: string): string;
}

export interface SpellingOptions {
  /**
   * Whether a word is a real English word (a dictionary's, e.g. WordNet's): one is never read as a
   * store word one slip away ("lather" is not "leather", "bottle" is not "battle"), since a
   * real word the pages lack is a topic they may not cover, not a typo.
   */
  readonly isWord?: ((word: string) => boolean) | undefined;
}

/**
 * Builds a corrector over the known words. The first letter must match: shoppers rarely get it
 * wrong, and it keeps unknown topics ("vegan") from being read as known words ("began").
 */
export function createSpellingCorrector(
  known: Iterable<string>,
  options: SpellingOptions = {},
): SpellingCorrector {
  const lexicon = new Set<string>();
  const byFirst = new Map<string, string[]>();
  for (const word of known) {
    if (word === "" || lexicon.has(word)) continue;
    lexicon.add(word);
    if (word.length < MIN_LENGTH - 1 || /\d/.test(word)) continue;
    const first = word.charAt(0);
    const bucket = byFirst.get(first) ?? [];
    bucket.push(word);
    byFirst.set(first, bucket);
  }
  const cache = new Map<string, string>();

  function fix(word: string): string {
    if (word.length < MIN_LENGTH || lexicon.has(word) || /\d/.test(word)) return word;
    const cached = cache.get(word);
    if (cached !== undefined) return cached;
    if (options.isWord?.(word)) {
      if (cache.size < 10_000) cache.set(word, word);
      return word;
    }
    const limit = word.length >= TWO_SLIPS_FROM ? 2 : 1;
    let best = word;
    let bestDistance = limit + 1;
    for (const candidate of byFirst.get(word.charAt(0)) ?? []) {
      if (Math.abs(candidate.length - word.length) > limit) continue;
      // A word that only adds or drops an ending ("personal", "person") is another word or an
      // inflection the stemmer already folds, not a typo.
      if (ENDING.test(candidate.startsWith(word) ? candidate.slice(word.length) : "")) continue;
      if (ENDING.test(word.startsWith(candidate) ? word.slice(candidate.length) : "")) continue;
      const d = editDistance(word, candidate, limit);
      if (d > limit) continue;
      // Ties go to the longer word: a dropped letter is a likelier slip than an added one.
      if (d < bestDistance || (d === bestDistance && candidate.length > best.length)) {
        best = candidate;
        bestDistance = d;
      }
    }
    if (cache.size < 10_000) cache.set(word, best);
    return best;
  }

  return {
    correct: (normalized) =>
      normalized
        .split(" ")
        .map((w) => fix(w))
        .join(" "),
  };
}

/**
 * Optimal string alignment distance (insertions, deletions, substitutions, swaps of neighbours),
 * giving up early once it exceeds `max`.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous2: number[] = [];
  let previous: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (previous2[j - 2] ?? 0) + 1);
      }
      current.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    previous2 = previous;
    previous = current;
  }
  return previous[b.length] ?? max + 1;
}
