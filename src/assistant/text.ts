// Question and passage analysis shared by indexing and search, so a shopper's wording and a
// brand's wording meet on the same terms: normalised, stemmed, stop-words dropped, synonyms
// folded onto concepts.
import { stemmer } from "stemmer";
import { IRREGULAR_VERBS } from "./irregular-verbs.ts";
import { CONCEPTS, PLACES, SPELLING } from "./synonyms.ts";
import { GENERIC_WORDS, STOP_WORDS } from "./vocabulary.ts";

/** Concept of each single surface word, and of each multi-word phrase (joined by spaces). */
const PHRASES = new Map<string, string>();
const STEMS = new Map<string, string>();
/** Longest phrase starting with each word: most words start none, so analysis skips the lookups. */
const LONGEST_FROM = new Map<string, number>();
for (const [concept, forms] of Object.entries(CONCEPTS)) {
  for (const form of forms) {
    const key = normalize(form);
    const words = key.split(" ");
    const length = words.length;
    const first = words[0] ?? "";
    LONGEST_FROM.set(first, Math.max(LONGEST_FROM.get(first) ?? 0, length));
    if (!PHRASES.has(key)) PHRASES.set(key, concept);
    if (length === 1 && !STEMS.has(stemmer(key))) STEMS.set(stemmer(key), concept);
  }
}
// Places by word and by stem: a question's terms are stems ("norway" reads as "norwai").
const PLACE_SET = new Set(PLACES.flatMap((p) => [p, stemmer(p)]));
const GENERIC_STEMS = new Set(GENERIC_WORDS.map((w) => stemmer(w)));

/** Things whose getting back means they arrived, not money returned. */
const RECEIVED_THINGS: ReadonlySet<string> = new Set(["return", "parcel", "item", "order", "packaging"]);

/** Who a reply goes to: "get back to me". */
const REPLY_TO: ReadonlySet<string> = new Set(["me", "you", "us", "them"]);
/** How many words may stand between such a verb and "back": "post my broken item straight back". */
const BACK_REACH = 5;
/** Verbs that mean "return" when "back" follows within a few words: "send the dress back". */
const BACK_VERBS: Readonly<Record<string, string>> = {
  send: "return",
  sent: "return",
  sending: "return",
  post: "return",
  posted: "return",
  ship: "return",
  mail: "return",
  bring: "return",
  take: "return",
  give: "return",
  get: "refund",
  getting: "refund",
  got: "refund",
};

/**
 * Lower-case, strip accents, expand contractions ("can't" → "can not") and fold British
 * spellings, leaving words separated by single spaces.
 */
