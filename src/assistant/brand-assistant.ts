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
import {
  type AssistantOptions,
  citation,
  createAssistant as createGeneral,
  splitQuestion,
} from "./assistant.ts";
import { createAssistant as createTuned } from "./engine.ts";
import { candidateFeatures, LEARNED_RANK_WEIGHTS, type PoolEntry, rankPool } from "./learned-rank.ts";
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
  /**
   * The candidates the learned ranker chose among for a question, each with its features, in the
   * order before the learned ranker (empty when handed off or asked in several parts). For the
   * tools that fit and check its weights.
   */
  pool(question: string): readonly PoolEntry[];
}

export interface BrandAssistantOptions extends AssistantOptions {
  /** The learned ranker's weights (learned-rank.ts) unless given; `false` keeps the engines' own order. */
  readonly rankWeights?: readonly number[] | false | undefined;
}

interface PoolCandidate extends PoolEntry {
  readonly citation: Citation;
}

export function createBrandAssistant(
  passages: readonly Passage[],
  options: BrandAssistantOptions = {},
): BrandAssistantEngine {
  const rankWeights = options.rankWeights ?? LEARNED_RANK_WEIGHTS;
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
  /** The engines' answer, and the candidates the learned ranker orders its runners-up from. */
  function answer(question: string): { answer: AssistantAnswer; pool: PoolCandidate[] } {
    // How much of the question the pages never use comes with the first engine's answer, so
    // weighing the two engines costs no second reading.
    const { unknownShare, closeness, candidates, ...g } = general.ask(question);
    // Two questions in one are answered part by part, each part's passage cited in the order asked;
    // the vocabulary engine reads the question whole and would cite whichever part it matched best.
    if (g.handoff || g.unanswered || splitQuestion(question).length > 1) return { answer: g, pool: [] };
    const t = tuned.ask(question);
    const tc = t.handoff ? [] : t.citations.map(withSource);
    const pool = (cited: readonly Citation[]): PoolCandidate[] => {
      const out: PoolCandidate[] = [];
      const add = (c: Citation): void => {
        if (out.some((o) => sameText(o.citation, c))) return;
        const at = candidates.findIndex((x) => sameText(citation(x.passage), c));
        const first = candidates[at];
        const features = candidateFeatures(
          cited.findIndex((x) => sameText(x, c)),
          first ? { place: at, ...first } : undefined,
          tc.findIndex((x) => sameText(x, c)),
          unknownShare,
          c.text.length,
        );
        out.push({ text: c.text, features, citation: c });
      };
      for (const c of cited) add(c);
      for (const x of candidates) add(citation(x.passage));
      for (const c of tc) add(c);
      return out;
    };
    if (t.handoff || t.citations.length === 0) return { answer: g, pool: pool(g.citations) };
    // The vocabulary engine's passage leads when the first engine also scored it close to its best,
    // or when the question leans on words the pages never use (the first engine then ranks on the
    // rest of the question alone, while the vocabulary tables may know the missing word). Otherwise
    // the first engine's best leads and the other's comes second.
    const lead = tc[0];
    const at = lead === undefined ? -1 : g.citations.findIndex((c) => sameText(c, lead));
    const agrees = at >= 0 && (closeness[at] ?? 0) >= 1 - AGREEMENT_MARGIN;
    if (!agrees && unknownShare < UNKNOWN_SHARE_TO_DEFER) {
      const citations = filledFrom(withOwnBest(g.citations, lead), tc);
      return {
        answer: { ...g, citations, action: g.action ?? t.action },
        pool: pool(citations),
      };
    }
    const citations = filledFrom(withOwnBest(tc, g.citations[0]), g.citations);
    const first = citations[0];
    const source = first?.title ? ` (${first.title}${first.url ? `, ${first.url}` : ""})` : "";
    return {
      answer: {
        ...t,
        answer: `${t.answer}${source}`,
        citations,
        confidence: Math.max(g.confidence, t.confidence),
        action: t.action ?? g.action,
      },
      pool: pool(citations),
    };
  }

  return {
    ask(question) {
      const { answer: a, pool } = answer(question);
      if (rankWeights === false || rankWeights.length === 0 || pool.length < 2) return a;
      // The engines' first citation stays first: over leave-stores-out cross-validation the model
      // picked the first passage no better than they do (and changed answers the tests pin down),
      // while it orders the runners-up better (see learned-rank.ts).
      const lead = a.citations[0];
      if (!lead) return a;
      const rest = rankPool(pool, rankWeights).filter((p) => !sameText(p.citation, lead));
      return { ...a, citations: [lead, ...rest.slice(0, MAX_CITATIONS - 1).map((p) => p.citation)] };
    },
    pool(question) {
      return answer(question).pool.map((p) => ({ text: p.text, features: p.features }));
    },
  };
}
