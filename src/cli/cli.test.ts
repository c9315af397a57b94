// Drives the real `aftercare` entry point as a separate process against a throw-away SQLite store, the
// way the contract's acceptance tools do.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
let dir: string;
let env: NodeJS.ProcessEnv;

function aftercare(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [join(root, "bin/aftercare.mjs"), ...args], {
    cwd: root,
    env,
    input,
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "aftercare-cli-"));
  env = { ...process.env, DATABASE_URL: `sqlite:${join(dir, "store.db")}` };
  writeFileSync(
    join(dir, "returns.md"),
    "# Returns\n\nItems can be sent back within 14 days of delivery. Refunds go to the original payment method.\n",
  );
  writeFileSync(join(dir, "other.md"), "# Gift cards\n\nGift cards never expire and can be used online.\n");
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

// Each command is a fresh Node process compiling TypeScript on the fly: seconds, not milliseconds.
describe("aftercare CLI", { timeout: 60_000 }, () => {
  it("adds a brand idempotently, imports documents and answers a JSON Lines batch", () => {
    const add = aftercare(["brand", "add", "north", "--name", "North"]);
    expect(add.status, add.stderr).toBe(0);
    expect(add.stdout).toContain("created brand north");
    const again = aftercare(["brand", "add", "north", "--name", "North"]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain("updated brand north");
    expect(aftercare(["brand", "add", "south", "--name", "South"]).status).toBe(0);

    const kb = aftercare(["kb", "import", "--brand", "north", join(dir, "returns.md")]);
    expect(kb.status, kb.stderr).toBe(0);
    expect(kb.stdout).toMatch(/imported returns\.md: \d+ passages?/);
    expect(aftercare(["kb", "import", "--brand", "south", join(dir, "other.md")]).status).toBe(0);

    const batch = aftercare(
      ["ask", "--brand", "north", "--jsonl"],
      `${JSON.stringify({ id: "q1", question: "How many days do I have to send something back?" })}\n${JSON.stringify({ id: "q2", question: "Do gift cards expire?" })}\n`,
    );
    expect(batch.status, batch.stderr).toBe(0);
    const answers = batch.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(answers.map((a) => a.id)).toEqual(["q1", "q2"]);
    for (const a of answers) {
      expect(Object.keys(a)).toEqual(
        expect.arrayContaining(["id", "answer", "citations", "confidence", "handoff", "intent"]),
      );
      // Only the asking brand's document can be cited.
      for (const c of a.citations as { document: string }[]) expect(c.document).toBe("returns.md");
    }
    const first = answers[0] as { citations: { text: string }[]; handoff: boolean };
    expect(first.handoff).toBe(false);
    expect(first.citations[0]?.text).toContain("14 days");
  });

  it("answers a single question as text and as JSON", () => {
    const text = aftercare(["ask", "--brand", "north", "How long do I have to return an item?"]);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain("14 days");
    const json = aftercare(["ask", "--brand", "north", "--json", "How long do I have to return an item?"]);
    expect(json.status, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      handoff: false,
      citations: [{ document: "returns.md" }],
    });
  });

  it("reports an unknown brand and an unreadable file plainly with exit 1", () => {
    const unknown = aftercare(["kb", "import", "--brand", "nobody", join(dir, "returns.md")]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain("brand 'nobody' not found");
    expect(unknown.stderr).not.toContain("    at ");
    const missing = aftercare(["kb", "import", "--brand", "north", join(dir, "missing.md")]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("cannot read");
    // A page saved before its script drew it has nothing to answer from: reported, nothing imported.
    writeFileSync(
      join(dir, "drawn.html"),
      '<html><body><div id="root"></div><script src="/app.js"></script></body></html>',
    );
    writeFileSync(join(dir, "gifts.md"), "# Gift cards\n\nGift cards can be used in shops too.\n");
    const empty = aftercare([
      "kb",
      "import",
      "--brand",
      "north",
      join(dir, "gifts.md"),
      join(dir, "drawn.html"),
    ]);
    expect(empty.status).toBe(1);
    expect(empty.stderr).toContain("drawn.html: no help text found");
    expect(empty.stdout).not.toContain("gifts.md");
  });

  it("loads brand folders with init --demo, again without duplicates", () => {
    const brands = join(dir, "brands");
    mkdirSync(join(brands, "westwind", "knowledge"), { recursive: true });
    writeFileSync(
      join(brands, "westwind", "policy.yaml"),
      "brand:\n  name: Westwind\n  currency: EUR\n  timeZone: Europe/Paris\n",
    );
    writeFileSync(
      join(brands, "westwind", "knowledge", "faq.md"),
      "# Shipping\n\nWe ship within two days.\n",
    );
    for (let run = 0; run < 2; run++) {
      const init = aftercare(["init", "--demo", "--brands-dir", brands]);
      expect(init.status, init.stderr).toBe(0);
      expect(init.stdout).toContain("brand westwind (Westwind)");
      expect(init.stdout).toMatch(/knowledge faq\.md: \d+ passages/);
    }
    const list = aftercare(["brand", "list", "--json"]);
    const westwind = list.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { slug: string })
      .filter((b) => b.slug === "westwind");
    expect(westwind).toEqual([
      {
        slug: "westwind",
        name: "Westwind",
        currency: "EUR",
        timeZone: "Europe/Paris",
        policyVersion: 1,
        documents: 1,
      },
    ]);
  });
});
