// Dumps, for every question of the given stores, what the handoff decides on: the share of the
// question the pages do not know and the best passage's coverage, with the expected outcome.
//   node bin/run-ts.mjs eval/stores/features.ts furniture-oakhollow …
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createAssistant } from "../../src/assistant/assistant.ts";
import { ingestDocument } from "../../src/assistant/pages/ingest.ts";

const dir = import.meta.dirname;
for (const store of process.argv.slice(2)) {
  const file = join(
    dir,
    readdirSync(dir).find((f) => f.startsWith(`${store}.`) && !/\.(jsonl|ts)$/.test(f)) ?? "",
  );
  const a = createAssistant(ingestDocument(file, readFileSync(file, "utf8")));
  const qs = readFileSync(join(dir, `${store}.jsonl`), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
  for (const q of qs) {
    const parts = a.explain(q.question).parts;
    const out = q.expect.handoff ? "OUT" : "in ";
    const answered = parts.some((p) => p.answerable);
    const wrong = answered === Boolean(q.expect.handoff) ? "!!" : "  ";
    const f = parts
      .map(
        (p) =>
          `u${p.unknownShare.toFixed(2)} c${(p.ranked[0]?.coverage ?? 0).toFixed(2)} s${(p.ranked[0]?.sentenceCoverage ?? 0).toFixed(2)} ${p.terms
            .map((t) => `${t.word}${t.known ? "" : "?"}${t.generic ? "(g)" : ""}`)
            .join(",")}`,
      )
      .join(" | ");
    console.log(`${wrong} ${out} ${q.id.padEnd(7)} ${f}   «${q.question}»`);
  }
}
