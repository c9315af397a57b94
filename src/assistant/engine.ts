// The assistant for one brand: answers a shopper's question from that brand's passages only,
// citing them verbatim, and hands off to a person when the passages do not answer.
import MiniSearch from "minisearch";
import { CITE_SUPPORT, calibrate, HANDOFF_SUPPORT, NO_SUPPORT, type Support } from "./calibration.ts";
import { SCOPE_TOPICS } from "./concepts.ts";
import { detectIntent, flowUrl } from "./intents.ts";
import {
  ANSWER_TYPES,
  HOW_TO,
  type Indexed,
  indexPassages,
  LIST_MARK,
  NOTICE_MARK,
  TELLS_FAILURE,
  topicTerm,
} from "./passage-index.ts";
import {
  DEFAULT_RERANK_WEIGHTS,
  RERANK_DEPTH,
  type RerankWeights,
  readQuestion,
  rerankBonus,
  rerankFeatures,
} from "./rerank.ts";
import { createSpellingCorrector } from "./spelling.ts";
import { CONCEPTS, PLACES, RELATED } from "./synonyms.ts";
import { analyze, isGenericTerm, isNumberTerm, isPlaceTerm, normalize, tokenize } from "./text.ts";
import type { AssistantAnswer, Citation, Passage } from "./types.ts";
import { GENERIC_WORDS, STOP_WORDS } from "./vocabulary.ts";
import { buildExpansion, type Expansion, type WordNet, wordNet } from "./wordnet.ts";

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
const MAX_CITATIONS = 3;
/** A cited passage is widened with its neighbours up to this length (the citation limit is 600). */
const WIDEN_UP_TO = 600;
/** How much a passage being about the question (its focus) counts against one merely mentioning it. */
const FOCUS_WEIGHT = 0.6;
const CANDIDATES = 20;
/**
 * "After I've paid", "once I checked out": when the order was placed, told in the shopper's words.
 * Paying here sets the scene and is no question about payments, which the pages may not cover.
 */
const AFTER_BUYING =
  /\b(?:after|once|since|when) (?:i|we) (?:have |had |already |just )*(?:paid|payed|checked out|bought it|purchased it|paid for it)\b/g;
/**
 * "When will I hear it has shipped" asks how the shopper is told, not how many days it takes;
 * read as "how will I hear", it keeps the word "when" from asking for a duration.
 */
const HEAR_WHEN =
  /\bwhen (will|do|would|shall) (i|we) (hear|find out|know|be told|be notified|get notified)\b/g;
/** How much a term counts that a passage names only in a later sentence's condition. */
const CONDITIONAL_MATCH = 0.5;
/** Part of an order, told in the shopper's words: "half my order", "only got 2 of the 3". */
const PARTIAL =
  /\bhalf (?:my|the|our) (?:order|items|things|stuff|clothes|parcel|package)\b|\b(?:part|half|some|rest|one|two|a few|a couple|\d+) of (?:my|the|our) (?:order|items|item|things|stuff|clothes|parcel|package)\b|\bonly (?:got|received|came|arrived|had)\b|\b\d+ (?:of|out of) (?:the |my )?\d+\b/;
/** How much "never came" still counts when the question says only part of the order did not. */
const PARTIAL_LOST = 0.3;
/**
 * For a shopper who wants to change something themselves, a passage on doing it in the account
 * beats one listing what to send the team: the first answers them, the second is the fallback.
 */
const SELF_SERVICE_BONUS = 1;
/**
 * A passage on what to do when something failed ("if your return does not arrive") is no answer
 * to a shopper asking how the usual course goes ("once my return reaches you, how soon…").
 */
const FAILED_CASE_PENALTY = 0.6;
/** Share of passages above which a term is too common to look passages up by. */
const COMMON_SHARE = 0.5;
/** Passages from which a base counts as large enough for common terms to slow the search. */
const LARGE_BASE = 300;

