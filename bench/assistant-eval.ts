// Scores the assistant in-process, the way the shared scorer does through the CLI: the two seed
// help pages become two brands, and every sample and dev question is asked of its brand.
// Run: node bin/run-ts.mjs bench/assistant-eval.ts [--verbose] [--summary] [--file NAME=PATH]...
// --file replaces the default sets (sample, dev) with the given ones, e.g. the held-out set:
//   --file holdout=eval/assistant/holdout.jsonl
// --summary prints only the totals: a held-out set must be scored without reading its failures,
// or it stops being held out.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { createAssistant } from "../src/assistant/engine.ts";
import { ingestDocument } from "../src/assistant/pages/ingest.ts";
import type { AssistantAnswer } from "../src/assistant/types.ts";

interface Question {
  readonly id: string;
  readonly brand: string;
  readonly question: string;
  readonly expect: { readonly phrases?: readonly string[]; readonly handoff?: boolean };
}

const SEEDS: Readonly<Record<string, string>> = {
  evalk: "../shared/seeds/000_e970f132397a51ab.txt",
  evalc: "../shared/seeds/003_b67ef3b8660ea356.txt",
};
const DEFAULT_SETS: Readonly<Record<string, string>> = {
  sample: "../shared/eval/assistant-dev.jsonl",
  dev: "eval/assistant/dev-questions.jsonl",
};
const args = process.argv.slice(2);
const verbose = args.includes("--verbose");
const summary = args.includes("--summary");
const chosen: [string, string][] = [];
args.forEach((arg, i) => {
  if (arg !== "--file") return;
  const spec = args[i + 1] ?? "";
  const at = spec.indexOf("=");
  chosen.push(at > 0 ? [spec.slice(0, at), spec.slice(at + 1)] : [basename(spec), spec]);
});
const SETS: Readonly<Record<string, string>> = chosen.length > 0 ? Object.fromEntries(chosen) : DEFAULT_SETS;

const norm = (s: string): string =>
  s
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/\s+/g, " ")
    .trim();

const corpus = new Map<string, string>();
const assistants = new Map<string, ReturnType<typeof createAssistant>>();
for (const [brand, file] of Object.entries(SEEDS)) {
  const text = readFileSync(file, "utf8");
  corpus.set(brand, norm(text));
  assistants.set(brand, createAssistant(ingestDocument(basename(file), text), { brandSlug: brand }));
}

/** Whether the best passage holds a phrase, handoff or not: what the confidence should predict. */
const rightPassage = (
  assistant: ReturnType<typeof createAssistant>,
  question: string,
  phrases: readonly string[],
): boolean => {
  const best = assistant.explain(question).best;
  return best !== undefined && phrases.some((p) => norm(best).includes(norm(p)));
};

/** Confidence buckets over all sets: share of in-scope questions whose best passage is right. */
const BUCKETS = [0, 0.2, 0.4, 0.5, 0.6, 0.8, 0.95];
const calibration = BUCKETS.map(() => ({ inRight: 0, inWrong: 0, out: 0 }));
const bucketOf = (c: number): number => BUCKETS.findLastIndex((b) => c >= b);

const hit = (answer: AssistantAnswer, phrases: readonly string[]): boolean => {
  const first = answer.citations[0];
  return (
    !answer.handoff &&
    first !== undefined &&
    first.text.length <= 600 &&
    phrases.some((p) => norm(first.text).includes(norm(p)))
  );
};

/** pass@3: one of the first three citations holds a phrase (the shared scorer's second figure). */
const hit3 = (answer: AssistantAnswer, phrases: readonly string[]): boolean =>
  !answer.handoff &&
  answer.citations
    .slice(0, 3)
    .some((c) => c.text.length <= 600 && phrases.some((p) => norm(c.text).includes(norm(p))));

for (const [name, file] of Object.entries(SETS)) {
  const questions = readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Question);
  let inScope = 0;
  let passed = 0;
  let passed3 = 0;
  let wrongHandoff = 0;
  let outScope = 0;
  let handedOff = 0;
  const failures: string[] = [];
  for (const q of questions) {
    const assistant = assistants.get(q.brand);
    if (!assistant) throw new Error(`unknown brand ${q.brand} in ${q.id}`);
    const a = assistant.ask(q.question);
    const shown = `${q.id} [${q.brand}] ${q.question}\n     -> ${a.handoff ? "(handoff) " : ""}${a.intent} ${a.confidence} ${norm(a.citations[0]?.text ?? "").slice(0, 110)}`;
    let ok: boolean;
    if (q.expect.handoff) {
      outScope++;
      ok = a.handoff;
      if (ok) handedOff++;
      const bucket = calibration[bucketOf(a.confidence)];
      if (bucket) bucket.out++;
    } else {
      inScope++;
      const phrases = q.expect.phrases ?? [];
      // A phrase absent from the seed would make the question unanswerable: flag the question.
      if (!phrases.some((p) => corpus.get(q.brand)?.includes(norm(p))))
        failures.push(`BAD QUESTION ${q.id}: no phrase occurs in the seed`);
      ok = hit(a, phrases);
      if (ok) passed++;
      if (hit3(a, phrases)) passed3++;
      const bucket = calibration[bucketOf(a.confidence)];
      if (bucket && rightPassage(assistant, q.question, phrases)) bucket.inRight++;
      else if (bucket) bucket.inWrong++;
      if (a.handoff) wrongHandoff++;
    }
    if (!ok) {
      failures.push(`FAIL ${shown}`);
      if (verbose)
        failures.push(
          JSON.stringify(assistant.explain(q.question), (_k, v) =>
            typeof v === "number" ? Math.round(v * 100) / 100 : v,
          ),
        );
    }
  }
  const pct = (x: number, d: number): string => (d ? `${((100 * x) / d).toFixed(1)}%` : "n/a");
  console.log(`\n== ${name} (${file})`);
  if (!summary) for (const f of failures) console.log(f);
  else for (const f of failures.filter((x) => x.startsWith("BAD QUESTION"))) console.log(f);
  console.log(
    `in-scope pass@1 ${passed}/${inScope} (${pct(passed, inScope)}), pass@3 ${passed3}/${inScope} (${pct(passed3, inScope)}), wrongly handed off ${wrongHandoff}/${inScope} (${pct(wrongHandoff, inScope)})`,
  );
  console.log(`out-of-scope handed off ${handedOff}/${outScope} (${pct(handedOff, outScope)})`);
}

console.log(
  "\n== calibration over all sets (confidence bucket: in-scope best passage right/all, out-of-scope)",
);
calibration.forEach((b, i) => {
  const all = b.inRight + b.inWrong;
  const share = all > 0 ? `${((100 * b.inRight) / all).toFixed(0)}%` : "n/a";
  console.log(`>= ${BUCKETS[i]}: in-scope right ${b.inRight}/${all} (${share}), out-of-scope ${b.out}`);
});
