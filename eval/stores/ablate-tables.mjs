// Leave-one-out ablation of the hand-written vocabulary tables: for each entry of the concept table
// (synonyms.ts CONCEPTS), its weaker links (synonyms.ts RELATED) and the shop topics (concepts.ts),
// the entry is removed from a scratch copy of the code and the tuning stores and the seed brands'
// set are scored in-process (run.ts). An entry whose removal changes no figure of any set is
// "neutral" on the multi-store measurement. Held-out stores are never read here.
//   node eval/stores/ablate-tables.mjs [--only KEY,KEY] > ablation.txt
// The scratch copy lives in a temporary folder; the working tree is never edited.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");
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
];
const shared = resolve(root, "../shared");
const SEEDS = [
  "--doc",
  `evalk=${shared}/seeds/000_e970f132397a51ab.txt`,
  "--doc",
  `evalc=${shared}/seeds/003_b67ef3b8660ea356.txt`,
  `${shared}/eval/assistant-dev.jsonl`,
];

const scratch = mkdtempSync(join(tmpdir(), "aftercare-ablate-"));
for (const part of ["src", "bin", "eval/stores", "package.json", "tsconfig.json"])
  cpSync(join(root, part), join(scratch, part), { recursive: true });
symlinkSync(resolve(root, "node_modules"), join(scratch, "node_modules"));

const score = () =>
  execFileSync("node", ["bin/run-ts.mjs", "eval/stores/run.ts", ...TUNING, ...SEEDS], {
    cwd: scratch,
    encoding: "utf8",
  });

/** Entries of one object literal in a file: [key, first line, line after the last] (0-based). */
function entries(lines, start, end, indent) {
  const head = new RegExp(`^${" ".repeat(indent)}("[^"]*"|[\\w+]+):(?: |$)`);
  const out = [];
  for (let i = start; i < end; i++) {
    const m = head.exec(lines[i] ?? "");
    if (!m) continue;
    let first = i;
    while (first > start && /^\s*\/\//.test(lines[first - 1] ?? "")) first--;
    let last = i + 1;
    while (last < end && !head.test(lines[last] ?? "") && !/^\s*\/\//.test(lines[last] ?? "")) last++;
    out.push([m[1].replace(/"/g, ""), first, last]);
  }
  return out;
}

function tables() {
  const out = [];
  const syn = "src/assistant/synonyms.ts";
  const s = readFileSync(join(root, syn), "utf8").split("\n");
  const c0 = s.findIndex((l) => l.includes("...Object.entries({"));
  const c1 = s.findIndex((l, i) => i > c0 && l.startsWith("  }).map("));
  for (const [key, a, b] of entries(s, c0 + 1, c1, 4)) out.push({ file: syn, table: "CONCEPTS", key, a, b });
  const r0 = s.findIndex((l) => l.startsWith("export const RELATED"));
  const r1 = s.findIndex((l, i) => i > r0 && l === "};");
  for (const [key, a, b] of entries(s, r0 + 1, r1, 2)) out.push({ file: syn, table: "RELATED", key, a, b });
  const con = "src/assistant/concepts.ts";
  const t = readFileSync(join(root, con), "utf8").split("\n");
  const t0 = t.findIndex((l) => l.startsWith("const TOPICS"));
  const t1 = t.findIndex((l, i) => i > t0 && l === "};");
  for (const [key, a, b] of entries(t, t0 + 1, t1, 2)) out.push({ file: con, table: "TOPICS", key, a, b });
  return out;
}

const only = process.argv.includes("--only")
  ? new Set((process.argv[process.argv.indexOf("--only") + 1] ?? "").split(","))
  : undefined;
try {
  const baseline = score();
  console.log(`baseline\n${baseline}`);
  for (const e of tables()) {
    if (only && !only.has(`${e.table}.${e.key}`)) continue;
    const original = readFileSync(join(root, e.file), "utf8");
    const lines = original.split("\n");
    lines.splice(e.a, e.b - e.a);
    writeFileSync(join(scratch, e.file), lines.join("\n"));
    let verdict;
    try {
      const out = score();
      const changed = out
        .split("\n")
        .filter((l, i) => l !== baseline.split("\n")[i])
        .map((l) => `    ${l}`);
      verdict = changed.length === 0 ? "neutral" : `changes\n${changed.join("\n")}`;
    } catch (err) {
      verdict = `breaks (${String(err.message).split("\n")[0]})`;
    }
    console.log(`${e.table}.${e.key} (${e.file}:${e.a + 1}-${e.b}, ${e.b - e.a} lines): ${verdict}`);
    writeFileSync(join(scratch, e.file), original);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