export interface QueryTerm {
  readonly term: string;
  /** Importance in this brand's corpus (inverse document frequency). */
  readonly weight: number;
  /** Concepts that may stand in for it when the passage lacks the term, with how much they count. */
  readonly alternatives: Readonly<Record<string, number>>;
  /** Whether the brand's pages use the term or one of its alternatives at all. */
  readonly known: boolean;
  /** A topic word (not a number, not a generic way of asking). */
  readonly topical: boolean;
  /**
   * For a word the pages and the care vocabulary lack, the strength of its closest WordNet relative
   * the pages use (else 0). It ranks passages but does not make the word known: counting it
   * towards the pages knowing the topic cost out-of-scope handoffs on the tuning questions and
   * saved no in-scope ones.
   */
  readonly lexical: number;
}

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

  const documentFrequency = new Map<string, number>();
  for (const d of docs) {
    for (const term of new Set([...d.text, ...d.heading])) {
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
  }
  const n = Math.max(1, docs.length);
  const idfOf = new Map<string, number>();
  const idf = (term: string): number => {
    const known = idfOf.get(term);
    if (known !== undefined) return known;
    const df = documentFrequency.get(term) ?? 0;
    const value = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    // Only the brand's own terms are kept: questions bring unbounded new words.
    if (df > 0) idfOf.set(term, value);
    return value;
  };
  /** Summed weight of each passage's own terms: the denominator of its focus, fixed per passage. */
  const ownWeight = docs.map((d) => [...d.text].reduce((sum, term) => sum + idf(term), 0));
  const brandTerms = new Set(tokenize(options.brandSlug ?? ""));
  // General-English relatives of the brand's words, worked out once here so answering pays
  // nothing for them: a question's word the pages never use may still name one of their topics.
  const lexicon = options.wordNet === false ? undefined : (options.wordNet ?? wordNet());
  const expansion: Expansion = lexicon
    ? buildExpansion(
        (function* words(): Generator<string> {
          for (const p of passages) yield* normalize(`${p.heading ?? ""} ${p.text}`).split(" ");
        })(),
        topicTerm,
        lexicon,
      )
    : new Map();
  const speller = createSpellingCorrector(
    (function* known(): Generator<string> {
      for (const p of passages) yield* normalize(`${p.heading ?? ""} ${p.text}`).split(" ");
      for (const forms of Object.values(CONCEPTS))
        for (const form of forms) yield* normalize(form).split(" ");
      yield* STOP_WORDS;
      yield* GENERIC_WORDS;
      yield* PLACES;
    })(),
  );
  /** The question as the assistant reads it: normalised, typos corrected against known words. */
  const read = (question: string): string =>
    speller
      .correct(normalize(question))
      .replace(AFTER_BUYING, "after ordering")
      .replace(HEAR_WHEN, "how $1 $2 $3");

  function queryTerms(question: string, hint: readonly string[]): QueryTerm[] {
    const seen = new Set<string>();
    const out: QueryTerm[] = [];
    for (const { term, concept, verbal } of analyze(question)) {
      if (seen.has(term) || brandTerms.has(term)) continue;
      seen.add(term);
      const known = documentFrequency.has(term);
      const alternatives: Record<string, number> = {};
      for (const [alt, strength] of Object.entries(RELATED[term] ?? {})) {
        if (documentFrequency.has(alt)) alternatives[alt] = strength;
      }
      // WordNet relatives stand in only for a word that neither the pages nor the care vocabulary
      // know: for a known word they mostly add other senses ("discount" for "refund") and blur
      // the ranking. They count as partial matches and never make the word a known topic, so a
      // question about something the pages lack still goes to a person.
      let lexicalCount = 0;
      let lexical = 0;
      if (!known && Object.keys(alternatives).length === 0) {
        for (const [alt, strength] of expansion.get(term) ?? []) {
          if (!documentFrequency.has(alt)) continue;
          alternatives[alt] = strength;
          lexicalCount++;
          lexical = Math.max(lexical, strength);
        }
      }
      // A country the brand's pages never name is a question about shipping to "a country".
      // (Set after WordNet, which may already offer "country" as a loose relative: the place rule
      // is the stronger reading and makes the word known.)
      const place = !known && isPlaceTerm(term) && documentFrequency.has("country");
      if (place) alternatives.country = 0.9;
      const altWeights = Object.keys(alternatives).map(idf);
      const knownVia = altWeights.length > lexicalCount || place;
      let weight = idf(term);
      const number = isNumberTerm(term);
      // A word the pages never use that tells what happened ("snapped", "threw") rather than
      // naming a topic is how the shopper tells it, not what they ask about.
      const generic = !number && !concept && (isGenericTerm(term) || (!known && verbal === true));
      if (number) weight *= known ? 0.5 : 0.1;
      // How the shopper phrases it ("send", "forgot") ranks passages a little but is no topic.
      else if (generic) weight = known ? 0.3 : 0.1;
      // A word the pages never use but whose close relative they do is judged by the relative.
      else if (!known && knownVia) weight = Math.max(...altWeights);
      out.push({
        term,
        weight,
        alternatives,
        known: known || knownVia,
        topical: !number && !generic,
        lexical,
      });
    }
    // "Half my order never came": what did not come is part of an order, a missing item, not a
    // lost parcel, whatever words tell it.
    if (PARTIAL.test(question) && documentFrequency.has("missing")) {
      for (const [i, q] of out.entries())
        if (q.term === "lost") out[i] = { ...q, weight: q.weight * PARTIAL_LOST };
      if (!seen.has("missing")) {
        seen.add("missing");
        out.push({
          term: "missing",
          weight: idf("missing"),
          alternatives: {},
          known: true,
          topical: true,
          lexical: 0,
        });
      }
    }
    for (const term of hint) {
      if (seen.has(term) || !documentFrequency.has(term)) continue;
      seen.add(term);
      out.push({ term, weight: idf(term) * 0.3, alternatives: {}, known: true, topical: false, lexical: 0 });
    }
    return out;
  }

  /** How well a passage holds a query concept: in its text, heading, neighbour, or via a relative. */
  function match(q: QueryTerm, d: Indexed): number {
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
  function lead(terms: readonly QueryTerm[], d: Indexed, total: number): number {
    const found = terms.reduce((sum, q) => sum + (d.opening.has(q.term) ? q.weight : 0), 0);
    return total > 0 ? found / total : 0;
  }

  /**
   * Share of the passage's own telling words the question accounts for: of two passages that hold
   * the question equally, the one that is about it ("do not return until approved") beats the one
   * that mentions it among other matters.
   */
  function focus(weights: ReadonlyMap<string, number>, d: Indexed, own: number): number {
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
  function opensOnQuestion(terms: readonly QueryTerm[], d: Indexed): boolean {
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
  function proximity(terms: readonly QueryTerm[], d: Indexed): number {
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
        : [...weights.keys()].filter((t) => (documentFrequency.get(t) ?? 0) <= COMMON_SHARE * n);
    const hits = search.search(
      { queries: telling.length > 0 ? telling : [...weights.keys()], combineWith: "OR" },
      { tokenize: (s) => [s], boostTerm: (term) => weights.get(term) ?? 1 },
    );
    const top = hits[0]?.score ?? 0;
    const total = terms.reduce((sum, q) => sum + q.weight, 0);
    const ranked: Ranked[] = [];
    for (const hit of hits.slice(0, CANDIDATES)) {
      const id = Number(hit.id);
      const doc = docs[id];
      if (!doc) continue;
      const covered = terms.reduce((sum, q) => sum + q.weight * match(q, doc), 0);
      const coverage = total > 0 ? covered / total : 0;
      const headingHits = terms.filter((q) => doc.heading.has(q.term)).length / terms.length;
      const score =
        2 * coverage +
        0.35 * (top > 0 ? hit.score / top : 0) +
        0.15 * proximity(terms, doc) +
        0.25 * headingHits +
        0.3 * lead(terms, doc, total) +
        (howTo && doc.instructs ? 0.4 : 0) +
        (doItYourself && !failure && doc.selfService ? SELF_SERVICE_BONUS : 0) -
        (doc.failedCase && !failure && opensOnQuestion(terms, doc) ? FAILED_CASE_PENALTY : 0) +
        (wanted.some((c) => doc.text.has(c)) ? 0.35 : 0) +
        FOCUS_WEIGHT * focus(weights, doc, ownWeight[id] ?? 0);
      const concepts = terms.filter((q) => q.topical && match(q, doc) >= 0.5).length;
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
   * Confidence is the weakest of three pieces of evidence, each a margin turned into 0..1:
   * - the pages know the question's topic: when half of its topical weight is words the brand's
   *   pages never use ("gift card", "klarna"), they do not answer it, however well the rest
   *   ("order", "pay") matches; one stray word ("expired", "doorstep") next to known concepts
   *   does not sink a question;
   * - the best passage holds most of what the pages do know of the question;
   * - that passage holds telling evidence, not only common words ("clothes", "made").
   */
  function support(ranked: readonly Ranked[], terms: readonly QueryTerm[]): Support {
    const best = ranked[0];
    const second = ranked[1];
    const margin = best ? best.score - (second?.score ?? 0) : 0;
    const total = terms.reduce((sum, q) => sum + q.weight, 0);
    const unknown = terms.filter((q) => q.topical && !q.known).reduce((sum, q) => sum + q.weight, 0);
    if (!best || total <= 0 || unknown >= total) return { raw: NO_SUPPORT, margin };
    // A shopping topic the brand's pages never name ("gift card", "klarna") is theirs to answer
    // only by a person, whatever else of the question matches.
    if (terms.some((q) => !q.known && SCOPE_TOPICS.has(q.term))) return { raw: NO_SUPPORT, margin };
    const unknownShare = unknown / total;
    const knownCoverage = best.matched / (total - unknown);
    const raw = Math.min(
      12 * (UNKNOWN_TOPIC_LIMIT - unknownShare),
      8 * (knownCoverage - KNOWN_COVERAGE_FLOOR),
      4 * (best.matched - EVIDENCE_FLOOR * idf("")),
    );
    return { raw, margin };
  }

  const confidence = (ranked: readonly Ranked[], terms: readonly QueryTerm[]): number =>
    calibrate(support(ranked, terms));

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

  function cite(ranked: readonly Ranked[]): Citation[] {
    const best = ranked[0];
    if (!best) return [];
    const scores = new Map(ranked.map((r) => [r.doc.passage, r.score]));
    const shown = new Set<Passage>();
    const out: Citation[] = [];
    for (const r of ranked.filter((x) => x.coverage >= best.coverage * 0.6)) {
      if (out.length >= MAX_CITATIONS) break;
      if (shown.has(r.doc.passage)) continue;
      const { text, parts } = widen(r.doc.passage, scores);
      for (const p of parts) shown.add(p);
      out.push({ document: r.doc.passage.document, text });
    }
    return out;
  }

  function answerText(ranked: readonly Ranked[]): string {
    const best = ranked[0];
    if (!best) return "";
    const p = best.doc.passage;
    // A lead-in sentence ("There are 4 options…") reads badly alone; add what follows it.
    const next = docs.find((d) => d.passage.document === p.document && d.passage.position === p.position + 1);
    return next && (p.text.endsWith(":") || p.text.length < 90) ? `${p.text} ${next.passage.text}` : p.text;
  }

  return {
    explain(asked: string): Explanation {
      const question = read(asked);
      const detected = detectIntent(question);
      const terms = queryTerms(question, detected?.hint ?? []);
      const all = rank(terms, question, detected?.selfService === true);
      const ranked = all.slice(0, 3).map((r) => ({
        text: r.doc.passage.text.slice(0, 90),
        score: r.score,
        coverage: r.coverage,
        matched: r.matched,
        concepts: r.concepts,
      }));
      return { terms, best: all[0]?.doc.passage.text, ranked, support: support(all, terms) };
    },
    ask(asked: string): AssistantAnswer {
      const question = read(asked);
      const detected = detectIntent(question);
      const terms = queryTerms(question, detected?.hint ?? []);
      const ranked = rank(terms, question, detected?.selfService === true);
      const conf = confidence(ranked, terms);

      if (detected) {
        const url = flowUrl(detected.flow, options.portalBaseUrl, options.brandSlug);
        // The intent says what the shopper is asking about, so a passage holding nearly all of the
        // question is its policy even when the evidence is thin for a free question.
        const knownWeight = terms.reduce((sum, q) => sum + (q.known ? q.weight : 0), 0);
        const covered = knownWeight > 0 && (ranked[0]?.matched ?? 0) / knownWeight >= ACTION_CITE_COVERAGE;
        const relied = conf >= ACTION_CITE_THRESHOLD || covered ? ranked : [];
        const policy = answerText(relied);
        const person = detected.intent === "talk_to_person";
        const lead = person
          ? `I'll pass you to a member of the team; you can also open a case here: ${url}`
          : `You can do this in the portal: ${url}`;
        return {
          answer: policy ? `${lead}\n\n${policy}` : lead,
          citations: cite(relied),
          confidence: conf,
          handoff: person,
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
        answer: answerText(ranked),
        citations: cite(ranked),
        confidence: conf,
        handoff: false,
        intent: "faq",
      };
    },
  };
}
