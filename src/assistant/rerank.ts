// Second-stage ranking: the first stage finds passages that share the question's concepts; this
// stage tells near-duplicates apart by where and how a passage holds them. A help page often says
// one thing twice in neighbouring paragraphs ("amendments are not always guaranteed" next to
// "cancelling is not guaranteed either"), and the passage to cite is the one whose own topic the
// question is about, not the one that merely mentions its words.
import { analyze, isGenericTerm, isNumberTerm } from "./text.ts";

/** What the re-ranker knows about one passage, computed once when the assistant is built. */
export interface PassageProfile {
  /** Terms of each sentence (a list item counts as its own sentence). */
  readonly sentences: readonly ReadonlySet<string>[];
  /** Terms of the passage's main topic: its first sentence, and its heading when that is telling. */
  readonly head: ReadonlySet<string>;
  /** Terms that occur only inside a list of things to send ("- Order Number - Phone Number"). */
  readonly listOnly: ReadonlySet<string>;
  /** The main-topic terms that name a topic (no numbers, no generic ways of asking). */
  readonly headTopical: readonly string[];
  /** Whether the passage states a rule with a negation or a condition ("do not … until", "unless"). */
  readonly rule: boolean;
}

/** A question concept as the re-ranker weighs it; mirrors the engine's query terms. */
export interface RerankTerm {
  readonly term: string;
  readonly weight: number;
  readonly alternatives: Readonly<Record<string, number>>;
}

export interface RerankFeatures {
  /** Share of the question's weight held by the passage's best single sentence. */
  readonly sentence: number;
  /**
   * The best sentence's coverage times its precision (the share of that sentence's own telling
   * weight the question asks about): one sentence about exactly the question beats words
   * scattered over a passage about something else.
   */
  readonly sentenceFocus: number;
  /** Share of the question's weight found in the passage's main topic. */
  readonly head: number;
  /** Share of the passage's main-topic weight the question does not ask about. */
  readonly headMiss: number;
  /** A yes/no question about what is allowed, and a passage stating a rule with a negation. */
  readonly rule: number;
  /** Share of the question's weight the passage holds only inside a list of things to send. */
  readonly listOnly: number;
}

export interface RerankWeights {
  readonly sentence: number;
  readonly sentenceFocus: number;
  readonly head: number;
  readonly headMiss: number;
  readonly rule: number;
  readonly listOnly: number;
}

/**
 * Set by a grid search on the development and tuning questions (eval/assistant/tune-rerank.ts).
 * The features at 0 did not help there and stay for tuning on other brands' questions.
 */
export const DEFAULT_RERANK_WEIGHTS: RerankWeights = {
  sentence: 0,
  sentenceFocus: 0,
  head: 0,
  headMiss: 0.25,
  rule: 0,
  listOnly: 0.7,
};

/** How many of the first stage's best passages the re-ranker reorders. */
export const RERANK_DEPTH = 8;

const RULE_CUE =
  /\b(?:do not|don't|cannot|can not|can't|unable to|will not be|must not|must|unless|until|only if|no longer|not (?:be )?(?:accepted|liable|responsible|refunded|credited|valid|guaranteed|eligible))\b/i;
/** "Can I…", "should I…", "is it ok to…": the shopper asks whether something is allowed. */
const YES_NO = /^(?:can|could|may|should|shall|do|does|is|are|am|will|would|must|have)\b/;
const LIST_START = /:\s*(?=(?:-|•|\d{1,2}[.)])\s)/;

/**
 * A passage's sentences and main topic. `headingTelling` says whether the heading names this
 * passage's topic; a heading every passage of a page sits under ("Contact us") says nothing.
 */
export function profilePassage(
  text: string,
  heading: string | null,
  headingTelling: boolean,
): PassageProfile {
  // A numbered step ("4. Alternatively, …") starts with its number, which is no sentence.
  const body = text.replace(/^\s*\d{1,2}[.)]\s+/, "");
  const listAt = body.search(LIST_START);
  const prose = listAt >= 0 ? body.slice(0, listAt + 1) : body;
  const list = listAt >= 0 ? body.slice(listAt + 1) : "";
  const pieces = [
    ...prose.split(/(?<=[.!?])\s+(?=\S)/),
    ...list.split(/\s(?:-|•|\d{1,2}[.)])\s/).filter((p) => p.trim() !== ""),
  ];
  const sentences = pieces.map((p) => new Set(analyze(p).map((t) => t.term)));
  const first = sentences[0] ?? new Set<string>();
  const head = new Set([...first, ...(headingTelling && heading ? analyze(heading).map((t) => t.term) : [])]);
  const proseTerms = new Set(analyze(prose).map((t) => t.term));
  const listOnly = new Set(
    analyze(list)
      .map((t) => t.term)
      .filter((t) => !proseTerms.has(t)),
  );
  const headTopical = [...head].filter((t) => !isGenericTerm(t) && !isNumberTerm(t));
  return { sentences, head, headTopical, listOnly, rule: RULE_CUE.test(text) };
}

