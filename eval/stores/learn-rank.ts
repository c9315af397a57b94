// Fits the learned second-stage ranker's weights (src/assistant/learned-rank.ts) on stores of this
// folder and reports leave-stores-out cross-validation: the stores are split into folds by name
// (sorted, store i in fold i mod FOLDS); each fold is scored with weights fitted on the other folds
// only, and the figures are compared with the engines' own order on the same questions.
//   node bin/run-ts.mjs eval/stores/learn-rank.ts [--folds 5] [--l2 0.01] store …
// The model: a softmax over each answered question's candidates (the brand assistant's citations,
// the first engine's best eight, the vocabulary engine's three), the positive candidates being those
// holding an expected phrase (as the shared scorer reads it: at most 600 characters); questions with
// no positive candidate are left out of fitting. Gradient descent from zero weights, a fixed number
// of steps: the same stores give the same weights. Out-of-scope questions and handoffs do not depend
// on the ranker and are not read. Prints the weights fitted on all the given stores last.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { createBrandAssistant } from "../../src/assistant/brand-assistant.ts";
import { FEATURE_NAMES, rankPool } from "../../src/assistant/learned-rank.ts";
import { ingestDocument } from "../../src/assistant/pages/ingest.ts";
import { norm, storePage } from "./lib.ts";

const args = process.argv.slice(2);
let folds = 5;
let l2 = 0.01;
// --cache FILE keeps the candidates read from the stores, for trying fitting settings quickly.
let cache: string | undefined;
const stores: string[] = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i] ?? "";
  if (a === "--folds") folds = Number(args[++i]);
  else if (a === "--l2") l2 = Number(args[++i]);
  else if (a === "--cache") cache = args[++i];
  else stores.push(a);
}
stores.sort();

interface Item {
  readonly store: string;
  readonly handoff: boolean;
  readonly base1: boolean;
  readonly base3: boolean;
  readonly pool: { readonly x: readonly number[]; readonly y: boolean }[];
}

