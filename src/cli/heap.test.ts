import { describe, expect, it } from "vitest";
import { boundHeapGrowth } from "./heap.ts";

describe("boundHeapGrowth", () => {
  it("leaves an operator's own --heap-growing-percent alone, on the command line or in NODE_OPTIONS", () => {
    expect(boundHeapGrowth(["--heap-growing-percent=80"], "")).toBe(false);
    expect(boundHeapGrowth([], "--max-old-space-size=512 --heap-growing-percent=10")).toBe(false);
  });

  it("sets the bound when nothing else does", () => {
    expect(boundHeapGrowth(["--enable-source-maps"], "--max-old-space-size=512")).toBe(true);
  });
});
