// The assistant's speed, in-process, with the engine the application uses (brand-assistant.ts):
// 1. answer latency on a 2,000-passage knowledge base (p50, p95, p99 per question);
// 2. import of a help centre's export of 200 articles into a fresh SQLite store, through the same
//    use case as `aftercare kb import` (parse, passages, one transaction), and the index build.
// Run: npm run bench:assistant   (rates and percentiles, never pass/fail)
// The base is the help pages of the evaluation stores (eval/stores, six trades) plus variants of
// their passages naming other products, so retrieval works on realistic, overlapping text.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { performance } from "node:perf_hooks";
import { addBrand } from "../src/app/brands/add-brand.ts";
import { loadBrandAssistant } from "../src/app/knowledge/ask-assistant.ts";
import { importKnowledge } from "../src/app/knowledge/import-knowledge.ts";
import { createBrandAssistant } from "../src/assistant/brand-assistant.ts";
import { ingestDocument } from "../src/assistant/pages/ingest.ts";
import type { Passage } from "../src/assistant/types.ts";
import { createDb } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrate.ts";

const PASSAGES = 2000;
const ARTICLES = 200;
const STORES = join(import.meta.dirname, "../eval/stores");
const pages = readdirSync(STORES).filter((f) => /\.(html|md|txt|json)$/.test(f));
const base: Passage[] = pages.flatMap((f) => ingestDocument(f, readFileSync(join(STORES, f), "utf8")));
const questions = readdirSync(STORES)
  .filter((f) => f.endsWith(".jsonl"))
  .flatMap((f) => readFileSync(join(STORES, f), "utf8").split("\n"))
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { question: string }).question);

const PRODUCTS = [
  "walnut sideboard",
  "trail shoe",
  "night cream",
  "oat milk",
  "cat tree",
  "soundbar",
  "desk lamp",
];
const variant = (text: string, i: number): string => {
  const product = PRODUCTS[i % PRODUCTS.length] ?? "item";
  const forms = [`For the ${product}: ${text}`, `${text} This also applies to every ${product}.`];
  return (forms[i % forms.length] ?? text).slice(0, 600);
};

const passages: Passage[] = [...base];
for (let i = 0; passages.length < PASSAGES; i++) {
  const source = base[i % base.length];
  if (!source) break;
  passages.push({
    document: `variant-${Math.floor(i / 40)}.txt`,
    position: i % 40,
    heading: source.heading,
    title: source.title ? `${source.title} (${PRODUCTS[i % PRODUCTS.length]})` : null,
    text: variant(source.text, i),
  });
}

const pct = (samples: readonly number[], p: number): number =>
  samples[Math.min(samples.length - 1, Math.floor(p * samples.length))] ?? 0;

// 1. Answer latency.
let started = performance.now();
const assistant = createBrandAssistant(passages, { brandSlug: "bench" });
const buildMs = performance.now() - started;
for (let i = 0; i < 300; i++) assistant.ask(questions[i % questions.length] ?? "");
const samples: number[] = [];
for (let i = 0; i < 3000; i++) {
  const q = questions[(i * 7) % questions.length] ?? "";
  const t0 = performance.now();
  assistant.ask(q);
  samples.push(performance.now() - t0);
}
samples.sort((a, b) => a - b);
console.log(`passages: ${passages.length}, index build: ${buildMs.toFixed(0)} ms`);
console.log(
  `answers: ${samples.length} (${questions.length} distinct questions), p50 ${pct(samples, 0.5).toFixed(2)} ms, p95 ${pct(samples, 0.95).toFixed(2)} ms, p99 ${pct(samples, 0.99).toFixed(2)} ms, max ${pct(samples, 1).toFixed(2)} ms`,
);

// 2. Import of a help centre's export of 200 articles.
const articles = Array.from({ length: ARTICLES }, (_, i) => {
  const start = (i * 9) % base.length;
  const body = Array.from({ length: 9 }, (_, k) => {
    const p = base[(start + k) % base.length];
    return p ? `<h2>${p.heading ?? "Help"}</h2><p>${variant(p.text, i + k)}</p>` : "";
  }).join("");
  return {
    id: 1000 + i,
    title: `${base[start]?.title ?? "Help"} ${i + 1}`,
    html_url: `https://help.bench.example/hc/en-us/articles/${1000 + i}`,
    draft: false,
    body,
  };
});
const exportJson = JSON.stringify({ articles, count: ARTICLES });
const dir = mkdtempSync(join(tmpdir(), "aftercare-kb-bench-"));
const store = createDb(`sqlite:${join(dir, "store.db")}`);
try {
  await migrateToLatest(store.db);
  await addBrand(store.db, { slug: "bench", name: "Bench" });
  const runs: number[] = [];
  let count = 0;
  for (let run = 0; run < 3; run++) {
    started = performance.now();
    // The second and third runs replace the first: a re-import updates, it does not duplicate.
    const result = await importKnowledge(store.db, {
      brandSlug: "bench",
      name: "help-centre.json",
      content: exportJson,
    });
    runs.push(performance.now() - started);
    count = result.passages;
  }
  started = performance.now();
  const loaded = await loadBrandAssistant(store.db, { brandSlug: "bench" });
  const loadMs = performance.now() - started;
  console.log(
    `import of ${ARTICLES} articles (${(exportJson.length / 1024).toFixed(0)} KiB, ${count} passages) from ${basename("help-centre.json")}: ${runs.map((ms) => `${ms.toFixed(0)} ms`).join(", ")} (first, then re-imports); loading the brand's assistant from the store: ${loadMs.toFixed(0)} ms for ${loaded.passageCount} passages`,
  );
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
