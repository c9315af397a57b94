// The launcher's compiled CLI: built from a project's sources, reused while they are unchanged, rebuilt
// when any of them changes, and never seen half-written by processes starting together.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
// @ts-expect-error: a plain JavaScript module of the launcher, without type declarations
import { bundlePath, compiledCli, sourceStamp } from "../bin/compiled-cli.mjs";

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function project(greeting: string): string {
  const root = mkdtempSync(join(tmpdir(), "aftercare-compiled-"));
  made.push(root);
  mkdirSync(join(root, "src", "cli"), { recursive: true });
  mkdirSync(join(root, "src", "app"), { recursive: true });
  writeFileSync(join(root, "package.json"), '{"type":"module"}');
  writeFileSync(join(root, "tsconfig.json"), "{}");
  writeFileSync(
    join(root, "src", "app", "greeting.ts"),
    `export const greeting: string = ${JSON.stringify(greeting)};\n`,
  );
  writeFileSync(
    join(root, "src", "cli", "main.ts"),
    'import { greeting } from "../app/greeting.ts";\nconsole.log(greeting);\n',
  );
  writeFileSync(join(root, "src", "cli", "main.test.ts"), "this file is a test and is never bundled (;\n");
  return root;
}

const run = (bundle: string) => spawnSync(process.execPath, [bundle], { encoding: "utf8" }).stdout.trim();

describe("the compiled CLI", () => {
  it("is built from the sources, with its stamp on the first line and a source map beside it", async () => {
    const root = project("hello");
    const bundle: string = await compiledCli(root);
    expect(bundle).toBe(bundlePath(root));
    expect(run(bundle)).toBe("hello");
    expect(readFileSync(bundle, "utf8").split("\n")[0]).toBe(
      `// aftercare source stamp ${sourceStamp(root)}`,
    );
    expect(statSync(`${bundle}.map`).size).toBeGreaterThan(0);
  });

  it("is reused while the sources are unchanged and rebuilt when one changes", async () => {
    const root = project("first");
    const bundle: string = await compiledCli(root);
    const builtAt = statSync(bundle).mtimeMs;
    await compiledCli(root);
    expect(statSync(bundle).mtimeMs).toBe(builtAt);

    writeFileSync(
      join(root, "src", "app", "greeting.ts"),
      'export const greeting: string = "second, longer";\n',
    );
    await compiledCli(root);
    expect(run(bundle)).toBe("second, longer");
  });

  it("is rebuilt when a source file is added", async () => {
    const root = project("same");
    const before = sourceStamp(root);
    writeFileSync(join(root, "src", "app", "other.ts"), "export const other = 1;\n");
    expect(sourceStamp(root)).not.toBe(before);
  });

  it("stays whole when several builds run at once", async () => {
    const root = project("together");
    const builds = await Promise.all([1, 2, 3, 4].map(() => compiledCli(root)));
    for (const bundle of builds) expect(run(bundle)).toBe("together");
    expect(readFileSync(bundlePath(root), "utf8").split("\n")[0]).toContain(sourceStamp(root));
  });
});
