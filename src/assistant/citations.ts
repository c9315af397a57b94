// What the assistant shows for its ranked passages: verbatim citations, each widened with the
// neighbouring paragraphs of its section that the question also matches, and the answer text.
import type { Indexed } from "./passage-index.ts";
import type { Citation, Passage } from "./types.ts";

const MAX_CITATIONS = 3;
/** A cited passage is widened with its neighbours up to this length (the citation limit is 600). */
const WIDEN_UP_TO = 600;
/** A passage is cited only when it holds this share of what the best passage holds. */
const CITE_COVERAGE = 0.6;

/** A passage as ranked for a question. */
export interface Scored {
  readonly doc: Indexed;
  readonly score: number;
  /** Share of the question's weight the passage holds. */
  readonly coverage: number;
}

export interface Citer {
  cite(ranked: readonly Scored[]): Citation[];
  answerText(ranked: readonly Scored[]): string;
}

export function createCiter(docs: readonly Indexed[]): Citer {
  /** Passages by document and position, to find a passage's neighbours. */
  const byPlace = new Map(docs.map((d) => [`${d.passage.document}\u0000${d.passage.position}`, d]));
  const neighbour = (p: Passage, step: number) =>
    byPlace.get(`${p.document}\u0000${p.position + step}`)?.passage;

  /**
   * The text cited for a ranked passage: the passage itself, widened with its neighbours in the same
   * section while the whole stays citable (600 characters). Help pages spread one answer over
   * consecutive paragraphs ("report a missing item" → "include these" → "within 7 days"), so the
   * shopper sees the answer whole; the neighbour this question matches better is taken first.
   */
  function widen(best: Passage, scores: ReadonlyMap<Passage, number>): { text: string; parts: Passage[] } {
    let first = best;
    let last = best;
    let text = best.text;
    const parts = [best];
    for (;;) {
      const before = neighbour(first, -1);
      const after = neighbour(last, 1);
      const fits = (p: Passage | undefined): p is Passage =>
        p !== undefined && p.heading === best.heading && text.length + 1 + p.text.length <= WIDEN_UP_TO;
      const canBefore = fits(before) && (scores.get(before) ?? 0) > 0;
      const canAfter = fits(after) && (scores.get(after) ?? 0) > 0;
      if (!canBefore && !canAfter) break;
      if (canBefore && (!canAfter || (scores.get(before) ?? 0) > (scores.get(after) ?? 0))) {
        first = before;
        text = `${before.text} ${text}`;
        parts.unshift(before);
      } else if (canAfter) {
        last = after;
        text = `${text} ${after.text}`;
        parts.push(after);
      }
    }
    return { text, parts };
  }

  function cite(ranked: readonly Scored[]): Citation[] {
    const best = ranked[0];
    if (!best) return [];
    const scores = new Map(ranked.map((r) => [r.doc.passage, r.score]));
    const shown = new Set<Passage>();
    const out: Citation[] = [];
    for (const r of ranked.filter((x) => x.coverage >= best.coverage * CITE_COVERAGE)) {
      if (out.length >= MAX_CITATIONS) break;
      if (shown.has(r.doc.passage)) continue;
      const { text, parts } = widen(r.doc.passage, scores);
      for (const p of parts) shown.add(p);
      out.push({ document: r.doc.passage.document, text });
    }
    return out;
  }

  function answerText(ranked: readonly Scored[]): string {
    const best = ranked[0];
    if (!best) return "";
    const p = best.doc.passage;
    // A lead-in sentence ("There are 4 options…") reads badly alone; add what follows it.
    const next = neighbour(p, 1);
    return next && (p.text.endsWith(":") || p.text.length < 90) ? `${p.text} ${next.text}` : p.text;
  }

  return { cite, answerText };
}
