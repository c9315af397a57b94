import { describe, expect, it } from "vitest";
import { normalize, tokenize } from "./text.ts";

describe("normalize", () => {
  it("reads contractions typed without an apostrophe", () => {
    expect(normalize("I cant find it, it wasnt there and I dont know")).toBe(
      "i can not find it it was not there and i do not know",
    );
  });
});

describe("tokenize", () => {
  it("does not fold a shopper onto customs, nor using something onto wearing it", () => {
    expect(tokenize("customers")).toEqual(["customer"]);
    expect(tokenize("customs duties")).toEqual(["customs", "customs"]);
    expect(tokenize("use the chat")).not.toContain("wear");
  });
});
