// Tuning aid: grid search over the second-stage weights on the development and tuning sets (never
// the held-out ones), printing the best few settings with their pass@1 on each set.
// Run: node bin/run-ts.mjs eval/assistant/tune-rerank.ts [--holdout]
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { createAssistant } from "../../src/assistant/engine.ts";
import { ingestDocument } from "../../src/assistant/pages/ingest.ts";
import { DEFAULT_RERANK_WEIGHTS, type RerankWeights } from "../../src/assistant/rerank.ts";
import type { Passage } from "../../src/assistant/types.ts";

interface Question {
  readonly brand: string;
  readonly question: string;
  readonly expect: { readonly phrases?: readonly string[]; readonly handoff?: boolean };
}

const SEEDS: Readonly<Record<string, string>> = {
  evalk: "/work/shared/seeds/000_e970f132397a51ab.txt",
  evalc: "/work/shared/seeds/003_b67ef3b8660ea356.txt",
};
const load = (file: string): Question[] =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Question)
    .filter((q) => !q.expect.handoff);
const TUNING = [
  ...load("/work/shared/eval/assistant-dev.jsonl"),
  ...load("eval/assistant/dev-questions.jsonl"),
  ...load("eval/assistant/tune.jsonl"),
];
const HOLDOUT = process.argv.includes("--holdout") ? load("eval/assistant/holdout.jsonl") : [];
const passages = new Map<string, Passage[]>(
  Object.entries(SEEDS).map(([brand, file]) => [
    brand,
    ingestDocument(basename(file), readFileSync(file, "utf8")),
  ]),
);
const norm = (s: string): string =>
  s
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/\s+/g, " ");

function score(weights: RerankWeights, questions: readonly Question[]): number {
  const assistants = new Map(
    [...passages].map(([brand, p]) => [
      brand,
      createAssistant(p, { brandSlug: brand, rerankWeights: weights }),
    ]),
  );
  let passed = 0;
  for (const q of questions) {
    const a = assistants.get(q.brand)?.ask(q.question);
    const first = a?.citations[0]?.text;
    if (a && !a.handoff && first && (q.expect.phrases ?? []).some((p) => norm(first).includes(norm(p))))
      passed++;
  }
  return passed;
}

const grid = {
  sentence: [0, 0.3, 0.6],
  sentenceFocus: [0, 0.5, 1, 1.5],
  head: [0, 0.2],
  headMiss: [0, 0.25],
  rule: [0, 0.15, 0.3],
  listOnly: [0, 0.3, 0.6],
};
const results: { weights: RerankWeights; tuning: number }[] = [];
// --try '{"sentenceFocus":1}': score one setting (unset weights are 0) instead of the grid.
const tried = process.argv.indexOf("--try");
if (tried >= 0) {
  const weights = {
    ...{ sentence: 0, sentenceFocus: 0, head: 0, headMiss: 0, rule: 0, listOnly: 0 },
    ...(JSON.parse(process.argv[tried + 1] ?? "{}") as Partial<RerankWeights>),
  };
  const held = HOLDOUT.length > 0 ? ` holdout ${score(weights, HOLDOUT)}/${HOLDOUT.length}` : "";
  console.log(`${score(weights, TUNING)}/${TUNING.length}${held} ${JSON.stringify(weights)}`);
  process.exit(0);
}
for (const sentence of grid.sentence)
  for (const sentenceFocus of grid.sentenceFocus)
    for (const head of grid.head)
      for (const headMiss of grid.headMiss)
        for (const rule of grid.rule)
          for (const listOnly of grid.listOnly) {
            const weights = { sentence, sentenceFocus, head, headMiss, rule, listOnly };
            results.push({ weights, tuning: score(weights, TUNING) });
          }
results.sort((a, b) => b.tuning - a.tuning);
console.log(`defaults: ${score(DEFAULT_RERANK_WEIGHTS, TUNING)}/${TUNING.length}`);
console.log(
  `off: ${score({ sentence: 0, sentenceFocus: 0, head: 0, headMiss: 0, rule: 0, listOnly: 0 }, TUNING)}/${TUNING.length}`,
);
for (const r of results.slice(0, 15)) {
  const held = HOLDOUT.length > 0 ? ` holdout ${score(r.weights, HOLDOUT)}/${HOLDOUT.length}` : "";
  console.log(`${r.tuning}/${TUNING.length}${held} ${JSON.stringify(r.weights)}`);
}
