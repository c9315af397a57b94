// Tries handoff settings on the tuning stores and the seed brands' development set, and prints the
// best by a score that weighs a wrongly handed-off answerable question as heavily as an answered
// out-of-scope one. The round's held-out stores are never read here.
//   node bin/run-ts.mjs eval/stores/calibrate.ts
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { createAssistant, type HandoffSettings } from "../../src/assistant/assistant.ts";
import { ingestDocument } from "../../src/assistant/pages/ingest.ts";

const TUNING = [
  "furniture-oakhollow",
  "cosmetics-lumelle",
  "pets-pawpantry",
  "groceries-freshbasket",
  "shoes-strideworks",
  "electronics-voltcrate",
  "kitchenware-copperleaf",
  "toys-tumbletown",
  "outdoor-ridgeline",
  "bicycles-gearloft",
  "books-pagewright",
  "jewellery-lunette",
  "garden-mossbank",
  "coffee-kettleworth",
  "fitness-ironridge",
];
const dir = import.meta.dirname;
const sets: { doc: Map<string, string>; questions: string }[] = TUNING.map((store) => {
  const file = readdirSync(dir).find((f) => f.startsWith(`${store}.`) && !/\.(jsonl|ts|sh)$/.test(f)) ?? "";
  const questions = join(dir, `${store}.jsonl`);
  const brand = JSON.parse(readFileSync(questions, "utf8").split("\n")[0] ?? "{}").brand as string;
  return { doc: new Map([[brand, join(dir, file)]]), questions };
});
sets.push({
  doc: new Map([
    ["evalk", "../shared/seeds/000_e970f132397a51ab.txt"],
    ["evalc", "../shared/seeds/003_b67ef3b8660ea356.txt"],
  ]),
  questions: "../shared/eval/assistant-dev.jsonl",
});
const norm = (s: string) => s.toLowerCase().replace(/\s+/g, " ").trim();
const results: { s: HandoffSettings; at1: number; wrong: number; oos: number; n: number; no: number }[] = [];
for (const unknownLimit of [0.45, 0.5, 0.55, 0.6]) {
  for (const coverageFloor of [0.3, 0.33, 0.36, 0.4]) {
    for (const unknownWeight of [0.5, 0.6]) {
      for (const relativeTrust of [1, 1.5, 2]) {
        const s = { unknownLimit, coverageFloor, unknownWeight, relativeTrust };
        let at1 = 0,
          wrong = 0,
          oos = 0,
          n = 0,
          no = 0;
        for (const set of sets) {
          const assistants = new Map(
            [...set.doc].map(([b, f]) => [
              b,
              createAssistant(ingestDocument(basename(f), readFileSync(f, "utf8")), { handoff: s }),
            ]),
          );
          for (const line of readFileSync(set.questions, "utf8")
            .split("\n")
            .filter((l) => l.trim())) {
            const q = JSON.parse(line);
            const a = assistants.get(q.brand)?.ask(q.question);
            if (!a) continue;
            if (q.expect.handoff) {
              no++;
              if (a.handoff) oos++;
            } else {
              n++;
              if (a.handoff) wrong++;
              else if (
                q.expect.phrases.some((p: string) => norm(a.citations[0]?.text ?? "").includes(norm(p)))
              )
                at1++;
            }
          }
        }
        results.push({ s, at1, wrong, oos, n, no });
      }
    }
  }
}
const weight = Number(process.env.OOS_WEIGHT ?? 2);
results.sort((a, b) => b.at1 + weight * b.oos - (a.at1 + weight * a.oos));
for (const r of results.slice(0, Number(process.env.TOP ?? 12)))
  console.log(
    JSON.stringify(r.s),
    `pass@1 ${r.at1}/${r.n} wrong handoff ${r.wrong} out-of-scope ${r.oos}/${r.no}`,
  );
