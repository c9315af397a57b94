// A brand's passages as the engine searches them: analysed once when the assistant is built, with
// everything answering needs per passage (term sets, positions, opening words, re-ranking profile)
// worked out here so that answering a question only looks it up.
import { type PassageProfile, profilePassage } from "./rerank.ts";
import { analyze, isGenericTerm, isNumberTerm, isPlaceTerm, type Term, tokenize } from "./text.ts";
import type { Passage } from "./types.ts";

/** "How do I…", "what should I do…": the shopper wants steps, not background. */
export const HOW_TO =
  /\b(?:how (?:do|can|should|would|could) (?:i|we)|how to|what (?:do|should|can) i do|where (?:do|can|should) i|what is the (?:best )?way to|what is the process)\b/;
/** A passage that tells the shopper what to do: "please email…", "contact our team", "you can…". */
const INSTRUCTS =
  /\b(?:please (?:email|contact|include|use|follow|go|click|allow|reach)|email us|contact (?:us|our)|you can|go to|click|use the|log ?in|send us|call us)\b/i;

/**
 * A passage that lets shoppers do it themselves ("click the button", "log into your account", "make
 * these changes yourself"), as against one that says what to send the team.
 */
const SELF_SERVICE =
  /\b(?:yourself|click(?:ing)?|log(?:ging)? ?in(?:to)?|button|go to (?:the|your) (?:order|account|\w+ page)|scroll|select the|by editing|you can (?:also )?(?:do this|make|edit|change|update|modify))\b/i;

/**
 * A passage about a case where something did not happen ("If your return does not arrive…", "If
 * we are unable to amend…"): it answers shoppers telling of that failure, not ones asking how the
 * usual course goes.
 */
const FAILED_CASE = /^(?:if|when|once|should)\b[^,.]*\b(?:not|unable|never|no longer)\b/;
/** A question that tells of something failing or going wrong. */
export const TELLS_FAILURE =
  /\b(?:not|no|never|nowhere|lost|missing|stolen|vanished|disappeared|gone|overdue|late|still|yet|unable|failed|too late|ages)\b|\bnt\b/;

/** Marks added to a passage's terms for what kind of answer it holds (not words, so never asked). */
export const ADDRESS_MARK = "#address";
export const LIST_MARK = "#list";
/** A passage that says what happens once something else has ("When your order ships, you will…"). */
export const EVENT_MARK = "#event";
const EVENT = /\b(?:when|once|as soon as|after) (?:your|you|we|the|it|our)\b[^.]*,\s*(?:you|we|it|your)\b/i;
/** A passage saying the shopper will be told by message ("you will receive a … email"). */
export const NOTICE_MARK = "#notice";
/** A passage giving a reason ("…quickly, so your order may have been dispatched", "since…"). */
export const REASON_MARK = "#reason";
const REASON =
  /\b(?:because|since these|since we|so that|therefore|due to|as a result|which means|as we are)\b|, so (?:it|its|your|we|you|the|a|an|this|that)\b/i;
const NOTICE =
  /\byou will (?:receive|get|be sent) (?:a |an )?(?:[\w-]+ ){0,3}(?:email|notification|message|text)\b/i;

/**
 * Questions that ask for a kind of answer ("how long" wants a time, "how much" an amount) prefer
 * passages that state one, whatever else they share with the question.
 */
