import { describe, expect, it } from "vitest";
import { createAssistant } from "./engine.ts";
import { ingestDocument } from "./pages/ingest.ts";
import { profilePassage, type RerankTerm, readQuestion, rerankBonus, rerankFeatures } from "./rerank.ts";
import { analyze, normalize } from "./text.ts";

// A made-up ceramics brand whose page says similar things in neighbouring paragraphs.
const SCATTERED =
  "If we cannot amend your order, we may still be able to cancel it. However, cancelling is also not guaranteed.";
const FOCUSED =
  "Please email us quickly. While we try our best, order amendments are not always guaranteed once the kiln is fired.";
const FIELDS =
  "If you write to us about an amendment, please include the following: - Order Number - Phone Number - Delivery Address";

const idf = (term: string): number => (term === "order" ? 0.5 : 2);
const termsOf = (question: string): RerankTerm[] =>
  [...new Set(analyze(question).map((t) => t.term))].map((term) => ({
    term,
    weight: idf(term),
    alternatives: {},
  }));
const features = (question: string, text: string, wantsList = false) =>
  rerankFeatures(
    readQuestion(normalize(question), termsOf(question), wantsList),
    profilePassage(text, null, false),
    idf,
  );

describe("rerank: passage profiles", () => {
  it("splits prose into sentences and a list into its items, leading step numbers dropped", () => {
    const p = profilePassage(FIELDS, null, false);
    expect(p.sentences).toHaveLength(4);
    expect(p.listOnly.has("phone")).toBe(true);
    expect(p.listOnly.has("amend")).toBe(false);
    const step = profilePassage("4. Alternatively, call the studio. We reply fast.", null, false);
    expect(step.sentences).toHaveLength(2);
  });

  it("counts a telling heading as part of the main topic, and a page-wide one not", () => {
    expect(profilePassage("Allow 5 days.", "Refunds", true).head.has("refund")).toBe(true);
    expect(profilePassage("Allow 5 days.", "Refunds", false).head.has("refund")).toBe(false);
  });

  it("marks rules stated with a negation or condition", () => {
    expect(profilePassage("Do not send items back until we approve the fault.", null, false).rule).toBe(true);
    expect(profilePassage("Email us photos of the fault.", null, false).rule).toBe(false);
  });
});

describe("rerank: features", () => {
  it("prefers the passage with one sentence about exactly the question", () => {
    const q = "Are order amendments guaranteed?";
    const focused = features(q, FOCUSED);
    const scattered = features(q, SCATTERED);
    expect(focused.sentence).toBeGreaterThan(scattered.sentence);
    expect(focused.sentenceFocus).toBeGreaterThan(scattered.sentenceFocus);
  });

  it("penalises a passage whose main topic the question does not ask about", () => {
    expect(features("Can I amend my order?", SCATTERED).headMiss).toBeGreaterThan(0);
    // "We cannot amend" reads as too late to amend: a question saying so shares the whole opening.
    expect(features("Too late to amend, can I cancel my order?", SCATTERED).headMiss).toBe(0);
  });

  it("discounts words found only in a list of things to send, unless a list is asked for", () => {
    expect(features("Can I change my phone number?", FIELDS).listOnly).toBeGreaterThan(0);
    expect(features("Can I change my phone number?", FIELDS, true).listOnly).toBe(0);
  });

  it("rewards a rule for a yes/no question only", () => {
    const rule = "Do not send items back until we approve the fault.";
    expect(features("Can I send a faulty mug back?", rule).rule).toBe(1);
    expect(features("How do I report a faulty mug?", rule).rule).toBe(0);
  });

  it("leaves features at zero weight uncomputed, and computes the weighted ones as usual", () => {
    const question = "Are order amendments guaranteed?";
    const asked = readQuestion(normalize(question), termsOf(question), false);
    const profile = profilePassage(FOCUSED, "Order changes", true);
    const all = rerankFeatures(asked, profile, idf);
    expect(all.sentence).toBeGreaterThan(0);
    expect(all.headMiss).toBeGreaterThan(0);
    const only = { sentence: 0, sentenceFocus: 0, head: 0, headMiss: 1, rule: 0, listOnly: 0 };
    const some = rerankFeatures(asked, profile, idf, only);
    expect(some).toMatchObject({ sentence: 0, sentenceFocus: 0, head: 0, listOnly: 0 });
    expect(some.headMiss).toBe(all.headMiss);
    expect(rerankBonus(some, only)).toBe(rerankBonus(all, only));
  });

  it("combines features with their weights", () => {
    const f = { sentence: 1, sentenceFocus: 0.5, head: 1, headMiss: 1, rule: 1, listOnly: 1 };
    const w = { sentence: 1, sentenceFocus: 2, head: 0.5, headMiss: 0.25, rule: 0.1, listOnly: 0.2 };
    expect(rerankBonus(f, w)).toBeCloseTo(1 + 1 + 0.5 - 0.25 + 0.1 - 0.2);
  });
});

describe("rerank: in the assistant", () => {
  const page = ingestDocument("kiln-help.txt", [SCATTERED, FOCUSED, FIELDS].join("\n"));
  const off = { sentence: 0, sentenceFocus: 0, head: 0, headMiss: 0, rule: 0, listOnly: 0 };
  // The passage ranked first (a citation may widen it with its neighbours).
  const first = (question: string, rerankWeights?: typeof off): string | undefined =>
    createAssistant(page, { brandSlug: "kiln", rerankWeights }).explain(question).best;

  it("lets the best single sentence decide between near-duplicates when weighted", () => {
    // The first stage prefers the shorter passage; one sentence holding both concepts wins back.
    expect(first("Are order amendments guaranteed?", off)).toBe(SCATTERED);
    expect(first("Are order amendments guaranteed?", { ...off, sentence: 2 })).toBe(FOCUSED);
  });

  it("keeps a passage first when its main topic is what the question asks", () => {
    expect(first("Can I cancel my order?")).toBe(SCATTERED);
    expect(first("Can I cancel my order?", { ...off, headMiss: 5 })).toBe(SCATTERED);
  });
});
