// The assistant for one brand: answers a shopper's question from that brand's passages only,
// citing them verbatim, and hands off to a person when the passages do not answer.
import MiniSearch from "minisearch";
import { CITE_SUPPORT, calibrate, HANDOFF_SUPPORT, NO_SUPPORT, type Support } from "./calibration.ts";
import { createCiter } from "./citations.ts";
import { SCOPE_TOPICS } from "./concepts.ts";
import { corpusStats } from "./corpus-stats.ts";
import { focus, lead, match, opensOnQuestion, proximity } from "./features.ts";
import { detectIntent, flowUrl } from "./intents.ts";
import {
  ANSWER_TYPES,
  HOW_TO,
  type Indexed,
  indexPassages,
  LIST_MARK,
  NOTICE_MARK,
  REASON_MARK,
  TELLS_FAILURE,
} from "./passage-index.ts";
import { createQueryReader, type QueryTerm } from "./query.ts";
import {
  DEFAULT_RERANK_WEIGHTS,
  RERANK_DEPTH,
  type RerankWeights,
  readQuestion,
  rerankBonus,
  rerankFeatures,
} from "./rerank.ts";
import { isPlaceTerm, normalize, tokenize } from "./text.ts";
import type { AssistantAnswer, Passage } from "./types.ts";
import type { WordNet } from "./wordnet.ts";

export type { QueryTerm } from "./query.ts";

export interface AssistantOptions {
  readonly portalBaseUrl?: string | undefined;
  readonly brandSlug?: string | undefined;
  /**
   * WordNet for general-English relatives of the brand's words: the process's shared copy unless
   * given; `false` builds the engine without it (faster, for tools that compare).
   */
  readonly wordNet?: WordNet | false | undefined;
  /** Second-stage weights; tuning tools try others, everyone else keeps the defaults. */
  readonly rerankWeights?: RerankWeights | undefined;
}

export interface Assistant {
  ask(question: string): AssistantAnswer;
  /** Why an answer came out as it did: the weighted concepts and the best passages. For tuning tools. */
  explain(question: string): Explanation;
}

export interface Explanation {
  readonly terms: readonly QueryTerm[];
  /** The best passage's full text, whether or not the assistant would cite it. */
  readonly best: string | undefined;
  /** The evidence confidence is calibrated from. */
  readonly support: Support;
  readonly ranked: readonly {
    readonly text: string;
    readonly score: number;
    readonly coverage: number;
    readonly matched: number;
    readonly concepts: number;
  }[];
}

/** Below this confidence the assistant says it cannot answer and offers a person. */
export const HANDOFF_THRESHOLD = calibrate({ raw: HANDOFF_SUPPORT, margin: 0 });
/** Action answers still cite a policy passage, but only one the retrieval actually supports. */
const ACTION_CITE_THRESHOLD = calibrate({ raw: CITE_SUPPORT, margin: 0 });
/**
 * Share of the known part of an action question the best passage must hold to be cited whatever
 * the confidence: a word the pages never use ("straight out of the bag") then only tells the scene.
 */
const ACTION_CITE_COVERAGE = 0.9;
/** Share of a question's topical weight the pages may not know before it is out of their scope. */
const UNKNOWN_TOPIC_LIMIT = 0.48;
/** Share of the known part of a question the best passage must hold. */
const KNOWN_COVERAGE_FLOOR = 0.5;
/**
 * Least summed term weight the best passage must hold, as a share of the weight of a word the
 * pages never use, so the floor scales with the size of the knowledge base.
 */
const EVIDENCE_FLOOR = 0.15;
/** How much a passage being about the question (its focus) counts against one merely mentioning it. */
const FOCUS_WEIGHT = 0.6;
const CANDIDATES = 20;
/**
 * For a shopper who wants to change something themselves, a passage on doing it in the account
 * beats one listing what to send the team: the first answers them, the second is the fallback.
 */
const SELF_SERVICE_BONUS = 1;
/** A "why" question is answered by the passage giving the reason, more than by any other match. */
const REASON_BONUS = 0.4;
// ...but only for a passage holding as many of the question's topics as any other: "will my change
// definitely go through" asks about the guarantee, which the do-it-yourself passage lacks.
/**
 * Concepts that are the answer a question asks for: a cost ("is there a fee", "are returns free")
 * or a time limit ("how long do I have"). A passage without them does not answer, however well
 * it matches the rest, so the best passage must hold them.
 */