export function normalize(text: string): string {
  const lowered = text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[‘’`´]/g, "'")
    .replace(/\bcan't\b|\bcannot\b/g, "can not")
    .replace(/\bwon't\b/g, "will not")
    .replace(/\bshan't\b/g, "shall not")
    .replace(/\bain't\b/g, "is not")
    .replace(/n't\b/g, " not")
    .replace(/'re\b/g, " are")
    .replace(/'ve\b/g, " have")
    .replace(/'ll\b/g, " will")
    .replace(/'m\b/g, " am")
    .replace(/'d\b/g, " would")
    .replace(/\b(where|what|how|who|it|that|there|here)'s\b/g, "$1 is")
    .replace(/'s\b/g, " s");
  // Shoppers often drop the apostrophe ("cant", "wasnt", "dont"): read them as the full forms.
  const unpunctuated = lowered
    .replace(/\b(what|where|there|that|how|who|he|she)s\b/g, "$1 is")
    .replace(/\b((?:some|every|any|no)(?:one|body))s\b/g, "$1 s")
    .replace(/\bim\b/g, "i am")
    .replace(/\bive\b/g, "i have")
    .replace(
      /\b(you|they|we)(re|ve)\b/g,
      (_m, who: string, verb: string) => `${who} ${verb === "re" ? "are" : "have"}`,
    )
    .replace(/\bwont\b/g, "will not")
    .replace(/\bcant\b/g, "can not")
    .replace(/\b(is|was|were|are|do|does|did|has|have|had|could|would|should|need|must)nt\b/g, "$1 not");
  return unpunctuated
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "")
    .map((w) => SPELLING[w] ?? w)
    .join(" ");
}

/** What follows "within" when it sets a time limit: a number or a span of time. */
const TIME_AHEAD =
  /^(?:\S+ )?(?:\d|a |an |one |two |three |five |seven |ten |fourteen |thirty )?(?:\d|hours?|days?|weeks?|months?|years?|the (?:allocated |return )?(?:time|period|window))/;

/** An analysed term and its word position, used for proximity. */
export interface Term {
  readonly term: string;
  readonly pos: number;
  /** Whether the term is a concept from the synonym table rather than a plain word stem. */
  readonly concept: boolean;
  /**
   * Whether the shopper's word reads as a verb or adverb form ("snapped", "binning", "quickly",
   * "threw"): it tells what happened, while a topic the pages lack is named by a noun.
   */
  readonly verbal?: boolean;
}

/** Irregular past forms and particles common in shoppers' accounts of what happened. */
const VERBAL_WORDS = new Set(
  (
    "threw thrown throw tore torn broke bought brought caught fell fallen forgot lost left got gave " +
    "took taken wore worn cut put ran sent spent split stuck tore went came away back again once twice " +
    "accidentally already basically completely just literally mistakenly properly totally"
  ).split(" "),
);
const isVerbal = (word: string): boolean =>
  VERBAL_WORDS.has(word) || (word.length > 4 && /(?:ed|ing|ly)$/.test(word));

/** Numbers written as words, as shoppers tell them ("ten minutes ago"). */
const NUMBER_WORDS = new Set(
  "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred".split(
    " ",
  ),
);
export const isNumberTerm = (term: string): boolean => /^\d+$/.test(term) || NUMBER_WORDS.has(term);
export const isPlaceTerm = (term: string): boolean => PLACE_SET.has(term);
export const isGenericTerm = (term: string): boolean => GENERIC_STEMS.has(term);

interface WordReading {
  readonly term: string;
  readonly concept: boolean;
  readonly verbal: boolean;
}
/** Words recur across passages and questions; stemming each once keeps indexing cheap. */
const READINGS = new Map<string, WordReading>();

function readWord(word: string): WordReading {
  const known = READINGS.get(word);
  if (known) return known;
  const stem = stemmer(IRREGULAR_VERBS.get(word) ?? word);
  // The stemmer folds an agent noun onto its root ("customers" → "custom"), which would make a
  // shopper a customs matter; such a word keeps its own term unless the table lists it.
  const agent = /ers?$/.test(word) && !stem.endsWith("er") && STEMS.has(stem);
  const concept = agent ? undefined : STEMS.get(stem);
  const reading = {
    term: concept ?? (agent ? word.replace(/s$/, "") : stem),
    concept: concept !== undefined,
    verbal: isVerbal(word),
  };
  // Bounded, so a long-running server fed odd words cannot grow it without end.
  if (READINGS.size < 50_000) READINGS.set(word, reading);
  return reading;
}

/** Concept terms of a text, in order, with stop-words removed. */
export function analyze(text: string): Term[] {
  const words = normalize(text).split(" ");
  const terms: Term[] = [];
  let i = 0;
  while (i < words.length) {
    const back = BACK_VERBS[words[i] ?? ""];
    const backAt = back ? words.indexOf("back", i + 1) : -1;
    // "Get back to me" is a reply, not money or a parcel coming back.
    if (
      back === "refund" &&
      backAt === i + 1 &&
      words[backAt + 1] === "to" &&
      REPLY_TO.has(words[backAt + 2] ?? "")
    ) {
      terms.push({ term: "contact", pos: i, concept: true });
      i = backAt + 3;
      continue;
    }
    // "Got to send something back": the nearer verb ("send") owns the particle.
    const inner = back ? words.slice(i + 1, backAt).some((w) => BACK_VERBS[w] !== undefined) : false;
    if (back && backAt > i && backAt <= i + BACK_REACH && !inner) {
      // The particle stays with the words before it, so "postage back" still reads as a phrase.
      const between = analyze(words.slice(i + 1, backAt + 1).join(" ")).filter((t) => t.term !== "back");
      // "Got my money back" is a refund; "you've got my return back" is the parcel arriving.
      const arrived = back === "refund" && between.some((t) => RECEIVED_THINGS.has(t.term));
      terms.push({ term: arrived ? "deliver" : back, pos: i, concept: true });
      // Keep the words between verb and particle ("send the dress back"), drop the particle.
      terms.push(...between.map((t) => ({ ...t, pos: t.pos + i + 1 })));
      i = backAt + 1;
      continue;
    }
    // "Within 14 days" is a time limit; "within your confirmation email" is only a place.
    if (words[i] === "within" && !TIME_AHEAD.test(words.slice(i + 1, i + 4).join(" "))) {
      i++;
      continue;
    }
    let matched = false;
    for (
      let len = Math.min(LONGEST_FROM.get(words[i] ?? "") ?? 0, words.length - i);
      len >= 1 && !matched;
      len--
    ) {
      const concept = PHRASES.get(words.slice(i, i + len).join(" "));
      if (concept !== undefined) {
        if (concept !== "") terms.push({ term: concept, pos: i, concept: true });
        i += len;
        matched = true;
      }
    }
    if (matched) continue;
    const word = words[i] ?? "";
    i++;
    if (word === "" || STOP_WORDS.has(word)) continue;
    const read = readWord(word);
    terms.push({ term: read.term, pos: i - 1, concept: read.concept, verbal: read.verbal });
  }
  return terms;
}

/** Just the terms, as MiniSearch's tokenizer wants them. */
export const tokenize = (text: string): string[] => analyze(text).map((t) => t.term);
