// Prints the passages a help page imports as: title, heading and text, one per line.
// node bin/run-ts.mjs eval/stores/show-passages.ts eval/stores/furniture-oakhollow.html
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { ingestDocument } from "../../src/assistant/pages/ingest.ts";

for (const file of process.argv.slice(2)) {
  for (const p of ingestDocument(basename(file), readFileSync(file, "utf8"))) {
    console.log(
      `${p.position}\t[${p.title ?? ""}${p.url ? ` <${p.url}>` : ""}] {${p.heading ?? ""}} ${p.text.slice(0, 110)}`,
    );
  }
}