/** How strongly a set of terms holds one question concept, directly or through a relative. */
function holds(q: RerankTerm, terms: ReadonlySet<string>): number {
  if (terms.has(q.term)) return 1;
  let best = 0;
  for (const [alt, strength] of Object.entries(q.alternatives))
    if (terms.has(alt)) best = Math.max(best, strength);
  return best;
}

export interface RerankQuestion {
  readonly terms: readonly RerankTerm[];
  /**
   * Every term the question names (1), with its relatives at their strength: how far a passage's
   * topic word is what the question asks about.
   */
  readonly asked: ReadonlyMap<string, number>;
  readonly yesNo: boolean;
  /** The question asks for a list of things to include, so list items are its answer. */
  readonly wantsList: boolean;
}

export function readQuestion(
  normalized: string,
  terms: readonly RerankTerm[],
  wantsList: boolean,
): RerankQuestion {
  const asked = new Map<string, number>();
  for (const q of terms) {
    asked.set(q.term, 1);
    for (const [alt, strength] of Object.entries(q.alternatives))
      asked.set(alt, Math.max(asked.get(alt) ?? 0, strength));
  }
  return { terms, asked, yesNo: YES_NO.test(normalized), wantsList };
}

/** Every feature on: what tools that inspect features (rather than rank) ask for. */
const ALL_FEATURES: RerankWeights = {
  sentence: 1,
  sentenceFocus: 1,
  head: 1,
  headMiss: 1,
  rule: 1,
  listOnly: 0.7,
};

/**
 * The features of one passage for one question. Features whose weight is 0 in `weights` are left
 * at 0 without being computed: answering must not pay for what the ranking ignores.
 */
export function rerankFeatures(
  question: RerankQuestion,
  profile: PassageProfile,
  idf: (term: string) => number,
  weights: RerankWeights = ALL_FEATURES,
): RerankFeatures {
  const total = question.terms.reduce((sum, q) => sum + q.weight, 0);
  if (total <= 0) return { sentence: 0, sentenceFocus: 0, head: 0, headMiss: 0, rule: 0, listOnly: 0 };
  let sentence = 0;
  let sentenceFocus = 0;
  const sentences = weights.sentence !== 0 || weights.sentenceFocus !== 0 ? profile.sentences : [];
  for (const s of sentences) {
    const held = question.terms.reduce((sum, q) => sum + q.weight * holds(q, s), 0) / total;
    sentence = Math.max(sentence, held);
    if (held === 0) continue;
    let own = 0;
    let asked = 0;
    for (const term of s) {
      if (isGenericTerm(term) || isNumberTerm(term)) continue;
      const w = idf(term);
      own += w;
      asked += w * (question.asked.get(term) ?? 0);
    }
    sentenceFocus = Math.max(sentenceFocus, own > 0 ? held * (asked / own) : 0);
  }
  const head =
    weights.head === 0
      ? 0
      : question.terms.reduce((sum, q) => sum + q.weight * holds(q, profile.head), 0) / total;
  let headWeight = 0;
  let missed = 0;
  if (weights.headMiss !== 0) {
    for (const term of profile.headTopical) {
      const w = idf(term);
      headWeight += w;
      missed += w * (1 - (question.asked.get(term) ?? 0));
    }
  }
  const listOnly =
    question.wantsList || weights.listOnly === 0
      ? 0
      : question.terms.reduce((sum, q) => sum + (profile.listOnly.has(q.term) ? q.weight : 0), 0) / total;
  return {
    sentence,
    sentenceFocus,
    head,
    headMiss: headWeight > 0 ? missed / headWeight : 0,
    rule: question.yesNo && profile.rule ? 1 : 0,
    listOnly,
  };
}

/** The re-ranker's adjustment to a passage's first-stage score. */
export function rerankBonus(f: RerankFeatures, w: RerankWeights): number {
  return (
    w.sentence * f.sentence +
    w.sentenceFocus * f.sentenceFocus +
    w.head * f.head -
    w.headMiss * f.headMiss +
    w.rule * f.rule -
    w.listOnly * f.listOnly
  );
}
