// The assistant the application uses for a brand. Two engines read the question:
// - the store-independent engine (assistant.ts) decides whether the pages answer it at all, splits a
//   question holding several, and ranks with BM25F and sentence-level answer selection;
// - the vocabulary engine (engine.ts) ranks with the post-purchase vocabulary tables.
// The first decides the handoff (its calibration holds across stores). When both answer, the second's
// passage is cited first when it is among the first's own citations and scored there within
// AGREEMENT_MARGIN of the first's best (of two close passages it picks the right one more often), or
// when the question leans on words the pages never use (a quarter or more of its weight: the first
// then ranks on the rest alone); otherwise the first's best leads and the second's comes next. Two questions in one are answered by the first alone, part by part.
// Measured per store in eval/stores (see the section in ARCHITECTURE.md).
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

const sameText = (a: Citation, b: Citation): boolean => a.text.includes(b.text) || b.text.includes(a.text);

/** Citations filled up to three with the other engine's, leaving out passages already quoted. */
function filledFrom(citations: readonly Citation[], more: readonly Citation[]): Citation[] {
  const out = [...citations];
  for (const c of more) if (out.length < MAX_CITATIONS && !out.some((o) => sameText(o, c))) out.push(c);
  return out;
}
const UNKNOWN_SHARE_TO_DEFER = 0.25;
/**
 * How far below its own best the first engine may score the vocabulary engine's passage and still
 * count as agreeing with it. Of the 33 tuning stores' questions where the two lead with different
 * passages, one of them right, the first engine's best was right more often once the other's scored
 * more than this share below it.
 */
const AGREEMENT_MARGIN = 0.06;

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
      // How much of the question the pages never use comes with the first engine's answer, so
      // weighing the two engines costs no second reading.
      const { unknownShare, closeness, ...g } = general.ask(question);
      // Two questions in one are answered part by part, each part's passage cited in the order asked;
      // the vocabulary engine reads the question whole and would cite whichever part it matched best.
      if (g.handoff || g.unanswered || splitQuestion(question).length > 1) return g;
      const t = tuned.ask(question);
      if (t.handoff || t.citations.length === 0) return g;
      // The vocabulary engine's passage leads when the first engine also scored it close to its best,
      // or when the question leans on words the pages never use (the first engine then ranks on the
      // rest of the question alone, while the vocabulary tables may know the missing word). Otherwise
      // the first engine's best leads and the other's comes second.
      const tc = t.citations.map(withSource);
      const lead = tc[0];
      const at = lead === undefined ? -1 : g.citations.findIndex((c) => sameText(c, lead));
      const agrees = at >= 0 && (closeness[at] ?? 0) >= 1 - AGREEMENT_MARGIN;
      if (!agrees && unknownShare < UNKNOWN_SHARE_TO_DEFER) {
        return {
          ...g,
          citations: filledFrom(withOwnBest(g.citations, lead), tc),
          action: g.action ?? t.action,
        };
      }
      const citations = filledFrom(withOwnBest(tc, g.citations[0]), g.citations);
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
