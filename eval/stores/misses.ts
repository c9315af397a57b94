// Lists the in-scope one-part questions the store-independent engine answers with the wrong passage
// first: where the right one stands (second, third, not among the three cited), the heading cited
// and the heading of the passage holding the expected phrase. For reading failure classes.
//   node bin/run-ts.mjs eval/stores/misses.ts STORE…
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createAssistant } from "../../src/assistant/assistant.ts";
import { ingestDocument } from "../../src/assistant/pages/ingest.ts";
import { norm, storePage } from "./lib.ts";

const dir = import.meta.dirname;
const hist = new Map<string, number>();
for (const store of process.argv.slice(2)) {
  const file = storePage(store) ?? join(dir, store);
  const passages = ingestDocument(file, readFileSync(file, "utf8"));
  const a = createAssistant(passages);
  for (const l of readFileSync(join(dir, `${store}.jsonl`), "utf8")
    .split("\n")
    .filter((x) => x.trim())) {
    const q = JSON.parse(l);
    if (q.expect.handoff) continue;
    const ex = a.explain(q.question);
    if (ex.parts.length > 1) continue;
    const ans = a.ask(q.question);
    if (ans.handoff) continue;
    const hit = (t: string) => q.expect.phrases.some((ph: string) => norm(t).includes(norm(ph)));
    if (hit(ans.citations[0]?.text ?? "")) continue;
    const at = ans.citations.findIndex((c) => hit(c.text));
    const key = at < 0 ? "not-in-3" : `at-${at + 1}`;
    hist.set(key, (hist.get(key) ?? 0) + 1);
    console.log(
      `${q.id} ${key} | ${q.question} | want ${q.expect.phrases[0]} | got ${norm(ans.citations[0]?.text ?? "").slice(0, 70)} | heading ${passages.find((x) => x.text === ans.citations[0]?.text)?.heading ?? ""} | want-heading ${passages.find((x) => hit(x.text))?.heading ?? "?"}`,
    );
  }
}
console.log([...hist]);
