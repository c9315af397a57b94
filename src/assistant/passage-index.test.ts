import { describe, expect, it } from "vitest";
import { ingestDocument } from "./ingest.ts";
import { indexPassages } from "./passage-index.ts";

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
