// First-stage scoring features: how a passage holds a question's terms, where, and how closely.
import type { Indexed } from "./passage-index.ts";
import type { QueryTerm } from "./query.ts";

/** How much a term counts that a passage names only in a later sentence's condition. */
const CONDITIONAL_MATCH = 0.5;

/** How well a passage holds a query concept: in its text, heading, neighbour, or via a relative. */
export function match(q: QueryTerm, d: Indexed): number {
  const direct = d.text.has(q.term)
    ? d.conditional.has(q.term)
      ? CONDITIONAL_MATCH
      : 1
    : d.heading.has(q.term)
      ? 0.8
      : d.context.has(q.term)
        ? 0.45
        : 0;
  if (direct === 1) return 1;
  let related = 0;
  for (const [a, strength] of Object.entries(q.alternatives)) {
    const m = d.text.has(a) ? 1 : d.heading.has(a) ? 0.8 : d.context.has(a) ? 0.45 : 0;
    related = Math.max(related, m * strength);
  }
  return Math.max(direct, related);
}

/** Share of the question's weight found in the passage's opening words, where its topic is stated. */
export function lead(terms: readonly QueryTerm[], d: Indexed, total: number): number {
  const found = terms.reduce((sum, q) => sum + (d.opening.has(q.term) ? q.weight : 0), 0);
  return total > 0 ? found / total : 0;
}

/**
 * Share of the passage's own telling words the question accounts for: of two passages that hold
 * the question equally, the one that is about it ("do not return until approved") beats the one
 * that mentions it among other matters.
 */
export function focus(
  weights: ReadonlyMap<string, number>,
  d: Indexed,
  own: number,
  idf: (term: string) => number,
): number {
  let shared = 0;
  for (const term of weights.keys()) if (d.text.has(term)) shared += idf(term);
  return own > 0 ? shared / own : 0;
}

/**
 * Whether the question is about the passage's opening sentence, or only about a later one. A
 * passage opening on a failed case ("if your return does not arrive…") may go on to a rule of
 * its own ("e-cheques must clear first"); a question that shares nothing with the failure is not
 * about it.
 */
export function opensOnQuestion(terms: readonly QueryTerm[], d: Indexed): boolean {
  const first = d.profile.sentences[0];
  if (!first) return true;
  let inText = false;
  for (const q of terms) {
    if (first.has(q.term)) return true;
    if (d.text.has(q.term)) inText = true;
  }
  return !inText;
}

/** Share of adjacent query concepts found close together in the passage. */
export function proximity(terms: readonly QueryTerm[], d: Indexed): number {
  const positions = d.positions;
  const present = terms.filter((q) => positions.has(q.term));
  if (present.length < 2) return 0;
  let close = 0;
  for (let i = 1; i < present.length; i++) {
    const a = positions.get(present[i - 1]?.term ?? "") ?? [];
    const b = positions.get(present[i]?.term ?? "") ?? [];
    let nearest = Number.POSITIVE_INFINITY;
    for (const x of a) for (const y of b) nearest = Math.min(nearest, Math.abs(x - y));
    // Adjacent concepts ("returned within 14 days") say more than ones a clause apart.
    close += nearest <= 2 ? 1 : nearest <= 6 ? 0.5 : 0;
  }
  return close / (present.length - 1);
}
