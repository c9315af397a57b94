// Shows how the assistant read one question: its parts, terms, the share the pages do not know,
// and the best passages. node bin/run-ts.mjs eval/stores/why.ts furniture-oakhollow "question"
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createAssistant } from "../../src/assistant/assistant.ts";
import { ingestDocument } from "../../src/assistant/pages/ingest.ts";

const [store = "", ...rest] = process.argv.slice(2);
const dir = import.meta.dirname;
const file = store.includes("/")
  ? store
  : join(dir, readdirSync(dir).find((f) => f.startsWith(`${store}.`) && !/\.(jsonl|ts)$/.test(f)) ?? "");
const a = createAssistant(ingestDocument(file, readFileSync(file, "utf8")));
for (const q of rest) {
  for (const p of a.explain(q).parts) {
    console.log(`${p.question}: unknown ${p.unknownShare.toFixed(2)} answerable ${p.answerable}`);
    console.log(
      `  terms ${p.terms.map((t) => `${t.word}${t.known ? "" : "?"}${t.generic ? "(g)" : ""}:${t.idf.toFixed(1)}${t.relatives.size ? `[${[...t.relatives].map(([r, s]) => `${r}:${s.toFixed(2)}`).join(",")}]` : ""}`).join(" ")}`,
    );
    for (const r of p.ranked)
      console.log(`  ${r.final.toFixed(2)} cov ${r.coverage.toFixed(2)} ${r.text.slice(0, 90)}`);
  }
}
