// Retrieval that knows no store: BM25F over a brand's passages, with the article title and the
// section heading as fields of their own, and answer selection at the level of sentences. Words
// are read as general English (stop-words dropped, Porter stems); a shopper's typo is read as the
// nearest word of the store's own pages; a word the pages never use stands for its WordNet
// relatives that they do use ("couch" → "sofa").
import { stemmer } from "stemmer";
import { IRREGULAR_VERBS } from "./irregular-verbs.ts";
import { createSpellingCorrector } from "./spelling.ts";
import { analyze, normalize } from "./text.ts";
import type { Passage } from "./types.ts";
import { GENERIC_WORDS, PARTICLES, STOP_WORDS } from "./vocabulary.ts";
import {
  containingPlaces,
  definingWords,
  isEnglishWord,
  isName,
  relatedWords,
  type WordNet,
} from "./wordnet.ts";

/** BM25 saturation and length normalisation. */
const K1 = 1.2;
const B = 0.6;
/** Field weights: a heading names the passage's topic; an article title covers many passages. */
const FIELD_WEIGHT = { text: 1, heading: 1.4, title: 0.5 } as const;
/** How much a WordNet relative counts against the word itself, at most. */
const RELATIVE_SHARE = 0.7;
/**
 * How much a relative of a word the pages do use counts, against a relative of a word they lack.
 * 30 tuning stores, round ten: pass@1 1122 → 1129 of 1432 at 0.5 (1128–1130 from 0.3 to 1; every
 * fifth of the stores gains), answerable handed off unchanged, out-of-scope handed off 293 → 292.
 */
const KNOWN_RELATIVE_SHARE = 0.5;
/** How much a larger place the pages name stands for a named place inside it (a kind of "narrower"). */
const PLACE_STRENGTH = 0.6;
/**
 * How much a word defining a question's word counts for it ("postage": "the charge for mailing
 * something"), against a synonym's 0.6: definitions are general. 36 tuning stores, round twelve:
 * 0.3 gains first passages, the first three and handoffs both ways; 0.4 and more hand off
 * out-of-scope questions less.
 */
const GLOSS_STRENGTH = 0.3;
/** How much a question word counts for a word of the pages it helps define (see `definedBy`). */
const GLOSS_REVERSE_STRENGTH = 0.45;

const GENERIC = new Set(GENERIC_WORDS);
const GENERIC_STEMS = new Set(GENERIC_WORDS.map((w) => stemmer(w)));
/** Numbers and counting words say how many, not what about. */
const NUMBER_WORDS =
  /^(?:\d+(?:st|nd|rd|th)?|one|two|three|four|five|six|seven|eight|nine|ten|once|twice|first|second|third|half|several|few)$/;

/** Days of the week, as stems: a day asked about is what is asked ("do you deliver on Sundays?"). */
const WEEKDAY_STEMS: ReadonlySet<string> = new Set(
  ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].map((d) => stemmer(d)),
);

/** The words of a text as the index reads them: lower-case, contractions expanded, no stop-words. */
export function words(text: string): string[] {
  return normalize(text)
    .split(" ")
    .filter((w) => w !== "" && !STOP_WORDS.has(w));
}

const STEMS = new Map<string, string>();
/** A word's Porter stem; an irregular verb form is stemmed as its base ("paid" as "pay", "bought" as "buy"). */
export function stem(word: string): string {
  let s = STEMS.get(word);
  if (s === undefined) {
    s = /^\d/.test(word) ? word : stemmer(IRREGULAR_VERBS.get(word) ?? word);
    if (STEMS.size < 100_000) STEMS.set(word, s);
  }
  return s;
}

/** One sentence of a passage, with its stems. */
/**
 * The general post-purchase vocabulary's concepts a text names ("money back" → refund, "parcel" →
 * package), as index tokens of their own ("@refund") beside the words' stems.
 */
const NO_CONCEPTS = process.env.AFTERCARE_NO_CONCEPTS === "1";
export function concepts(text: string): string[] {
  if (NO_CONCEPTS) return [];
  return analyze(text)
    .filter((t) => t.concept)
    .map((t) => `@${t.term}`);
}

