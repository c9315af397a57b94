import { createReadStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { countNonBlankLines, fileLines } from "./files.ts";

const dir = mkdtempSync(join(tmpdir(), "aftercare-file-lines-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let written = 0;

function fileOf(content: string | Buffer): string {
  const path = join(dir, `f${written++}.jsonl`);
  writeFileSync(path, content);
  return path;
}

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

const byReadline = (path: string) =>
  collect(createInterface({ input: createReadStream(path), crlfDelay: Infinity }));

// Pieces that make line endings and character boundaries awkward.
const PIECES = [
  "\n",
  "\r\n",
  "\r",
  "\r\r\n",
  "\n\n",
  "",
  " ",
  "{}",
  '{"a":"é"}',
  "ü",
  "€",
  "😀",
  "x",
  "  \t",
];

describe("fileLines", () => {
  const tricky: Record<string, string> = {
    empty: "",
    "one newline": "\n",
    "no final newline": '{"n":1}\n{"n":2}',
    crlf: '{"n":1}\r\n{"n":2}\r\n',
    "lone carriage returns": "a\rb\r\rc\r",
    "empty lines": "\n\na\n\n\nb\n\n",
    "multi-byte characters": "ü€😀\n😀😀😀\nende",
    "carriage return before the end": "a\r\n\r",
  };
  for (const [name, content] of Object.entries(tricky)) {
    it(`gives readline's lines for ${name}, whatever the chunk size`, async () => {
      const path = fileOf(content);
      const expected = await byReadline(path);
      for (const size of [1, 2, 3, 4, 5, 7, 64, 1 << 20])
        expect(await collect(fileLines(path, size)), `chunk ${size}`).toEqual(expected);
    });
  }

  it("gives readline's lines for random mixtures of line endings and multi-byte characters", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }),
        fc.integer({ min: 1, max: 16 }),
        async (pieces, size) => {
          const path = fileOf(pieces.join(""));
          expect(await collect(fileLines(path, size))).toEqual(await byReadline(path));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("keeps a character whose bytes straddle two chunks whole", async () => {
    // "€" is three bytes: with 4-byte chunks it is cut after one, two or three of them.
    const text = `${"€".repeat(50)}\nx€\n€€y\n`;
    const path = fileOf(Buffer.from(text, "utf8"));
    for (const size of [2, 4, 5, 8])
      expect(await collect(fileLines(path, size))).toEqual(["€".repeat(50), "x€", "€€y"]);
  });
});

describe("countNonBlankLines", () => {
  const nonBlank = async (path: string, size?: number) =>
    (await collect(fileLines(path, size))).filter((line) => line.trim()).length;

  it("counts the lines fileLines gives that are not blank, whatever the chunk size", async () => {
    const path = fileOf('{"n":1}\n\n  \n\t{"n":2}\n\u00a0\n€\n\r\n{"n":3}\r{"n":4}\n\ufeff{}\n{"n":5}');
    expect(await nonBlank(path)).toBe(7);
    for (const size of [1, 2, 3, 5, 64, 1 << 20]) expect(await countNonBlankLines(path, size)).toBe(7);
  });

  it("agrees with fileLines on random mixtures of blank lines, line endings and characters", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...PIECES, "\u00a0", "\u2028", "\ufeff", "\t"), { maxLength: 40 }),
        fc.integer({ min: 1, max: 16 }),
        async (pieces, size) => {
          const path = fileOf(pieces.join(""));
          expect(await countNonBlankLines(path, size)).toBe(await nonBlank(path));
        },
      ),
      { numRuns: 300 },
    );
  });
});
