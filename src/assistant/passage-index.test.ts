import { describe, expect, it } from "vitest";
import { ingestDocument } from "./pages/ingest.ts";
import { ANSWER_TYPES, indexPassages } from "./passage-index.ts";

const flags = (text: string) => {
  const [doc] = indexPassages(ingestDocument("help.md", text));
  return { failedCase: doc?.failedCase, selfService: doc?.selfService };
};

describe("indexPassages: what kind of case a passage covers", () => {
  it.each([
    "If your return does not arrive at our warehouse, send us your proof of postage.",
    "If you haven't received your refund after 10 days, contact us.",
    "If we are unable to change your order, we may still cancel it.",
  ])("marks a passage about something failing: %s", (text) => {
    expect(flags(text).failedCase).toBe(true);
  });

  it.each([
    "When your return arrives at our warehouse, our team checks it within 4 working days.",
    "If you paid for shipping, the cost of shipping is not refunded.",
    "We do not accept returns on swimwear.",
  ])("leaves the usual course and plain rules unmarked: %s", (text) => {
    expect(flags(text).failedCase).toBe(false);
  });

  it("marks steps shoppers follow themselves, not what to send the team", () => {
    expect(flags("You can update your address yourself by logging into your account.").selfService).toBe(
      true,
    );
    expect(flags("Log in and go to your order page to edit the order.").selfService).toBe(true);
    expect(
      flags("If you ask our team to change an order, please include the following: - Order number")
        .selfService,
    ).toBe(false);
    expect(flags("Your refund will go to your original payment method.").selfService).toBe(false);
  });
});

describe("indexPassages: words only a later sentence's condition uses", () => {
  const indexed = (text: string) => indexPassages(ingestDocument("help.md", text))[0];

  it("keeps them apart from the words of the passage's main clauses", () => {
    const doc = indexed(
      "Refunds go back to the card you paid with. If your card is lost or cancelled, your bank will pass the refund on.",
    );
    expect(doc?.conditional.has("cancel")).toBe(true);
    // "card" is also the subject of the first sentence, so it is no mere condition.
    expect(doc?.conditional.has("card")).toBe(false);
    expect(doc?.conditional.has("refund")).toBe(false);
  });

  it("leaves a first sentence's condition alone: there it states the passage's topic", () => {
    const doc = indexed("If your order is cancelled, we refund you within 3 days.");
    expect(doc?.conditional.size).toBe(0);
  });

  it("marks a passage that says the shopper will get a message", () => {
    expect(indexed("When your order ships, you will receive a dispatch email.")?.text.has("#notice")).toBe(
      true,
    );
    expect(indexed("Orders ship within 2 days.")?.text.has("#notice")).toBe(false);
  });

  it("marks a passage that gives a reason, and a 'why' question asks for one", () => {
    expect(
      indexed("Our warehouse packs fast, so your order may already be on its way.")?.text.has("#reason"),
    ).toBe(true);
    expect(indexed("Orders ship within 2 days.")?.text.has("#reason")).toBe(false);
    const why = ANSWER_TYPES.filter((t) => t.ask.test("why could not you change my order")).map(
      (t) => t.concept,
    );
    expect(why).toContain("#reason");
  });

  it("reads a span the brand works to as a duration and a span the shopper acts in as a time limit", () => {
    expect(indexed("Our team will inspect your return within 5 working days.")?.text.has("deadline")).toBe(
      false,
    );
    expect(indexed("You can return items within 30 days of delivery.")?.text.has("deadline")).toBe(true);
  });
});
