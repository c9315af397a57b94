// The assistant the application uses for a brand. Two engines read the question:
// - the store-independent engine (assistant.ts) decides whether the pages answer it at all, splits a
//   question holding several, and ranks with BM25F and sentence-level answer selection;
// - the vocabulary engine (engine.ts) ranks with the post-purchase vocabulary tables.
// The first decides the handoff (its calibration holds across stores); when both answer, the second's
// passage is cited first, since on the development sets it picks the right one of two close passages
// more often, except for two questions in one, which only the first answers part by part. Measured per store in eval/stores (see the section in ARCHITECTURE.md).
import { type AssistantOptions, createAssistant as createGeneral, splitQuestion } from "./assistant.ts";
import { createAssistant as createTuned } from "./engine.ts";
import type { AssistantAnswer, Citation, Passage } from "./types.ts";

const MAX_CITATIONS = 3;

/**
 * The vocabulary engine's citations with the store-independent engine's best passage quoted second
 * when it is not among them: of two close passages, the right one is then among the three shown.
 */
export function withOwnBest(citations: readonly Citation[], own: Citation | undefined): Citation[] {
  const out = [...citations];
  if (own && !out.some((c) => c.text.includes(own.text) || own.text.includes(c.text))) out.splice(1, 0, own);
  return out.slice(0, MAX_CITATIONS);
}

export interface BrandAssistantEngine {
  ask(question: string): AssistantAnswer;
}

export function createBrandAssistant(
  passages: readonly Passage[],
  options: AssistantOptions = {},
): BrandAssistantEngine {
  const general = createGeneral(passages, options);
  const tuned = createTuned(passages, {
    brandSlug: options.brandSlug,
    portalBaseUrl: options.portalBaseUrl,
    wordNet: options.wordNet,
  });
  const byText = new Map(passages.map((p) => [p.text, p]));
  /** A tuned citation may join neighbouring passages: its article is that of the passage it opens with. */
  const withSource = (c: Citation): Citation => {
    const p = byText.get(c.text) ?? passages.find((x) => c.text.startsWith(x.text));
    return {
      ...c,
      ...(p?.title ? { title: p.title } : {}),
      ...(p?.url ? { url: p.url } : {}),
    };
  };
  return {
    ask(question) {
      const g = general.ask(question);
      // Two questions in one are answered part by part, each part's passage cited in the order asked;
      // the vocabulary engine reads the question whole and would cite whichever part it matched best.
      if (g.handoff || g.unanswered || splitQuestion(question).length > 1) return g;
      const t = tuned.ask(question);
      if (t.handoff || t.citations.length === 0) return g;
      const citations = withOwnBest(t.citations.map(withSource), g.citations[0]);
      const first = citations[0];
      const source = first?.title ? ` (${first.title}${first.url ? `, ${first.url}` : ""})` : "";
      return {
        ...t,
        answer: `${t.answer}${source}`,
        citations,
        confidence: Math.max(g.confidence, t.confidence),
        action: t.action ?? g.action,
      };
    },
  };
}