const ANSWER_CONCEPTS: ReadonlySet<string> = new Set(["fee", "deadline"]);
/** Words for the goods themselves and places: they qualify a question, they are not its topic. */
const CARRIERS: ReadonlySet<string> = new Set(["item", "order", "parcel"]);
/** A question asking for a reason. */
const WHY = /\b(?:why|how come)\b/;
/** Raw support when the best passage lacks the answer the question asks for. */
const MISSING_ANSWER_SUPPORT = -3;
/**
 * A passage on what to do when something failed ("if your return does not arrive") is no answer
 * to a shopper asking how the usual course goes ("once my return reaches you, how soon…").
 */
const FAILED_CASE_PENALTY = 0.6;
/** Share of passages above which a term is too common to look passages up by. */
const COMMON_SHARE = 0.5;
/** Passages from which a base counts as large enough for common terms to slow the search. */
const LARGE_BASE = 300;

interface Ranked {
  readonly doc: Indexed;
  readonly score: number;
  /** Share of the question's weight the passage holds. */
  readonly coverage: number;
  /** That weight in absolute terms: how much telling evidence the passage holds. */
  readonly matched: number;
  /** How many distinct topic concepts of the question the passage holds. */
  readonly concepts: number;
}

export function createAssistant(passages: readonly Passage[], options: AssistantOptions = {}): Assistant {
  const rerankWeights = options.rerankWeights ?? DEFAULT_RERANK_WEIGHTS;
  const docs = indexPassages(passages);
  const stats = corpusStats(docs);
  const { idf } = stats;
  const n = stats.size;
  const reader = createQueryReader(passages, stats, options);
  const citer = createCiter(docs);

  const search = new MiniSearch<{ id: number; text: string; heading: string; context: string }>({
    fields: ["text", "heading", "context"],
    // Passages are analysed once above; the indexed fields hold their concept terms already.
    tokenize: (text, field) =>
      field === "heading" ? tokenize(text) : text.split(" ").filter((t) => t !== ""),
    processTerm: (term) => term,
    searchOptions: { boost: { text: 1, heading: 0.8, context: 0.25 }, combineWith: "OR" },
  });
  search.addAll(
    docs.map((d, id) => ({
      id,
      text: [...d.text].join(" "),
      heading: d.passage.heading ?? "",
      context: [...d.context].join(" "),
    })),
  );

  function rank(terms: readonly QueryTerm[], question: string, doItYourself = false): Ranked[] {
    const normalized = normalize(question);
    const howTo = HOW_TO.test(normalized);
    const failure = TELLS_FAILURE.test(normalized);
    const asks = ANSWER_TYPES.filter((t) => t.ask.test(normalized)).map((t) => t.concept);
    // "When will I hear…" asks for the message that tells them, not for a number of days.
    const wanted = asks.includes(NOTICE_MARK) ? asks.filter((c) => c !== "duration") : asks;
    if (terms.length === 0) return [];
    const weights = new Map<string, number>();
    for (const q of terms) {
      weights.set(q.term, Math.max(weights.get(q.term) ?? 0, q.weight));
      for (const [a, strength] of Object.entries(q.alternatives)) {
        weights.set(a, Math.max(weights.get(a) ?? 0, q.weight * strength));
      }
    }
    // In a large base, a term most passages hold barely tells them apart (its BM25 weight is near
    // 0) yet makes the search score nearly every passage, which is most of the answer time; it
    // still counts in coverage below, which sees every term. A small base is cheap to search whole.
    const telling =
      n < LARGE_BASE
        ? [...weights.keys()]
        : [...weights.keys()].filter((t) => stats.frequency(t) <= COMMON_SHARE * n);
    const hits = search.search(
      { queries: telling.length > 0 ? telling : [...weights.keys()], combineWith: "OR" },
      { tokenize: (s) => [s], boostTerm: (term) => weights.get(term) ?? 1 },
    );
    const top = hits[0]?.score ?? 0;
    const total = terms.reduce((sum, q) => sum + q.weight, 0);
    // A shopper asking what to send the team is not asking how to do it themselves.
    const selfService = doItYourself && !failure && !wanted.includes(LIST_MARK);
    const candidates = hits.slice(0, CANDIDATES).flatMap((hit) => {
      const id = Number(hit.id);
      const doc = docs[id];
      if (!doc) return [];
      const covered = terms.reduce((sum, q) => sum + q.weight * match(q, doc), 0);
      const concepts = terms.filter((q) => q.topical && match(q, doc) >= 0.5).length;
      return [{ hit, id, doc, covered, coverage: total > 0 ? covered / total : 0, concepts }];
    });
    const mostConcepts = Math.max(0, ...candidates.map((c) => c.concepts));
    const ranked: Ranked[] = [];
    for (const { hit, id, doc, covered, coverage, concepts } of candidates) {
      const headingHits = terms.filter((q) => doc.heading.has(q.term)).length / terms.length;
      const score =
        2 * coverage +
        0.35 * (top > 0 ? hit.score / top : 0) +
        0.15 * proximity(terms, doc) +
        0.25 * headingHits +
        0.3 * lead(terms, doc, total) +
        (howTo && doc.instructs ? 0.4 : 0) +
        (selfService && doc.selfService && concepts >= mostConcepts ? SELF_SERVICE_BONUS : 0) -
        (doc.failedCase && !failure && opensOnQuestion(terms, doc) ? FAILED_CASE_PENALTY : 0) +
        (wanted.some((c) => doc.text.has(c)) ? 0.35 : 0) +
        (wanted.includes(REASON_MARK) && doc.text.has(REASON_MARK) ? REASON_BONUS : 0) +
        FOCUS_WEIGHT * focus(weights, doc, stats.ownWeight[id] ?? 0, idf);
      ranked.push({ doc, score, coverage, matched: covered, concepts });
    }
    ranked.sort((a, b) => b.score - a.score);
    // Second stage: among the best few, the passage whose own topic the question is about wins.
    const asked = readQuestion(normalized, terms, wanted.includes(LIST_MARK));
    const head = ranked.slice(0, RERANK_DEPTH).map((r) => ({
      ...r,
      score: r.score + rerankBonus(rerankFeatures(asked, r.doc.profile, idf, rerankWeights), rerankWeights),
    }));
    head.sort((a, b) => b.score - a.score);
    return [...head, ...ranked.slice(RERANK_DEPTH)];
  }

  /**
   * Whether a passage states the answer a question asks for about its topic: one sentence holds the
   * answer concept (a cost, a time limit) together with another topic of the question. "$10 is
   * deducted from your refund" says nothing of what shipping costs; "tell us within 7 days about a
   * missing item" is no time limit for returns. Words for the goods themselves ("item", "order")
   * and places ("on US orders") are too general to tie an answer to a topic.
   */
  function statesAnswer(asked: QueryTerm, terms: readonly QueryTerm[], d: Indexed): boolean {
    if (!d.text.has(asked.term)) return false;
    const topics = terms.filter(
      (q) =>
        q !== asked &&
        q.topical &&
        q.known &&
        !ANSWER_CONCEPTS.has(q.term) &&
        !CARRIERS.has(q.term) &&
        !isPlaceTerm(q.term),
    );
    if (topics.length === 0) return true;
    const holds = (s: ReadonlySet<string>, q: QueryTerm): boolean =>
      s.has(q.term) ||
      Object.entries(q.alternatives).some(([alt, strength]) => strength >= 0.5 && s.has(alt));
    return d.profile.sentences.some((s) => s.has(asked.term) && topics.some((q) => holds(s, q)));
  }

  /**
   * Confidence is the weakest of three pieces of evidence, each a margin turned into 0..1:
   * - the pages know the question's topic: when half of its topical weight is words the brand's
   *   pages never use ("gift card", "klarna"), they do not answer it, however well the rest
   *   ("order", "pay") matches; one stray word ("expired", "doorstep") next to known concepts
   *   does not sink a question;
   * - the best passage holds most of what the pages do know of the question;
   * - that passage holds telling evidence, not only common words ("clothes", "made").
   */
  function support(ranked: readonly Ranked[], terms: readonly QueryTerm[], question: string): Support {
    const best = ranked[0];
    const second = ranked[1];
    const margin = best ? best.score - (second?.score ?? 0) : 0;
    const total = terms.reduce((sum, q) => sum + q.weight, 0);
    const unknown = terms.filter((q) => q.topical && !q.known).reduce((sum, q) => sum + q.weight, 0);
    if (!best || total <= 0 || unknown >= total) return { raw: NO_SUPPORT, margin };
    // A shopping topic the brand's pages never name ("gift card", "klarna") is theirs to answer
    // only by a person, whatever else of the question matches.
    if (terms.some((q) => !q.known && SCOPE_TOPICS.has(q.term))) return { raw: NO_SUPPORT, margin };
    // "Why was it too late within an hour?" asks for a reason, not for the time limit it mentions.
    const asksWhy = WHY.test(question);
    const asked = asksWhy ? undefined : terms.find((q) => ANSWER_CONCEPTS.has(q.term));
    if (asked && !statesAnswer(asked, terms, best.doc)) return { raw: MISSING_ANSWER_SUPPORT, margin };
    const unknownShare = unknown / total;
    const knownCoverage = best.matched / (total - unknown);
    const raw = Math.min(
      12 * (UNKNOWN_TOPIC_LIMIT - unknownShare),
      8 * (knownCoverage - KNOWN_COVERAGE_FLOOR),
      4 * (best.matched - EVIDENCE_FLOOR * idf("")),
    );
    return { raw, margin };
  }

  const confidence = (ranked: readonly Ranked[], terms: readonly QueryTerm[], question: string): number =>
    calibrate(support(ranked, terms, question));

  return {
    explain(asked: string): Explanation {
      const question = reader.read(asked);
      const detected = detectIntent(question);
      const terms = reader.terms(question, detected?.hint ?? [], reader.placesOf(asked));
      const all = rank(terms, question, detected?.selfService === true);
      const ranked = all.slice(0, 3).map((r) => ({
        text: r.doc.passage.text.slice(0, 90),
        score: r.score,
        coverage: r.coverage,
        matched: r.matched,
        concepts: r.concepts,
      }));
      return { terms, best: all[0]?.doc.passage.text, ranked, support: support(all, terms, question) };
    },
    ask(asked: string): AssistantAnswer {
      const question = reader.read(asked);
      const detected = detectIntent(question);
      const terms = reader.terms(question, detected?.hint ?? [], reader.placesOf(asked));
      const ranked = rank(terms, question, detected?.selfService === true);
      const conf = confidence(ranked, terms, question);

      // A topic the pages never cover ("return address") is no request for the flow it mentions.
      const beyondPages = terms.some((q) => !q.known && SCOPE_TOPICS.has(q.term));
      if (detected && !(beyondPages && detected.intent !== "talk_to_person")) {
        const url = flowUrl(detected.flow, options.portalBaseUrl, options.brandSlug);
        // The intent says what the shopper is asking about, so a passage holding nearly all of the
        // question is its policy even when the evidence is thin for a free question.
        const knownWeight = terms.reduce((sum, q) => sum + (q.known ? q.weight : 0), 0);
        const covered = knownWeight > 0 && (ranked[0]?.matched ?? 0) / knownWeight >= ACTION_CITE_COVERAGE;
        const relied = conf >= ACTION_CITE_THRESHOLD || covered ? ranked : [];
        const policy = citer.answerText(relied);
        const person = detected.intent === "talk_to_person";
        const lead = person
          ? `I'll pass you to a member of the team; you can also open a case here: ${url}`
          : `You can do this in the portal: ${url}`;
        return {
          answer: policy ? `${lead}\n\n${policy}` : lead,
          citations: citer.cite(relied),
          confidence: conf,
          // Asking for a person is answered by the pages when they say how to reach the team;
          // it is a handoff only when they do not.
          handoff: person && relied.length === 0,
          intent: detected.intent,
          action: { flow: detected.flow, url },
        };
      }
      if (conf < HANDOFF_THRESHOLD) {
        return {
          answer:
            "I'm sorry, I can't answer that from our help pages. Would you like me to pass your question to a member of the team?",
          citations: [],
          confidence: conf,
          handoff: true,
          intent: "faq",
        };
      }
      return {
        answer: citer.answerText(ranked),
        citations: citer.cite(ranked),
        confidence: conf,
        handoff: false,
        intent: "faq",
      };
    },
  };
}