export const ANSWER_TYPES: readonly { readonly ask: RegExp; readonly concept: string }[] = [
  {
    ask: /\b(?:how long|how many (?:days|weeks)|how soon|how quickly|when (?:will|do|does|can|should|would)|what is the (?:return )?(?:window|deadline|time limit))\b/,
    concept: "duration",
  },
  { ask: /\b(?:how much|what does it cost|is there a (?:fee|charge|cost)|is it free)\b/, concept: "fee" },
  // "Who do I email", "what address": the answer is an address to write to.
  {
    ask: /\b(?:what|which) (?:email|e mail|address)\b|\bemail address\b|\bwho (?:do|should|can|handles|deals|looks)\b|\bwhere do i (?:send|email|pitch|apply)\b/,
    concept: ADDRESS_MARK,
  },
  // "What should I include", "what info do you need": the answer is a list.
  {
    ask: /\b(?:details|info|information|documents|photos|what is) (?:needed|required)\b|\bwhat (?:info|information|details|do you need|should i (?:include|send|provide|put|give|mention)|do i (?:include|send|provide|need to (?:send|include|give|provide)))\b/,
    concept: LIST_MARK,
  },
  // "Why couldn't you change it": the answer gives a reason.
  { ask: /\b(?:why|how come|what is the reason|reason why)\b/, concept: REASON_MARK },
  // "When will I get the email": the answer may be the event it follows, not a number of days.
  {
    ask: /\bwhen (?:will|do|does|would|should) (?:i|we|you) (?:get|receive|be sent|hear)\b/,
    concept: EVENT_MARK,
  },
  // "How will I know it has shipped", "will I be told": the answer is the message that tells them.
  {
    ask: /\b(?:how (?:will|do|would|can|shall) (?:i|we) (?:know|find out|hear|be told|be notified)|when (?:will|do|would) (?:i|we) (?:hear|find out|know|be told|be notified)|will (?:i|we) (?:be told|be notified|be emailed|hear|get (?:told|notified|emailed|an email|a notification|an update|a message))|(?:will|do) you (?:let me know|tell me|notify me|email me|message me)|do (?:i|we) get (?:told|notified|an email|a notification))\b/,
    concept: NOTICE_MARK,
  },
];

export interface Indexed {
  readonly passage: Passage;
  readonly instructs: boolean;
  /** Whether it tells shoppers how to do it themselves (see SELF_SERVICE). */
  readonly selfService: boolean;
  /** Whether it is about a case where something did not happen (see FAILED_CASE). */
  readonly failedCase: boolean;
  readonly terms: readonly Term[];
  readonly text: ReadonlySet<string>;
  readonly heading: ReadonlySet<string>;
  readonly context: ReadonlySet<string>;
  readonly profile: PassageProfile;
  /** Word positions of each term, for proximity. */
  readonly positions: ReadonlyMap<string, readonly number[]>;
  /** Terms of the passage's opening words, where its topic is stated. */
  readonly opening: ReadonlySet<string>;
  /**
   * Terms the passage uses only inside a later sentence's condition ("if your card is lost or
   * cancelled, …"): there they set a case apart, and a question about them (cancelling an
   * order) is seldom about the passage.
   */
  readonly conditional: ReadonlySet<string>;
}

/** Words read as single topic terms, kept across brands: their related words are mostly shared. */
const TOPIC_TERMS = new Map<string, string | undefined>();
/** A word's term when it names a topic on its own; undefined for phrases, numbers, generic words. */
export function topicTerm(word: string): string | undefined {
  if (TOPIC_TERMS.has(word)) return TOPIC_TERMS.get(word);
  const terms = analyze(word);
  const only = terms.length === 1 ? terms[0] : undefined;
  const term = only && !isGenericTerm(only.term) && !isNumberTerm(only.term) ? only.term : undefined;
  if (TOPIC_TERMS.size < 100_000) TOPIC_TERMS.set(word, term);
  return term;
}

/** A condition opening a sentence, up to its comma: "If your card is lost or cancelled,". */
const CONDITION = /(?<=[.!?]\s+)(?:if|should|in case) [^,.]{3,80},/gi;
/**
 * A later sentence offering another way ("…we may still cancel it. Alternatively, you can return
 * your items once they arrive."): an aside to the passage's topic, counted like a condition.
 */
const ASIDE = /(?<=[.!?]\s+)alternatively,? [^.!?]{3,160}[.!?]?/gi;

/** Terms found only in the conditions of sentences after the first (see Indexed.conditional). */
function conditionalTerms(text: string): ReadonlySet<string> {
  const conditions = [...(text.match(CONDITION) ?? []), ...(text.match(ASIDE) ?? [])];
  if (conditions.length === 0) return new Set();
  const rest = new Set(analyze(text.replace(CONDITION, " ").replace(ASIDE, " ")).map((t) => t.term));
  return new Set(conditions.flatMap((c) => analyze(c).map((t) => t.term)).filter((term) => !rest.has(term)));
}

