// Sorts the application's ranking misses into kinds, for choosing what to work on: in-scope one-part
// questions answered (not handed off) with the wrong passage first. For each: where the right passage
// stands (second or third among the citations; else its place in the store-independent engine's
// ranking: 4-10, 11-30, further), whether the passage cited first is a neighbour of the right one
// (same article of several, or next to it on the page), and how the question's words meet the right passage:
// none of its content words in it (a synonym or paraphrase is missing), or some, but fewer than in
// the passage cited (a neighbour sharing the words). A phrase no passage holds is a page cut wrongly.
//   node bin/run-ts.mjs eval/stores/recall.ts [--list] STORE…
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { createAssistant } from "../../src/assistant/assistant.ts";
import { createBrandAssistant } from "../../src/assistant/brand-assistant.ts";
import { ingestDocument } from "../../src/assistant/pages/ingest.ts";
import { stem, words } from "../../src/assistant/retrieval.ts";
import { norm, storePage } from "./lib.ts";

const args = process.argv.slice(2);
const list = args.includes("--list");
const counts = new Map<string, number>();
const add = (k: string): void => {
  counts.set(k, (counts.get(k) ?? 0) + 1);
};
const STOP = new Set(
  "a an and are as at be can could do does did for from get got have how i if im in is it its me my of on or our so that the this to u was we what when where which who why will with would you your yours".split(
    " ",
  ),
);
const content = (s: string): Set<string> =>
  new Set(
    words(s)
      .filter((w) => !STOP.has(w) && w.length > 1)
      .map(stem),
  );
for (const store of args.filter((a) => a !== "--list")) {
  const file = storePage(store);
  if (!file) continue;
  const passages = ingestDocument(basename(file), readFileSync(file, "utf8"));
  // On a page of one article (an FAQ page), every passage shares its title: neighbours are next to each other.
  const articles = new Set(passages.map((p) => p.title)).size;
  const app = createBrandAssistant(passages, { brandSlug: store });
  const general = createAssistant(passages, { brandSlug: store });
  const qs = readFileSync(file.replace(/\.[a-z]+$/, ".jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
  for (const q of qs) {
    if (q.expect.handoff) continue;
    const hit = (t: string | undefined): boolean =>
      t !== undefined && t.length <= 600 && q.expect.phrases.some((p: string) => norm(t).includes(norm(p)));
    const a = app.ask(q.question);
    add("in-scope");
    if (a.handoff) {
      add("handed off");
      continue;
    }
    if (hit(a.citations[0]?.text)) {
      add("right first");
      continue;
    }
    add("miss");
    const first = a.citations[0]?.text ?? "";
    if (!passages.some((p) => p.text === first)) {
      const holds = q.expect.phrases.some((p: string) => norm(first).includes(norm(p)));
      add(
        `miss: cited passages joined (${holds ? `holding the phrase, ${first.length > 600 ? "over" : "within"} 600 characters` : "without the phrase"})`,
      );
    }
    const rightAt = passages.findIndex((p) => hit(p.text));
    if (rightAt < 0) {
      add("miss: no passage holds the phrase (cut wrongly)");
      if (list) console.log(`${store} ${q.id} CUT | ${q.question}`);
      continue;
    }
    const right = passages[rightAt];
    const citedAt = passages.findIndex((p) => p.text === a.citations[0]?.text);
    const cited = passages[citedAt];
    const at = a.citations.findIndex((c) => hit(c.text));
    let where: string;
    if (at >= 0) where = `at ${at + 1}`;
    else {
      const ranked = general.explain(q.question, 30).parts[0]?.ranked ?? [];
      const r = ranked.findIndex((x) => hit(x.text));
      where = r < 0 ? "beyond 30" : r < 3 ? `${r + 1} of the ranking` : r < 10 ? "4-10" : "11-30";
      add(`miss: not cited, ${a.citations.length} citations`);
    }
    add(`miss: right passage ${where}`);
    const neighbour =
      cited !== undefined &&
      right !== undefined &&
      ((articles > 1 && cited.title !== undefined && cited.title === right.title) ||
        Math.abs(citedAt - rightAt) === 1);
    add(`miss: cited ${neighbour ? "a neighbour" : "another part of the page"}`);
    const qw = content(q.question);
    const rw = content(`${right?.title ?? ""} ${right?.heading ?? ""} ${right?.text ?? ""}`);
    const cw = content(`${cited?.title ?? ""} ${cited?.heading ?? ""} ${cited?.text ?? ""}`);
    const inRight = [...qw].filter((w) => rw.has(w)).length;
    const inCited = [...qw].filter((w) => cw.has(w)).length;
    const kind =
      inRight === 0
        ? "no question word in the right passage"
        : inRight < inCited
          ? "fewer question words in the right passage than in the cited"
          : "as many or more question words in the right passage";
    add(`miss: ${kind}`);
    const g = general.ask(q.question);
    add(
      `miss: ${kind}, the store-independent engine alone ${hit(g.citations[0]?.text) ? "right" : "wrong too"}`,
    );
    if (list)
      console.log(
        `${store} ${q.id} ${where} ${neighbour ? "NB" : "--"} ${inRight}/${inCited}/${qw.size} | ${q.question} | want [${right?.heading ?? ""}] | got [${cited?.heading ?? ""}] ${norm(cited?.text ?? "").slice(0, 60)}`,
      );
  }
}
for (const [k, n] of [...counts].sort()) console.log(`${k}: ${n}`);