const items: Item[] = cache && existsSync(cache) ? JSON.parse(readFileSync(cache, "utf8")) : [];
for (const store of items.length > 0 ? [] : stores) {
  const page = storePage(store);
  if (!page) throw new Error(`no page for ${store}`);
  const qs = readFileSync(join(import.meta.dirname, `${store}.jsonl`), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
  const passages = ingestDocument(basename(page), readFileSync(page, "utf8"));
  const engine = createBrandAssistant(passages, { brandSlug: qs[0]?.brand, rankWeights: false });
  for (const q of qs) {
    if (q.expect.handoff) continue;
    const hit = (t: string | undefined): boolean =>
      t !== undefined && t.length <= 600 && q.expect.phrases.some((p: string) => norm(t).includes(norm(p)));
    const a = engine.ask(q.question);
    const pool = engine.pool(q.question).map((p) => ({ x: p.features, y: hit(p.text) }));
    items.push({
      store,
      handoff: a.handoff,
      base1: !a.handoff && hit(a.citations[0]?.text),
      base3: !a.handoff && a.citations.slice(0, 3).some((c) => hit(c.text)),
      pool,
    });
  }
}

if (cache && !existsSync(cache)) writeFileSync(cache, JSON.stringify(items));
const D = FEATURE_NAMES.length;
const STEPS = Number(process.env.STEPS ?? 1500);
const RATE = 0.5;

function fitWeights(train: readonly Item[]): number[] {
  const data = train.filter((it) => !it.handoff && it.pool.some((p) => p.y) && it.pool.some((p) => !p.y));
  // Fitted on features scaled to unit spread (the softmax ignores shifts), then scaled back.
  const expanded = data.map((it) => it.pool);
  const rows = expanded.flatMap((pool) => pool.map((p) => p.x));
  const spread = Array.from({ length: D }, (_, i) => {
    const mean = rows.reduce((sum, x) => sum + (x[i] ?? 0), 0) / rows.length;
    const sd = Math.sqrt(rows.reduce((sum, x) => sum + ((x[i] ?? 0) - mean) ** 2, 0) / rows.length);
    return sd > 1e-9 ? sd : 1;
  });
  const scaled = expanded.map((pool) =>
    pool.map((p) => ({ x: p.x.map((v, i) => v / (spread[i] ?? 1)), y: p.y })),
  );
  const w = new Array<number>(D).fill(0);
  for (let step = 0; step < STEPS; step++) {
    const grad = new Array<number>(D).fill(0);
    for (const pool of scaled) {
      const s = pool.map((p) => p.x.reduce((sum, x, i) => sum + x * (w[i] ?? 0), 0));
      const m = Math.max(...s);
      const e = s.map((v) => Math.exp(v - m));
      const z = e.reduce((a, b) => a + b, 0);
      const zPos = e.reduce((a, b, i) => a + (pool[i]?.y ? b : 0), 0);
      // The gradient of -log(P(a right candidate)): E_all[x] - E_right[x].
      pool.forEach((p, j) => {
        const pAll = (e[j] ?? 0) / z;
        const pPos = p.y ? (e[j] ?? 0) / zPos : 0;
        for (let i = 0; i < D; i++) grad[i] = (grad[i] ?? 0) + (pAll - pPos) * (p.x[i] ?? 0);
      });
    }
    for (let i = 0; i < D; i++)
      w[i] = (w[i] ?? 0) - RATE * ((grad[i] ?? 0) / scaled.length + l2 * (w[i] ?? 0));
  }
  return w.map((v, i) => v / (spread[i] ?? 1));
}

function evaluate(
  test: readonly Item[],
  w: readonly number[] | false,
  keepLead = false,
): { at1: number; at3: number; n: number } {
  let at1 = 0;
  let at3 = 0;
  for (const it of test) {
    if (w === false || it.handoff || it.pool.length < 2) {
      if (it.base1) at1++;
      if (it.base3) at3++;
      continue;
    }
    const ranked = rankPool(
      it.pool.map((p) => ({ text: "", features: p.x, y: p.y, x: p.x })),
      w,
    );
    // keepLead: the engines' first citation stays first (the pool opens with it), the model orders the rest.
    const lead = it.pool[0];
    const shown = keepLead && lead ? [lead, ...ranked.filter((p) => p.x !== lead.x)] : ranked;
    if (shown[0]?.y) at1++;
    if (shown.slice(0, 3).some((p) => p.y)) at3++;
  }
  return { at1, at3, n: test.length };
}

const pct = (n: number, d: number): string => ((100 * n) / d).toFixed(1);
const withPositive = items.filter((it) => !it.handoff && it.pool.some((p) => p.y)).length;
console.log(
  `${stores.length} stores, ${items.length} answerable questions, ${items.filter((it) => !it.handoff).length} answered, ${withPositive} with a right passage among the candidates; l2 ${l2}`,
);
let cvBase = { at1: 0, at3: 0, n: 0 };
let cvLearned = { at1: 0, at3: 0, n: 0 };
let cvKept = { at1: 0, at3: 0, n: 0 };
for (let f = 0; f < folds; f++) {
  const inFold = new Set(stores.filter((_, i) => i % folds === f));
  const train = items.filter((it) => !inFold.has(it.store));
  const test = items.filter((it) => inFold.has(it.store));
  const w = fitWeights(train);
  const b = evaluate(test, false);
  const l = evaluate(test, w);
  const k = evaluate(test, w, true);
  cvKept = { at1: cvKept.at1 + k.at1, at3: cvKept.at3 + k.at3, n: cvKept.n + k.n };
  console.log(
    `fold ${f + 1} (${[...inFold].join(" ")}): pass@1 ${b.at1} -> ${l.at1} of ${b.n}, pass@3 ${b.at3} -> ${l.at3}`,
  );
  cvBase = { at1: cvBase.at1 + b.at1, at3: cvBase.at3 + b.at3, n: cvBase.n + b.n };
  cvLearned = { at1: cvLearned.at1 + l.at1, at3: cvLearned.at3 + l.at3, n: cvLearned.n + l.n };
}
console.log(
  `cross-validated: pass@1 ${cvBase.at1}/${cvBase.n} (${pct(cvBase.at1, cvBase.n)}%) -> ${cvLearned.at1}/${cvLearned.n} (${pct(cvLearned.at1, cvLearned.n)}%), pass@3 ${pct(cvBase.at3, cvBase.n)}% -> ${pct(cvLearned.at3, cvLearned.n)}%`,
);
console.log(
  `cross-validated, the engines' first citation kept first: pass@1 ${cvKept.at1}/${cvKept.n} (${pct(cvKept.at1, cvKept.n)}%), pass@3 ${pct(cvBase.at3, cvBase.n)}% -> ${pct(cvKept.at3, cvKept.n)}%`,
);
const w = fitWeights(items);
const all = evaluate(items, w);
console.log(
  `fitted on all ${stores.length} stores, scored on them: pass@1 ${all.at1}/${all.n}, pass@3 ${all.at3}`,
);
console.log(`[${w.map((x) => x.toFixed(3)).join(", ")}]`);
for (const [i, name] of FEATURE_NAMES.entries())
  console.log(`  ${(w[i] ?? 0).toFixed(3).padStart(7)}  ${name}`);