/** A sentence in which the shopper acts: "you can return … within 60 days", "tell us within 7 days". */
const SHOPPER_ACTS =
  /\b(?:you can|you may|you have|you must|must|need to|needs to|have to|has to|required to|no later than|deadline|time limit|tell us|let us know|contact us|notify us|report)\b/i;
/** A sentence in which the brand acts: "our team will inspect … within 5-10 days", "we refund within 5 days". */
const BRAND_ACTS =
  /\b(?:we|our (?:[a-z]+ ){0,2}(?:team|warehouse|department)|refunds? (?:are|is|will)|will be (?:paid|processed|issued|refunded|sent)|it may take)\b/i;

/**
 * Whether a passage's time limit binds the shopper. A span the brand works to ("our team will
 * inspect within 5-10 days", "we refund within 5 days") is how long something takes, not how
 * long the shopper has; a sentence where neither acts ("returns accepted within 14 days") is read
 * as a limit.
 */
function bindsShopper(text: string): boolean {
  return text
    .split(/(?<=[.!?:])\s+/)
    .some(
      (sentence) =>
        analyze(sentence).some((t) => t.term === "deadline") &&
        (SHOPPER_ACTS.test(sentence) || !BRAND_ACTS.test(sentence)),
    );
}

/** Analyses every passage of a brand, in order. */
export function indexPassages(passages: readonly Passage[]): Indexed[] {
  // A heading most of a document's passages sit under ("Contact us") names none of their topics.
  const headingShare = new Map<string, number>();
  const documentSize = new Map<string, number>();
  for (const p of passages) {
    documentSize.set(p.document, (documentSize.get(p.document) ?? 0) + 1);
    const key = `${p.document}\n${p.heading ?? ""}`;
    headingShare.set(key, (headingShare.get(key) ?? 0) + 1);
  }
  const headingTelling = (p: Passage): boolean =>
    p.heading !== null &&
    (headingShare.get(`${p.document}\n${p.heading}`) ?? 0) <= 0.5 * (documentSize.get(p.document) ?? 0);
  const analyzed = passages.map((p) => analyze(p.text));
  return passages.map((passage, i) => {
    const previous = passages[i - 1];
    // A passage that follows on from the one before (a list after its topic sentence) borrows
    // that sentence as weak context: "Please include the below information" is about faults
    // only because of the paragraph above it.
    const context = previous && previous.document === passage.document ? (analyzed[i - 1] ?? []) : [];
    const binding = bindsShopper(passage.text);
    const terms = (analyzed[i] ?? []).map((t) =>
      t.term === "deadline" && !binding ? { ...t, term: "duration" } : t,
    );
    // A passage naming countries ("We ship to Norway") answers questions about "a country".
    const places = terms.some((t) => isPlaceTerm(t.term)) ? ["country"] : [];
    const marks = [
      ...(/\S@\S+\.\w/.test(passage.text) ? [ADDRESS_MARK] : []),
      ...(/(?:^|\s)(?:-|\d\.)\s\S/.test(passage.text) && /:/.test(passage.text) ? [LIST_MARK] : []),
      ...(EVENT.test(passage.text) ? [EVENT_MARK] : []),
      ...(NOTICE.test(passage.text) ? [NOTICE_MARK] : []),
      ...(REASON.test(passage.text) ? [REASON_MARK] : []),
    ];
    const positions = new Map<string, number[]>();
    for (const t of terms) {
      const at = positions.get(t.term);
      if (at) at.push(t.pos);
      else positions.set(t.term, [t.pos]);
    }
    return {
      passage,
      instructs: INSTRUCTS.test(passage.text),
      selfService: SELF_SERVICE.test(passage.text),
      failedCase: FAILED_CASE.test(passage.text.toLowerCase().replace(/n['’]t\b/g, " not")),
      terms,
      positions,
      opening: new Set(terms.filter((t) => t.pos < 12).map((t) => t.term)),
      conditional: conditionalTerms(passage.text),
      text: new Set([...terms.map((t) => t.term), ...places, ...marks]),
      heading: new Set(tokenize(passage.heading ?? "")),
      context: new Set(context.map((t) => t.term)),
      profile: profilePassage(passage.text, passage.heading, headingTelling(passage)),
    };
  });
}
