// How telling each term is in one brand's passages: document frequencies, inverse document
// frequency, and each passage's own summed weight.
import type { Indexed } from "./passage-index.ts";

export interface CorpusStats {
  /** Number of passages (at least 1). */
  readonly size: number;
  /** Whether any passage (text or heading) uses the term. */
  has(term: string): boolean;
  /** Passages that use the term. */
  frequency(term: string): number;
  /** Importance of a term in this brand's corpus; a term no passage uses weighs most. */
  idf(term: string): number;
  /** Summed weight of each passage's own terms: the denominator of its focus, fixed per passage. */
  readonly ownWeight: readonly number[];
}

export function corpusStats(docs: readonly Indexed[]): CorpusStats {
  const documentFrequency = new Map<string, number>();
  for (const d of docs) {
    for (const term of new Set([...d.text, ...d.heading])) {
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
  }
  const size = Math.max(1, docs.length);
  const idfOf = new Map<string, number>();
  const idf = (term: string): number => {
    const known = idfOf.get(term);
    if (known !== undefined) return known;
    const df = documentFrequency.get(term) ?? 0;
    const value = Math.log(1 + (size - df + 0.5) / (df + 0.5));
    // Only the brand's own terms are kept: questions bring unbounded new words.
    if (df > 0) idfOf.set(term, value);
    return value;
  };
  return {
    size,
    has: (term) => documentFrequency.has(term),
    frequency: (term) => documentFrequency.get(term) ?? 0,
    idf,
    ownWeight: docs.map((d) => [...d.text].reduce((sum, term) => sum + idf(term), 0)),
  };
}
