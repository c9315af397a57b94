import { describe, expect, it } from "vitest";
import { createSpellingCorrector, editDistance } from "./spelling.ts";

describe("editDistance", () => {
  it.each([
    ["refund", "refund", 0],
    ["refnd", "refund", 1],
    ["recieved", "received", 1],
    ["kitten", "sitting", 3],
  ])("%s → %s is %i", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it("gives up past the limit", () => {
    expect(editDistance("paris", "policy", 1)).toBe(2);
  });
});

describe("createSpellingCorrector", () => {
  const speller = createSpellingCorrector([
    "refund",
    "received",
    "address",
    "exchange",
    "accessories",
    "person",
    "until",
  ]);

  it("reads a slip as the known word", () => {
    expect(speller.correct("my refunnd was not recieved")).toBe("my refund was not received");
    expect(speller.correct("wrong adress")).toBe("wrong address");
    expect(speller.correct("can i exhange it")).toBe("can i exchange it");
    expect(speller.correct("accesories returnable")).toBe("accessories returnable");
    expect(speller.correct("untill")).toBe("until");
  });

  it("leaves short words, other words and mere endings alone", () => {
    expect(speller.correct("chart")).toBe("chart");
    expect(speller.correct("personal data")).toBe("personal data");
    expect(speller.correct("refunds refunded")).toBe("refunds refunded");
    expect(speller.correct("klarna")).toBe("klarna");
  });

  it("never reads a real English word as a store word one slip away", () => {
    const known = ["engraved", "shipping", "leather"];
    const english = new Set(["engraving", "lather"]);
    const strict = createSpellingCorrector(known, { isWord: (w) => english.has(w) });
    expect(strict.correct("engraving lather")).toBe("engraving lather");
    expect(strict.correct("shiping lether")).toBe("shipping leather");
    expect(createSpellingCorrector(known).correct("lather")).toBe("leather");
  });
});
