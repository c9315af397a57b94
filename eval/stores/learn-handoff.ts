// Tries a learned handoff: a logistic model over what the two engines say of a question (share of it
// the pages never use, the best passages' coverage, sentence coverage and score, the vocabulary
// engine's own handoff and confidence), fitted on the tuning stores' in-scope and out-of-scope
// questions (one-part questions only), scored by leave-stores-out cross-validation (five folds by
// store) at several thresholds against the engines' own decision. Tried in round fourteen and not
// kept: it traced the same trade-off as the calibrated thresholds (see README.md); NO_RULE=1 leaves
// out the engine's own answerable/handoff decision as a feature.
//   node bin/run-ts.mjs eval/stores/learn-handoff.ts store …
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { createAssistant as createGeneral } from "../../src/assistant/assistant.ts";
import { createBrandAssistant } from "../../src/assistant/brand-assistant.ts";
import { createAssistant as createTuned } from "../../src/assistant/engine.ts";
import { ingestDocument } from "../../src/assistant/pages/ingest.ts";
import { storePage } from "./lib.ts";

const stores = process.argv.slice(2).sort();
interface Row {
  readonly store: string;
  readonly x: number[];
  readonly out: boolean;
  readonly handoff: boolean;
}
const rows: Row[] = [];
for (const store of stores) {
  const page = storePage(store);
  if (!page) throw new Error(store);
  const qs = readFileSync(join(import.meta.dirname, `${store}.jsonl`), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
  const passages = ingestDocument(basename(page), readFileSync(page, "utf8"));
  const general = createGeneral(passages, { brandSlug: qs[0]?.brand });
  const tuned = createTuned(passages, { brandSlug: qs[0]?.brand });
  const app = createBrandAssistant(passages, { brandSlug: qs[0]?.brand });
  for (const q of qs) {
    const parts = general.explain(q.question, 3).parts;
    if (parts.length !== 1) continue;
    const p = parts[0];
    if (!p) continue;
    const t = tuned.ask(q.question);
    const r0 = p.ranked[0];
    const r1 = p.ranked[1];
    const known = p.terms.filter((x) => x.known).length;
    rows.push({
      store,
      out: Boolean(q.expect.handoff),
      handoff: app.ask(q.question).handoff,
      x: [
        1,
        p.unknownShare,
        process.env.NO_RULE ? 0 : p.answerable ? 1 : 0,
        r0?.coverage ?? 0,
        r0?.sentenceCoverage ?? 0,
        r0?.final ?? 0,
        r0 && r1 ? r1.final / (r0.final || 1) : 0,
        t.handoff ? 1 : 0,
        t.confidence,
        Math.min(p.terms.length, 8) / 8,
        p.terms.length ? known / p.terms.length : 0,
        p.terms.filter((x) => x.generic).length / Math.max(1, p.terms.length),
      ],
    });
  }
}
const D = rows[0]?.x.length ?? 0;
function fitWeights(train: readonly Row[]): number[] {
  const w = new Array<number>(D).fill(0);
  for (let step = 0; step < 3000; step++) {
    const g = new Array<number>(D).fill(0);
    for (const r of train) {
      const z = r.x.reduce((s, v, i) => s + v * (w[i] ?? 0), 0);
      const pr = 1 / (1 + Math.exp(-z));
      const y = r.out ? 1 : 0;
      for (let i = 0; i < D; i++) g[i] = (g[i] ?? 0) + (pr - y) * (r.x[i] ?? 0);
    }
    for (let i = 0; i < D; i++) w[i] = (w[i] ?? 0) - 0.5 * ((g[i] ?? 0) / train.length + 0.001 * (w[i] ?? 0));
  }
  return w;
}
const prob = (w: readonly number[], r: Row) =>
  1 / (1 + Math.exp(-r.x.reduce((s, v, i) => s + v * (w[i] ?? 0), 0)));
const folds = 5;
const scored: { r: Row; p: number }[] = [];
for (let f = 0; f < folds; f++) {
  const inFold = new Set(stores.filter((_, i) => i % folds === f));
  const w = fitWeights(rows.filter((r) => !inFold.has(r.store)));
  for (const r of rows.filter((r) => inFold.has(r.store))) scored.push({ r, p: prob(w, r) });
}
const inN = rows.filter((r) => !r.out).length;
const outN = rows.filter((r) => r.out).length;
console.log(
  `single-part questions: ${inN} in scope, ${outN} out of scope; engines: answerable handed off ${rows.filter((r) => !r.out && r.handoff).length}, out of scope handed off ${rows.filter((r) => r.out && r.handoff).length}`,
);
for (const th of [0.3, 0.4, 0.5, 0.6, 0.7]) {
  const inOff = scored.filter((s) => !s.r.out && s.p >= th).length;
  const outOff = scored.filter((s) => s.r.out && s.p >= th).length;
  console.log(`CV threshold ${th}: answerable handed off ${inOff}, out of scope handed off ${outOff}`);
}
