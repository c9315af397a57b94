// How the assistant reads a question for one brand: normalised, typos corrected against the words
// it knows, and turned into weighted query terms with the concepts that may stand in for each.
import type { CorpusStats } from "./corpus-stats.ts";
import { topicTerm } from "./passage-index.ts";
import { createSpellingCorrector } from "./spelling.ts";
import { CONCEPTS, PLACES, RELATED } from "./synonyms.ts";
import { analyze, isGenericTerm, isNumberTerm, isPlaceTerm, normalize, tokenize } from "./text.ts";
import type { Passage } from "./types.ts";
import { GENERIC_WORDS, STOP_WORDS } from "./vocabulary.ts";
import { buildExpansion, type Expansion, isEnglishWord, type WordNet, wordNet } from "./wordnet.ts";

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

export interface QueryReader {
  /** The question as the assistant reads it: normalised, typos corrected against known words. */
  read(question: string): string;
  /**
   * The weighted terms of a read question, plus the intent's hint words at a low weight; `places`
   * are terms the shopper named as a place (see placesOf).
   */
  terms(question: string, hint: readonly string[], places?: ReadonlySet<string>): QueryTerm[];
  /** Terms of capitalised names after "in", "to", "from": "I'm in Ghana", "shipping to Ohio". */
  placesOf(asked: string): ReadonlySet<string>;
}

/**
 * "After I've paid", "once I checked out": when the order was placed, told in the shopper's words.
 * Paying here sets the scene and is no question about payments, which the pages may not cover.
 */
const AFTER_BUYING =
  /\b(?:after|once|since|when) (?:i|we) (?:have |had |already |just )*(?:paid|payed|checked out|bought it|purchased it|paid for it)\b/g;
/** "Straight after paying", "once I checked out" without a subject: the same scene. */
const AFTER_PAYING =
  /\b(?:(?:straight|right|just) )?(?:after|once|when) (?:paying|checking out|purchasing|buying|placing (?:it|my order|the order))\b/g;
/**
 * "How many days does delivery to the US usually take": the delivery time, which many pages never
 * give; read as one topic so a page stating other durations (refunds, inspection) does not answer it.
 */
const DELIVERY_TIME =
  /\bhow (?:long|many days|many weeks|quickly|soon|fast) (?:does|will|would|do|is|should|can) (?:the |my |an |your |standard |international |a )?(?:delivery|shipping|postage|order|parcel|package)(?: (?:to|for) (?:the )?[a-z]+)? (?:usually |normally |typically |generally )?(?:take|takes|arrive|get here|be delivered|reach me)\b/g;
/** "Where is Castella based": where the company is, whatever its name. */
const WHERE_BASED = /\bwhere (?:is|are) (?!my |our |the |your )(?:[a-z]+ ){1,3}(?:based|headquartered)\b/g;
/** "How long does it normally take for an order to get to Australia": the same question. */
const TAKES_TO_ARRIVE =
  /\bhow long (?:does|will|would|should) it (?:usually |normally |typically |generally )?take (?:for )?(?:my |an |the |your |a )?(?:order|parcel|package|delivery|it) to (?:get|arrive|reach|be delivered|come)\b/g;
/**
 * "When will I hear it has shipped" asks how the shopper is told, not how many days it takes;
 * read as "how will I hear", it keeps the word "when" from asking for a duration.
 */
const HEAR_WHEN =
  /\bwhen (will|do|would|shall) (i|we) (hear|find out|know|be told|be notified|get notified)\b/g;
/** Part of an order, told in the shopper's words: "half my order", "only got 2 of the 3". */
const PARTIAL =
  /\bhalf (?:my|the|our) (?:order|items|things|stuff|clothes|parcel|package)\b|\b(?:part|half|some|rest|one|two|a few|a couple|\d+) of (?:my|the|our) (?:order|items|item|things|stuff|clothes|parcel|package)\b|\bonly (?:got|received|came|arrived|had)\b|\b\d+ (?:of|out of) (?:the |my )?\d+\b/;
/**
 * A name after "in", "to", "from" or "near" ("I'm in Ghana", "an order to Guadalajara"): a place the
 * shopper lives or ships to, whether or not the place list knows it.
 */
const NAMED_PLACE = /\b(?:in|to|from|into|near)\s+(\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)?)/gu;
const NAMED_PLACE_WEIGHT = 0.5;
/**
 * "When do I get my tracking?" asks for the event that brings it; without "how long" or a span of
 * days it is no question about durations, whose passages would otherwise win on the word "when".
 */
const WHEN_GET = /\bwhen (?:do|will|would|can|should|shall) (?:i|we) (?:get|receive|be sent|be given)\b/;
const ASKS_SPAN = /\bhow (?:long|many|soon|quickly)\b|\b(?:days?|weeks?|months?|hours?)\b/;
const EVENT_DURATION = 0.05;
/** How much "never came" still counts when the question says only part of the order did not. */
const PARTIAL_LOST = 0.3;

