import { describe, expect, it } from "vitest";
import { countJsonLines, jsonLineRecords, jsonLineRecordsFrom, parseJsonLines } from "./jsonl.ts";

const text = '{"number":"A-1"}\n\n  \n{oops\r\n{"number":"A-2"}';

describe("JSON Lines orders", () => {
  it("reads records lazily with their line numbers, skipping blank lines", () => {
    const records = jsonLineRecords(text);
    expect(records.next().value).toEqual({ line: 1, data: { number: "A-1" }, text: '{"number":"A-1"}' });
    expect([...records].map((r) => [r.line, r.data ?? r.error?.slice(0, 14)])).toEqual([
      [4, "not valid JSON"],
      [5, { number: "A-2" }],
    ]);
    expect(parseJsonLines(text)).toHaveLength(3);
    expect(countJsonLines(text)).toBe(3);
    expect(countJsonLines("")).toBe(0);
  });

  it("numbers the lines of a stream the same way", async () => {
    async function* lines() {
      yield* text.split("\n");
    }
    const records = [];
    for await (const record of jsonLineRecordsFrom(lines())) records.push(record.line);
    expect(records).toEqual([1, 4, 5]);
  });
});
