// Tuning aid: shows how the assistant reads questions and ranks passages for one seed brand.
// Run: node bin/run-ts.mjs eval/assistant/explain.ts evalk "question" ...
import { readFileSync } from "node:fs";
import { createAssistant } from "../../src/assistant/engine.ts";
import { ingestDocument } from "../../src/assistant/pages/ingest.ts";

const brand = process.argv[2] ?? "evalk";
const file =
  brand === "evalk"
    ? "/work/shared/seeds/000_e970f132397a51ab.txt"
    : "/work/shared/seeds/003_b67ef3b8660ea356.txt";
const a = createAssistant(ingestDocument("x.txt", readFileSync(file, "utf8")), { brandSlug: brand });
for (const q of process.argv.slice(3)) {
  const e = a.explain(q);
  const r = a.ask(q);
  console.log(q, "=>", r.handoff, r.confidence);
  console.log(
    " terms",
    e.terms
      .map((t) => `${t.term}:${t.weight.toFixed(2)}${t.known ? "" : "?"}${t.topical ? "" : "~"}`)
      .join(" "),
  );
  for (const x of e.ranked)
    console.log(`  ${x.score.toFixed(2)} c${x.coverage.toFixed(2)} m${x.matched.toFixed(2)} ${x.text}`);
}
