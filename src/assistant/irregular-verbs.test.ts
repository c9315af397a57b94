import { describe, expect, it } from "vitest";
import { createAssistant } from "./assistant.ts";
import { IRREGULAR_VERBS } from "./irregular-verbs.ts";
import { stem } from "./retrieval.ts";

describe("irregular verb forms", () => {
  it("stems a past form as its base", () => {
    expect(stem("paid")).toBe(stem("pay"));
    expect(stem("bought")).toBe(stem("buy"));
    expect(stem("sent")).toBe(stem("send"));
    expect(stem("broken")).toBe(stem("break"));
  });

  it("leaves forms that are words of their own in common use", () => {
    for (const form of ["found", "left", "ground", "saw"]) expect(IRREGULAR_VERBS.has(form)).toBe(false);
  });

  it("finds the passage that uses the base form", () => {
    const a = createAssistant(
      [
        { document: "help.md", position: 0, heading: "Paying", text: "You can pay by card or PayPal." },
        { document: "help.md", position: 1, heading: "Delivery", text: "Parcels arrive in 3 days." },
      ],
      { wordVectors: false },
    );
    expect(a.ask("i paid by paypal, is that ok").citations[0]?.text).toContain("pay by card");
  });
});
