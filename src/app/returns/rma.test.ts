import { describe, expect, it } from "vitest";
import { isRmaNumber, newRmaNumber } from "./rma.ts";

describe("newRmaNumber", () => {
  it("prefixes the brand and uses only unambiguous characters", () => {
    const rma = newRmaNumber("castella");
    expect(rma.startsWith("CA-R")).toBe(true);
    expect(isRmaNumber(rma)).toBe(true);
    expect(rma.slice(4)).not.toMatch(/[01OIL]/);
  });

  it("is deterministic for a given random source and varies otherwise", () => {
    expect(newRmaNumber("kallesia", () => 0)).toBe("KA-R22222222");
    const seen = new Set(Array.from({ length: 200 }, () => newRmaNumber("kallesia")));
    expect(seen.size).toBe(200);
  });
});
