import { describe, expect, it } from "vitest";
import { SCOPE_TOPICS, SHOP_TOPICS } from "./concepts.ts";
import { CONCEPTS } from "./synonyms.ts";
import { tokenize } from "./text.ts";

describe("shop topics", () => {
  it("are concepts of the shared vocabulary", () => {
    for (const topic of SCOPE_TOPICS) expect(CONCEPTS[topic]).toEqual(SHOP_TOPICS[topic]);
  });

  it("fold a shopper's wording onto one topic term", () => {
    expect(tokenize("do you take Klarna")).toContain("paymentplan");
    expect(tokenize("can I pay in instalments")).toContain("paymentplan");
    expect(tokenize("what are your opening hours")).toContain("hours");
    expect(tokenize("when does the new collection launch")).toContain("launch");
    expect(tokenize("what size should i get if i usually wear a medium")).toContain("sizeguide");
    expect(tokenize("where are you based")).toContain("office");
    expect(tokenize("is your packaging recyclable")).toContain("ethics");
  });

  it("leave a brand's own wording about the same words alone", () => {
    // "original payment method" is about refunds, not the ways a shop takes payment.
    expect(tokenize("refunds go to your original payment method")).not.toContain("paymentplan");
    // "store credit" is a refund form, not a physical shop.
    expect(tokenize("you will be issued with a store credit")).not.toContain("storevisit");
    // A shopper's own phone number, asked for in an amendment, is not the brand's phone line.
    expect(tokenize("please include your order number and phone number")).not.toContain("callline");
  });
});
