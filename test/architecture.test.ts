// The shape of the tree (ARCHITECTURE.md): no import cycles between source files, no evaluation data
// under src/, and no folder so full that a newcomer cannot see what it holds.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");
const SRC = join(ROOT, "src");
const MAX_SOURCE_FILES_PER_FOLDER = 25;

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else out.push(path);
  }
  return out;
}

const isSource = (file: string) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file);
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["'](\.{1,2}\/[^"']+)["']/g;

/** Relative imports of each source file, resolved to absolute paths (type-only imports included). */
function importGraph(files: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const targets = [...text.matchAll(IMPORT)].map((m) => resolve(dirname(file), m[1] as string));
    graph.set(file, targets);
  }
  return graph;
}

/** Every cycle found by a depth-first walk, each as the list of files around it. */
function findCycles(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (node: string) => {
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      const s = state.get(next);
      if (s === "open") cycles.push(stack.slice(stack.indexOf(next)).concat(next));
      else if (s === undefined) visit(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

describe("source tree", () => {
  const files = walk(SRC);

  it("finds a cycle when there is one (the checker itself)", () => {
    const graph = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a"]],
      ["d", ["a"]],
    ]);
    expect(findCycles(graph)).toEqual([["a", "b", "c", "a"]]);
    expect(
      findCycles(
        new Map([
          ["a", ["b"]],
          ["b", []],
        ]),
      ),
    ).toEqual([]);
  });

  it("has no import cycle between source files", () => {
    const graph = importGraph(files.filter(isSource));
    expect(graph.size).toBeGreaterThan(100);
    const cycles = findCycles(graph).map((c) => c.map((f) => relative(ROOT, f)).join(" → "));
    expect(cycles).toEqual([]);
  });

  it("keeps evaluation data and question sets out of src/", () => {
    const data = files.filter((f) => /\.(jsonl|csv)$/.test(f)).map((f) => relative(ROOT, f));
    expect(data).toEqual([]);
    expect(files.some((f) => f.includes(`${join("src", "assistant", "eval")}`))).toBe(false);
  });

  it(`has no folder with more than ${MAX_SOURCE_FILES_PER_FOLDER} source files directly inside it`, () => {
    const perFolder = new Map<string, number>();
    for (const file of files.filter(isSource)) {
      const dir = relative(ROOT, dirname(file));
      perFolder.set(dir, (perFolder.get(dir) ?? 0) + 1);
    }
    const crowded = [...perFolder].filter(([, n]) => n > MAX_SOURCE_FILES_PER_FOLDER);
    expect(perFolder.size).toBeGreaterThan(10);
    expect(crowded).toEqual([]);
  });
});
