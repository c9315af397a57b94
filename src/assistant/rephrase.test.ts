import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completionsUrl, rephraseAnswer, unsupportedFact } from "./rephrase.ts";
import type { AssistantAnswer } from "./types.ts";

const PASSAGE =
  "Refunds are paid to your original card within 3 business days of the warehouse receiving your parcel.";
const extractive: AssistantAnswer = {
  answer: PASSAGE,
  citations: [{ document: "help.md", text: PASSAGE }],
  confidence: 0.8,
  handoff: false,
  intent: "faq",
};

/** A stand-in for an OpenAI-compatible endpoint: answers with whatever the test queued. */
interface FakeReply {
  readonly status?: number;
  readonly content?: string;
  readonly delayMs?: number;
}

describe("rephraseAnswer against a local OpenAI-compatible server", () => {
  let server: Server;
  let url: string;
  const queue: FakeReply[] = [];
  const received: { path: string; auth: string | undefined; body: unknown }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = "";
      req.on("data", (chunk: Buffer) => {
        raw += chunk.toString("utf8");
      });
      req.on("end", () => {
        received.push({ path: req.url ?? "", auth: req.headers.authorization, body: JSON.parse(raw) });
        const reply = queue.shift() ?? { status: 500 };
        setTimeout(() => {
          if (res.destroyed) return;
          res.writeHead(reply.status ?? 200, { "content-type": "application/json" });
          res.end(
            JSON.stringify({
              choices: [{ index: 0, message: { role: "assistant", content: reply.content } }],
            }),
          );
        }, reply.delayMs ?? 0);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("uses a faithful rewording and keeps the citations", async () => {
    queue.push({
      content:
        "Your refund goes back to your original card within 3 business days of the warehouse receiving your parcel.",
    });
    const outcome = await rephraseAnswer(extractive, { url, model: "tiny", apiKey: "k-test" });
    expect(outcome.kind).toBe("rephrased");
    expect(outcome.answer.answer).toMatch(/^Your refund goes back/);
    expect(outcome.answer.citations).toEqual(extractive.citations);
    const request = received.at(-1);
    expect(request?.path).toBe("/v1/chat/completions");
    expect(request?.auth).toBe("Bearer k-test");
    expect(JSON.stringify(request?.body)).toContain(PASSAGE);
  });

  it.each([
    [
      "a number",
      "Your refund reaches your card within 5 business days of the warehouse receiving your parcel.",
    ],
    [
      "a duration unit",
      "Your refund reaches your card within 3 weeks of the warehouse receiving your parcel.",
    ],
    ["an amount", "You get $20 back on your original card within 3 business days."],
    ["an email address", "Refunds take 3 business days; write to refunds@elsewhere.example with questions."],
    ["a link", "Refunds take 3 business days; see https://elsewhere.example/refunds for more."],
    ["a name", "Refunds are paid by Klarna to your original card within 3 business days."],
    ["a negation", "Refunds are not paid to your original card within 3 business days."],
  ])("rejects a rewording that adds %s and returns the extractive answer", async (_kind, content) => {
    queue.push({ content });
    const outcome = await rephraseAnswer(extractive, { url });
    expect(outcome.kind).toBe("kept");
    expect(outcome.answer).toEqual(extractive);
  });

  it("falls back when the endpoint fails, answers nothing, or is too slow", async () => {
    queue.push({ status: 503, content: "busy" });
    expect(await rephraseAnswer(extractive, { url })).toMatchObject({ kind: "kept", answer: extractive });
    queue.push({ content: "" });
    expect(await rephraseAnswer(extractive, { url })).toMatchObject({ kind: "kept", answer: extractive });
    queue.push({ content: "Refunds take 3 business days.", delayMs: 500 });
    const slow = await rephraseAnswer(extractive, { url, timeoutMs: 50 });
    expect(slow).toMatchObject({ kind: "kept", answer: extractive, reason: "rephrasing failed: timed out" });
    const down = await rephraseAnswer(extractive, { url: "http://127.0.0.1:1/v1", timeoutMs: 500 });
    expect(down).toMatchObject({ kind: "kept", answer: extractive });
  });

  it("does not reword a handoff", async () => {
    const before = received.length;
    const handoff: AssistantAnswer = {
      ...extractive,
      citations: [],
      handoff: true,
      answer: "I can't answer that.",
    };
    expect(await rephraseAnswer(handoff, { url })).toMatchObject({ kind: "kept", answer: handoff });
    expect(received.length).toBe(before);
  });
});

describe("unsupportedFact", () => {
  const sources = [
    "Items can be returned within 14 days. Email care@shop.example. Returns cost $5.00 with DHL.",
    "Worn items cannot be returned.",
  ];
  it("accepts the same facts in other words", () => {
    expect(
      unsupportedFact(
        "You have fourteen days to send items back for a $5 fee via DHL.",
        sources,
        sources[0] ?? "",
      ),
    ).toBeNull();
    expect(
      unsupportedFact("Items that were worn can't be sent back.", sources, "Worn items cannot be returned."),
    ).toBeNull();
  });
  it("names what it rejects", () => {
    expect(unsupportedFact("Return within 30 days.", sources, "")).toMatch(/number.*30/);
    expect(unsupportedFact("Send it with UPS within 14 days.", sources, "")).toMatch(/name.*ups/);
    expect(unsupportedFact("Worn items can be returned.", sources, "Worn items cannot be returned.")).toMatch(
      /drops a negation/,
    );
  });
  it("accepts both forms of an endpoint address", () => {
    expect(completionsUrl("http://llm.local/v1/")).toBe("http://llm.local/v1/chat/completions");
    expect(completionsUrl("http://llm.local/v1/chat/completions")).toBe(
      "http://llm.local/v1/chat/completions",
    );
  });
});
