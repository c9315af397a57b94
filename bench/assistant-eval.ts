// Scores the assistant in-process, the way the shared scorer does through the CLI: the two seed
// help pages become two brands, and every sample and dev question is asked of its brand.
// Run: node bin/run-ts.mjs bench/assistant-eval.ts [--verbose] [--summary] [--file NAME=PATH]...
// --file replaces the default sets (sample, dev) with the given ones, e.g. the held-out set:
//   --file holdout=src/assistant/eval/holdout.jsonl
// --summary prints only the totals: a held-out set must be scored without reading its failures,
// or it stops being held out.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { createAssistant } from "../src/assistant/engine.ts";
import { ingestDocument } from "../src/assistant/ingest.ts";
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
  dev: "src/assistant/dev-questions.jsonl",
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

const hit = (answer: AssistantAnswer, phrases: readonly string[]): boolean => {
  const first = answer.citations[0];
  return (
    !answer.handoff &&
    first !== undefined &&
    first.text.length <= 600 &&
    phrases.some((p) => norm(first.text).includes(norm(p)))
  );
};

for (const [name, file] of Object.entries(SETS)) {
  const questions = readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Question);
  let inScope = 0;
  let passed = 0;
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
    } else {
      inScope++;
      const phrases = q.expect.phrases ?? [];
      // A phrase absent from the seed would make the question unanswerable: flag the question.
      if (!phrases.some((p) => corpus.get(q.brand)?.includes(norm(p))))
        failures.push(`BAD QUESTION ${q.id}: no phrase occurs in the seed`);
      ok = hit(a, phrases);
      if (ok) passed++;
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
    `in-scope pass@1 ${passed}/${inScope} (${pct(passed, inScope)}), wrongly handed off ${wrongHandoff}/${inScope} (${pct(wrongHandoff, inScope)})`,
  );
  console.log(`out-of-scope handed off ${handedOff}/${outScope} (${pct(handedOff, outScope)})`);
}