export function createQueryReader(
  passages: readonly Passage[],
  stats: CorpusStats,
  options: { readonly brandSlug?: string | undefined; readonly wordNet?: WordNet | false | undefined },
): QueryReader {
  const { idf } = stats;
  const known = (term: string): boolean => stats.has(term);
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
    (function* words(): Generator<string> {
      for (const p of passages) yield* normalize(`${p.heading ?? ""} ${p.text}`).split(" ");
      for (const forms of Object.values(CONCEPTS))
        for (const form of forms) yield* normalize(form).split(" ");
      yield* STOP_WORDS;
      yield* GENERIC_WORDS;
      yield* PLACES;
    })(),
    { isWord: lexicon ? (w) => isEnglishWord(w, lexicon) : undefined },
  );

  const read = (question: string): string =>
    speller
      .correct(normalize(question))
      .replace(AFTER_BUYING, "after ordering")
      .replace(AFTER_PAYING, "after ordering")
      .replace(DELIVERY_TIME, "delivery time")
      .replace(TAKES_TO_ARRIVE, "delivery time")
      .replace(WHERE_BASED, "where are you based")
      .replace(HEAR_WHEN, "how $1 $2 $3");

  function placesOf(asked: string): ReadonlySet<string> {
    const out = new Set<string>();
    for (const m of asked.matchAll(NAMED_PLACE)) {
      for (const t of analyze(m[1] ?? "")) if (!t.concept) out.add(t.term);
    }
    return out;
  }

  function terms(
    question: string,
    hint: readonly string[],
    places: ReadonlySet<string> = new Set(),
  ): QueryTerm[] {
    const seen = new Set<string>();
    const out: QueryTerm[] = [];
    for (const { term, concept, verbal } of analyze(question)) {
      if (seen.has(term) || brandTerms.has(term)) continue;
      seen.add(term);
      const inPages = known(term);
      const alternatives: Record<string, number> = {};
      for (const [alt, strength] of Object.entries(RELATED[term] ?? {})) {
        if (known(alt)) alternatives[alt] = strength;
      }
      // WordNet relatives stand in only for a word that neither the pages nor the care vocabulary
      // know: for a known word they mostly add other senses ("discount" for "refund") and blur
      // the ranking. They count as partial matches and never make the word a known topic, so a
      // question about something the pages lack still goes to a person.
      let lexicalCount = 0;
      let lexical = 0;
      if (!inPages && Object.keys(alternatives).length === 0) {
        for (const [alt, strength] of expansion.get(term) ?? []) {
          if (!known(alt)) continue;
          alternatives[alt] = strength;
          lexicalCount++;
          lexical = Math.max(lexical, strength);
        }
      }
      // A country the brand's pages never name is a question about shipping to "a country".
      // (Set after WordNet, which may already offer "country" as a loose relative: the place rule
      // is the stronger reading and makes the word known.)
      const place = !inPages && (isPlaceTerm(term) || places.has(term)) && known("country");
      if (place) alternatives.country = 0.9;
      const altWeights = Object.keys(alternatives).map(idf);
      const knownVia = altWeights.length > lexicalCount || place;
      let weight = idf(term);
      const number = isNumberTerm(term);
      // A word the pages never use that tells what happened ("snapped", "threw") rather than
      // naming a topic is how the shopper tells it, not what they ask about.
      const generic = !number && !concept && (isGenericTerm(term) || (!inPages && verbal === true));
      if (number) weight *= inPages ? 0.5 : 0.1;
      // How the shopper phrases it ("send", "forgot") ranks passages a little but is no topic.
      else if (generic) weight = inPages ? 0.3 : 0.1;
      // A word the pages never use but whose close relative they do is judged by the relative.
      else if (!inPages && knownVia) weight = Math.max(...altWeights);
      // A name the place list does not know is only probably a place: it counts for less.
      if (place && !isPlaceTerm(term)) weight *= NAMED_PLACE_WEIGHT;
      out.push({
        term,
        weight,
        alternatives,
        known: inPages || knownVia,
        topical: !number && !generic,
        lexical,
      });
    }
    // "Half my order never came": what did not come is part of an order, a missing item, not a
    // lost parcel, whatever words tell it.
    if (PARTIAL.test(question) && known("missing")) {
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
    if (WHEN_GET.test(question) && !ASKS_SPAN.test(question)) {
      for (const [i, q] of out.entries())
        if (q.term === "duration") out[i] = { ...q, weight: q.weight * EVENT_DURATION };
    }
    for (const term of hint) {
      if (seen.has(term) || !known(term)) continue;
      seen.add(term);
      out.push({ term, weight: idf(term) * 0.3, alternatives: {}, known: true, topical: false, lexical: 0 });
    }
    return out;
  }

  return { read, terms, placesOf };
}
