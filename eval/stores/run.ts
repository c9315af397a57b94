// Scores the assistant in-process on stores of this folder, as ../shared/tools/eval-assistant.mjs
// does through the CLI (first citation holds a phrase and no handoff; out-of-scope handed off), but
// without a database, for quick rounds on the tuning stores. Report figures with the shared tool.
//   node bin/run-ts.mjs eval/stores/run.ts [--fails] furniture-oakhollow cosmetics-lumelle
//   node bin/run-ts.mjs eval/stores/run.ts --doc evalk=../shared/seeds/000_….txt ../shared/eval/assistant-dev.jsonl
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { createAssistant as createGeneral } from "../../src/assistant/assistant.ts";
import { createBrandAssistant } from "../../src/assistant/brand-assistant.ts";
import { createAssistant as createTuned } from "../../src/assistant/engine.ts";
import { ingestDocument } from "../../src/assistant/pages/ingest.ts";
import { norm, storePage } from "./lib.ts";

const args = process.argv.slice(2);
const fails = args.includes("--fails");
const docs = new Map<string, string>();
const sets: string[] = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i] ?? "";
  if (a === "--fails") continue;
  if (a === "--doc") {
    const [brand, file] = (args[++i] ?? "").split("=");
    if (brand && file) docs.set(brand, file);
  } else if (a.endsWith(".jsonl")) sets.push(a);
  else {
    const doc = storePage(a);
    const questions = join(import.meta.dirname, `${a}.jsonl`);
    const brand = JSON.parse(readFileSync(questions, "utf8").split("\n")[0] ?? "{}").brand as string;
    if (doc) docs.set(brand, doc);
    sets.push(questions);
  }
}
const assistants = new Map(
  [...docs].map(([brand, file]) => [
    brand,
    ((passages) => {
      const general = createGeneral(passages, { brandSlug: brand });
      const tuned = createTuned(passages, { brandSlug: brand });
      const mode = process.env.ENGINE ?? "app";
      const app = createBrandAssistant(passages, { brandSlug: brand });
      return {
        ask(q: string) {
          if (mode === "app") return app.ask(q);
          if (mode === "general") return general.ask(q);
          if (mode === "gate") {
            const g = general.ask(q);
            if (g.handoff) return g;
            const t = tuned.ask(q);
            return t.handoff ? g : t;
          }
          const a = tuned.ask(q);
          if (mode === "tuned" || !a.handoff) return a;
          const b = general.ask(q);
          return b.handoff ? a : b;
        },
      };
    })(ingestDocument(basename(file), readFileSync(file, "utf8"))),
  ]),
);
const pct = (n: number, d: number) => (d ? ((100 * n) / d).toFixed(1) : "n/a");
const sum = { inScope: 0, at1: 0, at3: 0, wrong: 0, out: 0, handed: 0 };
for (const set of sets) {
  const qs = readFileSync(set, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
  let inScope = 0,
    at1 = 0,
    at3 = 0,
    wrong = 0,
    out = 0,
    handed = 0;
  for (const q of qs) {
    const a = assistants.get(q.brand)?.ask(q.question);
    if (!a) continue;
    const hit = (t: string | undefined) =>
      t !== undefined && t.length <= 600 && q.expect.phrases.some((p: string) => norm(t).includes(norm(p)));
    let ok: boolean;
    if (q.expect.handoff) {
      out++;
      ok = a.handoff;
      if (ok) handed++;
    } else {
      inScope++;
      ok = !a.handoff && hit(a.citations[0]?.text);
      if (ok) at1++;
      if (!a.handoff && a.citations.slice(0, 3).some((c) => hit(c.text))) at3++;
      if (a.handoff) wrong++;
    }
    if (!ok && fails)
      console.log(
        `FAIL ${q.id} ${q.question}${q.expect.handoff ? "" : `  [want: ${q.expect.phrases.join(" | ")}]`}\n   -> ${a.handoff ? "(handoff)" : norm(a.citations[0]?.text ?? "").slice(0, 120)}`,
      );
  }
  sum.inScope += inScope;
  sum.at1 += at1;
  sum.at3 += at3;
  sum.wrong += wrong;
  sum.out += out;
  sum.handed += handed;
  console.log(
    `${basename(set)}: pass@1 ${at1}/${inScope} (${pct(at1, inScope)}%), pass@3 ${pct(at3, inScope)}%, wrongly handed off ${wrong} (${pct(wrong, inScope)}%), out-of-scope handed off ${handed}/${out} (${pct(handed, out)}%)`,
  );
}
if (sets.length > 1)
  console.log(
    `together: pass@1 ${sum.at1}/${sum.inScope} (${pct(sum.at1, sum.inScope)}%), pass@3 ${pct(sum.at3, sum.inScope)}%, wrongly handed off ${sum.wrong} (${pct(sum.wrong, sum.inScope)}%), out-of-scope handed off ${sum.handed}/${sum.out} (${pct(sum.handed, sum.out)}%)`,
  );
