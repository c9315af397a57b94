import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cosine, openWordVectors, readWordVectors, textVector, wordVectors } from "./word-vectors.ts";

/** A two-word table in the file's layout, for the reader alone. */
function tinyTable(): Buffer {
  const words = Buffer.from("apple\nzebra", "utf8");
  const pad = (4 - ((20 + words.length) % 4)) % 4;
  const b = Buffer.alloc(20 + words.length + pad + 2 * 4 + 2 * 4 + 2 * 2);
  b.write("AFWV", 0, "latin1");
  b.writeUInt32LE(1, 4);
  b.writeUInt32LE(2, 8);
  b.writeUInt32LE(2, 12);
  b.writeUInt32LE(words.length, 16);
  words.copy(b, 20);
  let at = 20 + words.length + pad;
  b.writeUInt32LE(7, at);
  b.writeUInt32LE(3, at + 4);
  at += 8;
  b.writeFloatLE(1 / 127, at);
  b.writeFloatLE(1 / 127, at + 4);
  at += 8;
  b.writeInt8(127, at);
  b.writeInt8(0, at + 1);
  b.writeInt8(0, at + 2);
  b.writeInt8(-127, at + 3);
  return b;
}

describe("word vectors", () => {
  it("reads the sorted word list, ranks and int8 vectors", () => {
    const t = readWordVectors(tinyTable());
    expect(t.size).toBe(2);
    expect(t.rank("zebra")).toBe(3);
    expect(Array.from(t.vector("apple") ?? [])).toEqual([1, 0]);
    expect(Array.from(t.vector("zebra") ?? [])).toEqual([0, -1]);
    expect(t.vector("mango")).toBeUndefined();
  });

  it("reads vectors from the file on demand, as from the whole buffer, and notices a cut file", () => {
    const dir = mkdtempSync(join(tmpdir(), "aftercare-vectors-"));
    try {
      const whole = tinyTable();
      writeFileSync(join(dir, "t.bin"), whole);
      const t = openWordVectors(join(dir, "t.bin"));
      expect(t.rank("apple")).toBe(7);
      expect(Array.from(t.vector("apple") ?? [])).toEqual([1, 0]);
      expect(Array.from(t.vector("zebra") ?? [])).toEqual([0, -1]);
      expect(t.vector("mango")).toBeUndefined();
      writeFileSync(join(dir, "cut.bin"), whole.subarray(0, whole.length - 1));
      expect(() => openWordVectors(join(dir, "cut.bin")).vector("zebra")).toThrow(/ends early/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a file of another kind", () => {
    expect(() => readWordVectors(Buffer.from("not a table at all, twenty bytes+"))).toThrow();
  });

  it("ships a table in the repository: related words read closer than unrelated ones", () => {
    const t = wordVectors();
    expect(t).not.toBe(false);
    if (!t) return;
    expect(t.size).toBeGreaterThan(50_000);
    const v = (w: string) => t.vector(w) as Float32Array;
    expect(cosine(v("refund"), v("money"))).toBeGreaterThan(cosine(v("refund"), v("giraffe")));
    const q = textVector(t, ["parcel", "late"]) as Float32Array;
    const near = textVector(t, ["delivery", "delayed"]) as Float32Array;
    const far = textVector(t, ["lipstick", "colour"]) as Float32Array;
    expect(cosine(q, near)).toBeGreaterThan(cosine(q, far));
  });
});
