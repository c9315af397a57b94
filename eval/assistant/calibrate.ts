// Fits the confidence table (src/assistant/calibration.ts) on the development, tuning and first
// held-out questions, never the blind set: isotonic regression (pool adjacent violators) of
// "answering is right" on the engine's raw support, where an out-of-scope question answered is
// wrong. Prints the table and, for each handoff threshold, what it would cost.
// Run: node bin/run-ts.mjs eval/assistant/calibrate.ts
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { NO_SUPPORT } from "../../src/assistant/calibration.ts";
import { createAssistant } from "../../src/assistant/engine.ts";
import { ingestDocument } from "../../src/assistant/pages/ingest.ts";

interface Question {
  readonly brand: string;
  readonly question: string;
  readonly expect: { readonly phrases?: readonly string[]; readonly handoff?: boolean };
}
interface Point {
  readonly raw: number;
  readonly right: boolean;
  readonly inScope: boolean;
}

const SEEDS: Readonly<Record<string, string>> = {
  evalk: "../shared/seeds/000_e970f132397a51ab.txt",
  evalc: "../shared/seeds/003_b67ef3b8660ea356.txt",
};
const SETS = [
  "../shared/eval/assistant-dev.jsonl",
  "eval/assistant/dev-questions.jsonl",
  "eval/assistant/tune.jsonl",
  "eval/assistant/holdout.jsonl",
];
const norm = (s: string): string =>
  s
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/\s+/g, " ")
    .trim();
const assistants = new Map(
  Object.entries(SEEDS).map(([brand, file]) => [
    brand,
    createAssistant(ingestDocument(basename(file), readFileSync(file, "utf8")), { brandSlug: brand }),
  ]),
);

const points: Point[] = [];
for (const file of SETS) {
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const q = JSON.parse(line) as Question;
    const e = assistants.get(q.brand)?.explain(q.question);
    if (!e) continue;
    const inScope = q.expect.handoff !== true;
    const best = e.best === undefined ? "" : norm(e.best);
    const right = inScope && (q.expect.phrases ?? []).some((p) => best.includes(norm(p)));
    points.push({ raw: e.support.raw, right, inScope });
  }
}
points.sort((a, b) => a.raw - b.raw);

// Pool adjacent violators: blocks of points whose mean rightness never decreases with support.
// Questions without any support get confidence 0 whatever the table says, so they are left out.
const blocks: { lo: number; hi: number; right: number; n: number }[] = [];
for (const p of points.filter((x) => x.raw > NO_SUPPORT)) {
  blocks.push({ lo: p.raw, hi: p.raw, right: p.right ? 1 : 0, n: 1 });
  for (;;) {
    const b = blocks[blocks.length - 1];
    const a = blocks[blocks.length - 2];
    if (!a || !b || a.right / a.n < b.right / b.n) break;
    blocks.splice(blocks.length - 2, 2, { lo: a.lo, hi: b.hi, right: a.right + b.right, n: a.n + b.n });
  }
}
// Shrink each block towards a half with two pseudo-answers so small blocks do not claim 0 or 1.
console.log("blocks (raw range: right/all → confidence):");
const table: [number, number][] = [];
let floor = 0;
for (const b of blocks) {
  // Shrinking can undo the order of two close blocks; confidence must still never fall.
  const p = Math.max(floor, (b.right + 1) / (b.n + 2));
  floor = p;
  console.log(`  ${b.lo.toFixed(2)} .. ${b.hi.toFixed(2)}: ${b.right}/${b.n} → ${p.toFixed(3)}`);
  table.push([Math.round(((b.lo + b.hi) / 2) * 100) / 100, Math.round(p * 1000) / 1000]);
}
console.log(`table: ${JSON.stringify(table)}`);

const inScope = points.filter((p) => p.inScope);
const outScope = points.filter((p) => !p.inScope);
console.log("\nraw threshold: in-scope handed off, out-of-scope handed off, in-scope answered right");
for (const t of [-3, -2, -1.5, -1.2, -1, -0.85, -0.7, -0.5, -0.3, 0, 0.3, 0.5]) {
  const wrong = inScope.filter((p) => p.raw < t).length;
  const out = outScope.filter((p) => p.raw < t).length;
  const right = inScope.filter((p) => p.raw >= t && p.right).length;
  console.log(
    `  ${t.toFixed(2)}: ${wrong}/${inScope.length} (${((100 * wrong) / inScope.length).toFixed(1)}%), ${out}/${outScope.length} (${((100 * out) / outScope.length).toFixed(1)}%), ${right}`,
  );
}
console.log("\nlow support (raw < 0.5):");
console.log(
  `  in-scope: ${inScope
    .filter((p) => p.raw < 0.5)
    .map((p) => p.raw.toFixed(2))
    .join(" ")}`,
);
console.log(
  `  out-of-scope: ${outScope
    .filter((p) => p.raw > -20)
    .map((p) => p.raw.toFixed(2))
    .join(" ")}`,
);
