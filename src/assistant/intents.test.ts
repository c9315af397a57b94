import { describe, expect, it } from "vitest";
import { createAssistant } from "./engine.ts";
import { detectIntent, flowUrl } from "./intents.ts";
import { ingestDocument } from "./pages/ingest.ts";

describe("detectIntent", () => {
  it.each([
    ["How can I track my order?", "track_order"],
    ["Where is my parcel?", "track_order"],
    ["I want to return these jeans", "start_return"],
    ["How do I send my order back?", "start_return"],
    ["I'd like to exchange my coat for a bigger one", "start_exchange"],
    ["I need to change the delivery address on my order", "change_order"],
    ["i need to fix my phone number on my order", "change_order"],
    ["there's a typo in my address on the order", "change_order"],
    ["wrong postcode on my order", "change_order"],
    ["Please cancel my order", "cancel_order"],
    ["My order is missing an item", "report_missing"],
    ["The zip on my dress is broken", "report_faulty"],
    ["My parcel never arrived", "lost_parcel"],
    ["Can I speak to a real person?", "talk_to_person"],
    ["I want to talk to someone from customer service", "talk_to_person"],
  ])("%s → %s", (question, intent) => {
    expect(detectIntent(question)?.intent).toBe(intent);
  });

  it.each([
    "What is the return window?",
    "Is there a fee for returns?",
    "Do you do exchanges?",
    "How long do refunds take?",
  ])("leaves policy questions as FAQ: %s", (question) => {
    expect(detectIntent(question)).toBeNull();
  });
});

describe("flowUrl", () => {
  it("builds portal links per brand", () => {
    expect(flowUrl("return", undefined, "kallesia")).toBe("/b/kallesia?next=return");
    expect(flowUrl("track", "https://care.example.com/", "castella")).toBe(
      "https://care.example.com/b/castella?next=track",
    );
  });
});

describe("action answers", () => {
  const passages = ingestDocument(
    "help.md",
    [
      "# Tracking",
      "Track your order with the link in your shipping email.",
      "# Returns",
      "Returns are accepted within 30 days of delivery.",
      "# Faults",
      "If an item is faulty, send us a photo of the fault within 7 days.",
    ].join("\n\n"),
  );
  const assistant = createAssistant(passages, { brandSlug: "acme" });

  it("points to the flow and still cites the policy passage", () => {
    const answer = assistant.ask("How can I track my order?");
    expect(answer.intent).toBe("track_order");
    expect(answer.handoff).toBe(false);
    expect(answer.action).toEqual({ flow: "track", url: "/b/acme?next=track" });
    expect(answer.citations[0]?.text).toBe("Track your order with the link in your shipping email.");
    expect(answer.answer).toContain("/b/acme?next=track");
  });

  it("cites the fault policy for a faulty-item report", () => {
    const answer = assistant.ask("My jacket arrived torn");
    expect(answer.intent).toBe("report_faulty");
    expect(answer.action?.url).toBe("/b/acme?next=faulty");
    expect(answer.citations[0]?.text).toContain("If an item is faulty");
  });

  it("answers a policy question as FAQ with the right passage", () => {
    const answer = assistant.ask("What is the return window?");
    expect(answer.intent).toBe("faq");
    expect(answer.action).toBeUndefined();
    expect(answer.citations[0]?.text).toContain("within 30 days");
  });

  it("hands off to a person on request", () => {
    const answer = assistant.ask("Can I talk to a human please?");
    expect(answer.intent).toBe("talk_to_person");
    expect(answer.handoff).toBe(true);
    expect(answer.action?.flow).toBe("contact");
  });
});