export interface Sentence {
  readonly text: string;
  readonly stems: ReadonlySet<string>;
}

export interface IndexedPassage {
  readonly passage: Passage;
  readonly id: number;
  readonly tf: ReadonlyMap<string, number>;
  readonly heading: ReadonlySet<string>;
  readonly title: ReadonlySet<string>;
  readonly length: number;
  readonly sentences: readonly Sentence[];
}

/** A question term: its stem, how telling it is in this store, and stems that may stand in for it. */
export interface QueryTerm {
  readonly word: string;
  readonly stem: string;
  readonly idf: number;
  /** Whether the store's pages use the word (or, corrected, the word it was read as). */
  readonly known: boolean;
  /**
   * Stems of the pages' words related to it in WordNet, with how much each counts (0..1); weaker for
   * a word the pages use themselves (see KNOWN_RELATIVE_SHARE).
   */
  readonly relatives: ReadonlyMap<string, number>;
  /** General wording ("send", "problem"): ranks passages, but says little of the topic. */
  readonly generic: boolean;
}

export interface Scored {
  readonly doc: IndexedPassage;
  readonly score: number;
  /** Share of the question's weight the passage holds (text, heading or title). */
  readonly coverage: number;
  /** The sentence that answers best, and its share of the question's weight. */
  readonly sentence: Sentence | undefined;
  readonly sentenceCoverage: number;
  /**
   * Share of the telling weight of the passage's heading (without one, its article title) that the
   * question asks about; 1 when neither has a telling word.
   */
  readonly headingPrecision: number;
  /** Share of the question's weight its heading or article title holds. */
  readonly headingCoverage: number;
  /** Share of the question's weight its first sentence holds. */
  readonly leadCoverage: number;
  /** Share of the telling weight of the answering sentence the question asks about. */
  readonly sentencePrecision: number;
  /** Share of the telling weight of the whole passage the question asks about. */
  readonly precision: number;
}

export interface Index {
  readonly docs: readonly IndexedPassage[];
  /** Reads a question into terms: typos corrected against the pages, relatives looked up. */
  terms(question: string): QueryTerm[];
  /** Every passage holding any of the terms, best first. */
  rank(terms: readonly QueryTerm[]): Scored[];
  /** Inverse document frequency of a stem (of a stem no passage holds, for an unknown word). */
  idf(stem: string): number;
  /** The pages' stems related to a word in WordNet, with how much each counts (0..1). */
  relatives(word: string): ReadonlyMap<string, number>;
}

const SENTENCE_END = /(?<=[.!?])\s+(?=["'“(]?[\p{Lu}\d$])/u;

export function splitSentences(text: string): string[] {
  return text.split(SENTENCE_END).filter((s) => s.trim() !== "");
}

/**
 * Words the pages write with a hyphen, also as one word ("e-bikes" → "ebikes", "WD-40" → "wd40"), as
 * shoppers often type them.
 */
export function hyphenJoined(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/\b([a-z0-9]+)-([a-z0-9]+)\b/g)) out.push(`${m[1]}${m[2]}`);
  return out;
}

const tokens = (text: string): string[] => [...words(text), ...hyphenJoined(text)];

