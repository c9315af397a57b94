// Answer latency of the assistant on a 1,000-passage knowledge base, in-process.
// Run: node bin/run-ts.mjs bench/assistant.bench.ts
// The base is the two seed help pages plus generated variants (other brands' wording of the same
// topics, with made-up product names), so retrieval works on realistic, overlapping text.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { createAssistant } from "../src/assistant/engine.ts";
import { ingestDocument } from "../src/assistant/ingest.ts";
import type { Passage } from "../src/assistant/types.ts";

const TARGET = 1000;
const seeds = ["../shared/seeds/000_e970f132397a51ab.txt", "../shared/seeds/003_b67ef3b8660ea356.txt"];
const base: Passage[] = seeds.flatMap((file) => ingestDocument(file, readFileSync(file, "utf8")));

const PRODUCTS = [
  "linen dress",
  "wool jumper",
  "silk scarf",
  "denim jacket",
  "running shoes",
  "leather belt",
];
const TWISTS = [
  (t: string, p: string) => `For the ${p}: ${t}`,
  (t: string, p: string) => `${t} This also applies to every ${p} in the collection.`,
  (t: string, p: string) => `Regarding orders that include a ${p}, ${t.charAt(0).toLowerCase()}${t.slice(1)}`,
];

const passages: Passage[] = [...base];
for (let i = 0; passages.length < TARGET; i++) {
  const source = base[i % base.length];
  const twist = TWISTS[i % TWISTS.length];
  const product = PRODUCTS[i % PRODUCTS.length] ?? "item";
  if (!source || !twist) break;
  const text = twist(source.text, product).slice(0, 600);
  passages.push({
    document: `variant-${Math.floor(i / 50)}.txt`,
    position: i,
    heading: source.heading,
    text,
  });
}

const questions = [
  "How long will my refund take to show up?",
  "Do you ship internationally?",
  "How can I track my order?",
  "What is the return window?",
  "Can I swap my jumper for a different size?",
  "My parcel was stolen, what can I do?",
  "Can a discount code be added after I ordered?",
  "Do you sell gift cards?",
  "What are your opening hours?",
  "I'd like to talk to a person",
];

const started = performance.now();
const assistant = createAssistant(passages, { brandSlug: "bench" });
const buildMs = performance.now() - started;

// Warm up so the numbers reflect steady-state answering, not JIT compilation.
for (let i = 0; i < 200; i++) assistant.ask(questions[i % questions.length] ?? "");

const samples: number[] = [];
for (let i = 0; i < 2000; i++) {
  const q = questions[i % questions.length] ?? "";
  const t0 = performance.now();
  assistant.ask(q);
  samples.push(performance.now() - t0);
}
samples.sort((a, b) => a - b);
const pct = (p: number): number => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))] ?? 0;
console.log(`passages: ${passages.length}, index build: ${buildMs.toFixed(1)} ms`);
console.log(
  `answers: ${samples.length}, p50 ${pct(0.5).toFixed(3)} ms, p95 ${pct(0.95).toFixed(3)} ms, max ${pct(1).toFixed(3)} ms`,
);
