import { describe, expect, it } from "vitest";
import { orderNumberCandidates } from "./receive-email-message.ts";

describe("order numbers in an email", () => {
  it("reads the shapes stores use: prefixed, hashed, short, with letters after the digits", () => {
    const words = orderNumberCandidates("Re: order #10452 and KAL-10001, also ca-c1 (2026-0042-A)");
    expect(words).toEqual(expect.arrayContaining(["10452", "KAL-10001", "ca-c1", "CA-C1", "2026-0042-A"]));
  });

  it("skips words without a digit and very short ones", () => {
    expect(orderNumberCandidates("Hello, where is my order? A1 no")).toEqual([]);
  });

  it("stays bounded on a long message", () => {
    const text = Array.from({ length: 500 }, (_, i) => `N${i}00`).join(" ");
    expect(orderNumberCandidates(text).length).toBeLessThanOrEqual(80);
  });
});