export function buildIndex(passages: readonly Passage[], wordNet: WordNet | false): Index {
  const docs: IndexedPassage[] = passages.map((passage, id) => {
    const stems = [...tokens(passage.text).map(stem), ...concepts(passage.text)];
    const tf = new Map<string, number>();
    for (const s of stems) tf.set(s, (tf.get(s) ?? 0) + 1);
    const heading = passage.heading && passage.heading !== passage.title ? passage.heading : "";
    return {
      passage,
      id,
      tf,
      heading: new Set([...tokens(heading).map(stem), ...concepts(heading)]),
      title: new Set(tokens(passage.title ?? passage.heading ?? "").map(stem)),
      length: stems.length,
      sentences: splitSentences(passage.text).map((text) => ({
        text,
        stems: new Set([...tokens(text).map(stem), ...concepts(text)]),
      })),
    };
  });
  const n = Math.max(1, docs.length);
  const avgLength = docs.reduce((sum, d) => sum + d.length, 0) / n || 1;
  const df = new Map<string, number>();
  const vocabulary = new Set<string>();
  for (const d of docs) {
    for (const s of new Set([...d.tf.keys(), ...d.heading, ...d.title])) df.set(s, (df.get(s) ?? 0) + 1);
    for (const w of tokens(`${d.passage.title ?? ""} ${d.passage.heading ?? ""} ${d.passage.text}`))
      vocabulary.add(w);
  }
  const postings = new Map<string, number[]>();
  for (const d of docs) {
    for (const s of new Set([...d.tf.keys(), ...d.heading, ...d.title])) {
      const list = postings.get(s) ?? [];
      list.push(d.id);
      postings.set(s, list);
    }
  }
  const idf = (s: string): number => {
    const f = df.get(s) ?? 0;
    return Math.log(1 + (n - f + 0.5) / (f + 0.5));
  };
  const speller = createSpellingCorrector([...vocabulary, ...STOP_WORDS], {
    isWord: wordNet ? (w) => isEnglishWord(w, wordNet) : undefined,
  });
  /**
   * A word the pages use may be put another way in the passage that answers it ("phone" in a
   * question, "call" in the answer): its WordNet relatives the pages use count in ranking too, at
   * KNOWN_RELATIVE_SHARE of a relative's weight for a word the pages lack.
   */
  const knownRelativesCache = new Map<string, ReadonlyMap<string, number>>();
  /**
   * A day of the week the pages do not name is answered by the days they do name ("Monday to
   * Thursday" answers "on a Friday?", "seven days a week" "on Sundays?"); pages naming no day and
   * no week do not say, and the question is handed off. A day the pages name elsewhere ("baked on
   * Mondays") is answered by a passage naming other days too ("on Sundays or Mondays?" by "Tuesday
   * to Saturday").
   */
  const weekdays = new Map<string, ReadonlyMap<string, number>>();
  function weekdayRelatives(own: string): ReadonlyMap<string, number> {
    let out = weekdays.get(own);
    if (!out) {
      out = new Map(
        [...WEEKDAY_STEMS, "weekend", "week"].filter((d) => d !== own && df.has(d)).map((d) => [d, 1]),
      );
      weekdays.set(own, out);
    }
    return out;
  }
  function knownRelatives(word: string): ReadonlyMap<string, number> {
    const cached = knownRelativesCache.get(word);
    if (cached) return cached;
    const out = new Map<string, number>();
    for (const [r, strength] of relatives(word)) out.set(r, KNOWN_RELATIVE_SHARE * strength);
    if (knownRelativesCache.size < 20_000) knownRelativesCache.set(word, out);
    return out;
  }
  /** Stem of a word defining some of the pages' words → those words' stems (built on first use). */
  let definitions: Map<string, Map<string, number>> | undefined;
  function definedBy(): ReadonlyMap<string, ReadonlyMap<string, number>> {
    if (definitions) return definitions;
    definitions = new Map();
    if (!wordNet) return definitions;
    for (const v of vocabulary) {
      if (v.length < 3 || /\d/.test(v) || STOP_WORDS.has(v) || GENERIC.has(v)) continue;
      for (const w of definingWords(v, wordNet)) {
        if (STOP_WORDS.has(w) || GENERIC.has(w)) continue;
        const key = stem(w);
        const targets = definitions.get(key) ?? new Map<string, number>();
        targets.set(stem(v), GLOSS_REVERSE_STRENGTH);
        definitions.set(key, targets);
      }
    }
    return definitions;
  }
  const relativesCache = new Map<string, ReadonlyMap<string, number>>();
  function relatives(word: string): ReadonlyMap<string, number> {
    const cached = relativesCache.get(word);
    if (cached) return cached;
    if (WEEKDAY_STEMS.has(stem(word))) return weekdayRelatives(stem(word));
    const out = new Map<string, number>();
    const own = stem(word);
    /** Each page word counts once, by its strongest link to the question's word. */
    const keep = (s: string, strength: number) => {
      if (strength > (out.get(s) ?? 0)) out.set(s, strength);
    };
    if (wordNet) {
      for (const r of relatedWords(word, wordNet)) {
        const s = stem(r.word);
        if (df.has(s) && s !== own) keep(s, RELATIVE_SHARE * r.strength);
      }
      // The words defining it, weakly: "postage" is "the charge for mailing something".
      for (const w of definingWords(word, wordNet)) {
        const s = stem(w);
        if (df.has(s) && s !== own && !STOP_WORDS.has(w) && !GENERIC.has(w))
          keep(s, RELATIVE_SHARE * GLOSS_STRENGTH);
      }
      // The pages' words it defines, as weakly: "mail" defines the pages' "delivery" ("the act of
      // delivering or distributing something (as goods or mail)").
      for (const [s, strength] of definedBy().get(own) ?? [])
        if (s !== own) keep(s, RELATIVE_SHARE * strength);
      // A place the pages never name lies in one they may ("alaska" in the "us" they ship to).
      for (const place of containingPlaces(word, wordNet)) {
        const s = stem(place);
        if (df.has(s) && !STOP_WORDS.has(place)) keep(s, RELATIVE_SHARE * PLACE_STRENGTH);
      }
    }
    if (relativesCache.size < 20_000) relativesCache.set(word, out);
    return out;
  }

  /**
   * A word the pages lack that starts a longer word of theirs ("mattres" → "mattresses", "sign" →
   * "signature"), when only one stem of theirs starts so; four letters at least (five until round
   * nine; four: 27 tuning stores pass@1 1000 → 1003 of 1244, answerable handed off 60 → 59).
   */
  const byPrefix = new Map<string, string | null>();
  function completes(word: string): string | undefined {
    if (word.length < 4) return undefined;
    if (!byPrefix.has(word)) {
      const found = [...vocabulary].filter((v) => v.length > word.length && v.startsWith(word));
      const stems = new Set(found.map(stem));
      byPrefix.set(word, stems.size === 1 ? (found[0] ?? null) : null);
    }
    return byPrefix.get(word) ?? undefined;
  }

  /**
   * A word the pages lack that is two of their words run together ("wishlists" for "wish list",
   * "giftcard"), as its two words; each part at least 3 letters and not a stop word. A real
   * English word ("passport", "carpet") is never split.
   */
  function splitsInto(word: string): [string, string] | undefined {
    if (word.length < 7 || /\d/.test(word) || (wordNet && isEnglishWord(word, wordNet))) return undefined;
    for (let i = 3; i <= word.length - 3; i++) {
      const a = word.slice(0, i);
      const b = word.slice(i);
      if (STOP_WORDS.has(a) || STOP_WORDS.has(b)) continue;
      if (df.has(stem(a)) && df.has(stem(b))) return [a, b];
    }
    return undefined;
  }

  /**
   * A word the pages lack that shortens two of their words that stand together, by the start of each
   * ("amex" for "American Express", "fedex" for "Federal Express"): as those two words. Each start at
   * least two letters; an English word that is not a name is never read so, and only one pair may fit.
   */
  let pairs: Set<string> | undefined;
  function shortens(word: string): [string, string] | undefined {
    if (word.length < 4 || word.length > 8 || /\d/.test(word)) return undefined;
    if (wordNet && isEnglishWord(word, wordNet) && !isName(word, wordNet)) return undefined;
    if (!pairs) {
      pairs = new Set();
      for (const d of docs) {
        const ws = normalize(`${d.passage.heading ?? ""} ${d.passage.text}`).split(" ");
        for (let i = 0; i + 1 < ws.length; i++) {
          const a = ws[i] ?? "";
          const b = ws[i + 1] ?? "";
          if (a.length >= 3 && b.length >= 3 && !STOP_WORDS.has(a) && !STOP_WORDS.has(b) && !/\d/.test(a + b))
            pairs.add(`${a} ${b}`);
        }
      }
    }
    const found: [string, string][] = [];
    for (const pair of pairs) {
      const [a = "", b = ""] = pair.split(" ");
      if (a[0] !== word[0]) continue;
      for (let i = 2; i <= Math.min(a.length, word.length - 2); i++) {
        if (!a.startsWith(word.slice(0, i))) break;
        const rest = word.slice(i);
        if (b.startsWith(rest)) found.push([a, b]);
      }
    }
    const distinct = new Set(found.map(([a, b]) => `${stem(a)} ${stem(b)}`));
    return distinct.size === 1 ? found[0] : undefined;
  }

  function terms(question: string): QueryTerm[] {
    const corrected = speller.correct(normalize(question));
    const seen = new Set<string>();
    const out: QueryTerm[] = [];
    const all = normalize(corrected).split(" ");
    const read = NO_CONCEPTS ? [] : analyze(corrected).filter((t) => t.term !== "");
    const starts = [...new Set(read.map((t) => t.pos))].sort((a, b) => a - b);
    // Words the vocabulary read as one of its concepts are asked as that concept when the pages
    // name it; otherwise the words themselves are asked.
    const asConcept = new Set<number>();
    // Position → the concept its phrase was read as, for phrases of several words.
    const spanConcept = new Map<number, { term: string; from: number; to: number }>();
    const add = (word: string, s: string, generic: boolean): void => {
      if (seen.has(s)) return;
      seen.add(s);
      const known = df.has(s);
      out.push({
        word,
        stem: s,
        idf: idf(s),
        known,
        relatives: known ? knownRelatives(word) : relatives(word),
        generic,
      });
    };
    for (const t of read) {
      if (!t.concept || !df.has(`@${t.term}`)) continue;
      add(t.term, `@${t.term}`, false);
      const end = starts.find((p) => p > t.pos) ?? all.length;
      for (let p = t.pos; p < end; p++) asConcept.add(p);
      if (end - t.pos > 1)
        for (let p = t.pos; p < end; p++) spanConcept.set(p, { term: t.term, from: t.pos, to: end });
    }
    // A word the pages lack in a phrase whose other word alone names the same concept ("apple" in
    // "apple pay", read as paying) says which kind is asked: it is asked as itself.
    const readsAs = (w: string, term: string): boolean =>
      analyze(w).some((r) => r.concept && r.term === term);
    const namesKind = (pos: number, raw: string): boolean => {
      const span = spanConcept.get(pos);
      if (!span || GENERIC.has(raw) || readsAs(raw, span.term)) return false;
      for (let p = span.from; p < span.to; p++)
        if (p !== pos && readsAs(all[p] ?? "", span.term)) return true;
      return false;
    };
    all.forEach((raw, pos) => {
      // A word read as a concept still counts as itself where the pages use it ("sofa" as an item).
      if (raw === "" || STOP_WORDS.has(raw)) return;
      // A shortening of two of the pages' words is read as them, concept or not ("amex").
      const short = df.has(stem(raw)) ? undefined : shortens(raw);
      for (const part of short ?? []) add(part, stem(part), GENERIC.has(part));
      if (short || (asConcept.has(pos) && !df.has(stem(raw)) && !namesKind(pos, raw))) return;
      if (asConcept.has(pos) && read.some((t) => t.concept && t.term === stem(raw))) return;
      const parts = df.has(stem(raw)) || completes(raw) ? undefined : splitsInto(raw);
      for (const part of parts ?? []) add(part, stem(part), GENERIC.has(part));
      if (parts) return;
      const word = df.has(stem(raw)) ? raw : (completes(raw) ?? raw);
      // The particle of a phrasal verb read as a concept ("send back" as return) says how, not
      // what: passages that merely say "sent back" must not outrank the one that answers.
      const particle = asConcept.has(pos) && PARTICLES.has(raw);
      add(word, stem(word), particle || GENERIC.has(word) || NUMBER_WORDS.test(word));
    });
    return out;
  }

  /** How strongly a passage's field holds a term: the term itself, or its best relative. */
  function holds(q: QueryTerm, set: ReadonlySet<string> | ReadonlyMap<string, number>): number {
    if (set.has(q.stem)) return 1;
    let best = 0;
    for (const [r, strength] of q.relatives) if (set.has(r) && strength > best) best = strength;
    return best;
  }

  /** How many passages, best by BM25F, are looked at sentence by sentence. */
  const DEPTH = 40;

  function rank(qs: readonly QueryTerm[]): Scored[] {
    // Coverage counts what the pages can hold: a word they never use is the handoff's business.
    const weightOf = (q: QueryTerm): number =>
      q.known || q.relatives.size > 0 ? q.idf * (q.generic ? 0.5 : 1) : 0;
    const total = qs.reduce((sum, q) => sum + weightOf(q), 0) || 1;
    // First pass: BM25F over the postings of the question's terms and their relatives.
    const scores = new Map<number, number>();
    for (const q of qs) {
      const ids = new Set(postings.get(q.stem) ?? []);
      for (const r of q.relatives.keys()) for (const id of postings.get(r) ?? []) ids.add(id);
      for (const id of ids) {
        const d = docs[id];
        if (!d) continue;
        const norm = 1 - B + (B * d.length) / avgLength;
        const inText = d.tf.get(q.stem) ?? 0;
        const tf =
          (FIELD_WEIGHT.text * (inText > 0 ? inText : holds(q, d.tf))) / norm +
          FIELD_WEIGHT.heading * holds(q, d.heading) +
          FIELD_WEIGHT.title * holds(q, d.title);
        if (tf > 0) scores.set(id, (scores.get(id) ?? 0) + weightOf(q) * ((tf * (K1 + 1)) / (tf + K1)));
      }
    }
    const top = [...scores].sort((a, b) => b[1] - a[1]).slice(0, DEPTH);
    const out: Scored[] = [];
    const asked = new Set<string>();
    for (const q of qs) {
      asked.add(q.stem);
      for (const r of q.relatives.keys()) asked.add(r);
    }
    for (const [id, score] of top) {
      const d = docs[id];
      if (!d) continue;
      let covered = 0;
      for (const q of qs) {
        const inText = d.tf.has(q.stem) ? 1 : holds(q, d.tf);
        const held = Math.max(inText, holds(q, d.heading), 0.6 * holds(q, d.title));
        // A word the pages never use is held by its relative at the relation's own strength: the
        // ranking's discount (RELATIVE_SHARE) says the word itself would be better, not that the
        // passage holds less of the question ("warranty" in a passage on the "guarantee").
        covered += weightOf(q) * (q.known ? held : Math.min(1, held / RELATIVE_SHARE));
      }
      // The sentence that answers: it holds the most of the question, counting the heading it sits
      // under as part of every sentence (a heading "Fees:" tells what its sentences are about).
      let best: Sentence | undefined;
      let bestCovered = -1;
      for (const s of d.sentences) {
        let c = 0;
        for (const q of qs) c += weightOf(q) * Math.max(holds(q, s.stems), 0.5 * holds(q, d.heading));
        if (c > bestCovered) {
          bestCovered = c;
          best = s;
        }
      }
      let headingCovered = 0;
      let leadCovered = 0;
      const lead = d.sentences[0];
      for (const q of qs) {
        headingCovered += weightOf(q) * Math.max(holds(q, d.heading), holds(q, d.title));
        if (lead) leadCovered += weightOf(q) * holds(q, lead.stems);
      }
      const askedShare = (stems: Iterable<string>): number => {
        let own = 0;
        let hit = 0;
        for (const s of stems) {
          if (GENERIC_STEMS.has(s)) continue;
          const w = idf(s);
          own += w;
          if (asked.has(s)) hit += w;
        }
        return own > 0 ? hit / own : 0;
      };
      let headingWeight = 0;
      let headingAsked = 0;
      for (const h of d.heading.size > 0 ? d.heading : d.title) {
        if (GENERIC_STEMS.has(h)) continue;
        const w = idf(h);
        headingWeight += w;
        if (asked.has(h)) headingAsked += w;
      }
      out.push({
        doc: d,
        score,
        headingPrecision: headingWeight > 0 ? headingAsked / headingWeight : 1,
        coverage: covered / total,
        sentence: best,
        sentenceCoverage: Math.max(0, bestCovered) / total,
        headingCoverage: headingCovered / total,
        leadCoverage: leadCovered / total,
        sentencePrecision: best ? askedShare(best.stems) : 0,
        precision: askedShare(d.tf.keys()),
      });
    }
    return out;
  }

  return { docs, terms, rank, idf, relatives };
}
