import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedOrder } from "../../../test/support/auth-test-helpers.ts";
import { addBrand } from "../../app/brands/add-brand.ts";
import { importKnowledge } from "../../app/knowledge/import-knowledge.ts";
import { loadConfig } from "../../config.ts";
import type { Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { buildServer } from "../server.ts";

// Two made-up brands whose pages answer the same questions differently.
const FJELL = [
  "# Returns",
  "You can return unused gear within 60 days of delivery for a full refund.",
  "Tents that have been pitched outdoors cannot be returned unless they are faulty.",
  "# Refunds",
  "Refunds are paid to your original card within 3 business days of the warehouse receiving your parcel.",
  "# Shipping",
  "We ship to Norway, Sweden and Finland. Express delivery takes 2 business days.",
  "# Promo codes",
  "Promo codes must be entered at checkout and cannot be added to an order afterwards.",
].join("\n\n");
const LUMA = [
  "# Returns",
  "Unworn clothing may be returned within 21 days of delivery.",
  "# Refunds",
  "Refunds are paid to your original card within 8 working days after your return reaches us.",
  "# Delivery",
  "Orders are delivered within Portugal and Spain in 4 working days.",
  "# Gift wrap",
  "Gift wrapping is available at checkout for every item.",
].join("\n\n");

const NOW = new Date("2026-03-10T09:00:00Z");
const CONTRACT_KEYS = ["answer", "citations", "confidence", "handoff", "id", "intent"];

describe.each(testDatabases())("assistant over HTTP on $name", (target) => {
  let store: Store;
  let app: FastifyInstance;
  let llm: Server;
  let llmReplies: string[] = [];
  let rephrasingApp: FastifyInstance;

  beforeAll(async () => {
    store = await target.open();
    await addBrand(store.db, { slug: "fjell", name: "Fjell" });
    await addBrand(store.db, { slug: "luma", name: "Luma" });
    await importKnowledge(store.db, { brandSlug: "fjell", name: "fjell-help.md", content: FJELL, now: NOW });
    await importKnowledge(store.db, { brandSlug: "luma", name: "luma-help.md", content: LUMA, now: NOW });
    app = await buildServer({ config: loadConfig({}), store, now: () => NOW });

    llm = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        const content = llmReplies.shift();
        res.writeHead(content === undefined ? 500 : 200, { "content-type": "application/json" });
        res.end(JSON.stringify({ choices: [{ message: { role: "assistant", content } }] }));
      });
    });
    await new Promise<void>((resolve) => llm.listen(0, "127.0.0.1", resolve));
    const port = (llm.address() as AddressInfo).port;
    rephrasingApp = await buildServer({
      config: loadConfig({ ASSISTANT_LLM_URL: `http://127.0.0.1:${port}/v1` }),
      store,
      now: () => NOW,
    });
  });
  afterAll(async () => {
    await app.close();
    await rephrasingApp.close();
    llm.closeAllConnections();
    await new Promise((resolve) => llm.close(resolve));
    await store.close();
  });

  async function ask(brand: string, question: string, server = app) {
    return server.inject({
      method: "POST",
      url: `/api/v1/brands/${brand}/assistant/ask`,
      payload: { id: "q1", question },
    });
  }

  it("answers with exactly the contract's JSON shape", async () => {
    const res = await ask("fjell", "How long until I get my money back?");
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(CONTRACT_KEYS);
    expect(body).toMatchObject({ id: "q1", handoff: false, intent: "faq" });
    expect(body.confidence).toBeGreaterThan(0);
    expect(body.confidence).toBeLessThanOrEqual(1);
    expect(body.citations[0]).toEqual({
      title: "Refunds",
      document: "fjell-help.md",
      text: "Refunds are paid to your original card within 3 business days of the warehouse receiving your parcel.",
    });
  });

  it("answers each brand from its own pages only", async () => {
    for (const question of ["How long do refunds take?", "Where do you deliver?", "Can I return items?"]) {
      const fjell = (await ask("fjell", question)).json();
      const luma = (await ask("luma", question)).json();
      for (const c of fjell.citations) expect(c.document).toBe("fjell-help.md");
      for (const c of luma.citations) expect(c.document).toBe("luma-help.md");
    }
    const luma = (await ask("luma", "How long do refunds take?")).json();
    expect(luma.citations[0]?.text).toContain("within 8 working days");
    // Gift wrap is only on Luma's pages: Fjell hands off rather than borrow Luma's answer.
    const fjell = (await ask("fjell", "Do you offer gift wrapping?")).json();
    expect(fjell.handoff).toBe(true);
    expect(fjell.citations).toEqual([]);
  });

  it("validates the question and the brand with the one error shape", async () => {
    const empty = await app.inject({
      method: "POST",
      url: "/api/v1/brands/fjell/assistant/ask",
      payload: {},
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe("VALIDATION");
    const unknown = await ask("nobody", "How long do refunds take?");
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe("NOT_FOUND");
  });

  it("runs a chat: answer, offer of a person, handoff to a case, then the team's turn", async () => {
    const start = await app.inject({
      method: "POST",
      url: "/api/v1/brands/fjell/assistant/conversations",
      payload: { text: "Do you deliver abroad?" },
    });
    expect(start.statusCode).toBe(201);
    const { conversation, reply } = start.json();
    expect(reply.citations[0].text).toContain("We ship to Norway");
    expect(conversation.id).toMatch(/^[0-9a-f-]{36}$/);
    const url = `/api/v1/brands/fjell/assistant/conversations/${conversation.id}`;

    const outOfScope = (
      await app.inject({
        method: "POST",
        url: `${url}/messages`,
        payload: { text: "Do you have a loyalty scheme?" },
      })
    ).json();
    expect(outOfScope.reply.handoff).toBe(true);
    expect(outOfScope.conversation.handoff).toMatchObject({ offered: true, accepted: false });

    const handoff = await app.inject({
      method: "POST",
      url: `${url}/handoff`,
      payload: { email: "kari@example.com" },
    });
    expect(handoff.statusCode).toBe(200);
    const caseId = handoff.json().handoff.caseId;
    const messages = await store.db
      .selectFrom("case_messages")
      .select(["author_type", "body"])
      .where("case_id", "=", caseId)
      .orderBy("created_at")
      .execute();
    expect(messages.map((m) => m.author_type)).toEqual(["customer", "assistant", "customer", "assistant"]);
    expect(messages[2]?.body).toBe("Do you have a loyalty scheme?");

    const after = (
      await app.inject({
        method: "POST",
        url: `${url}/messages`,
        payload: { text: "How long do refunds take?" },
      })
    ).json();
    expect(after.reply).toBeNull();
    expect(after.conversation.status).toBe("handed_off");

    const history = await app.inject({ method: "GET", url });
    expect(history.json().messages.map((m: { role: string }) => m.role)).toEqual([
      "shopper",
      "assistant",
      "shopper",
      "assistant",
      "shopper",
    ]);
    // The conversation id is the key: another brand's path does not find it.
    const elsewhere = await app.inject({
      method: "GET",
      url: `/api/v1/brands/luma/assistant/conversations/${conversation.id}`,
    });
    expect(elsewhere.statusCode).toBe(404);
  });

  it("links a signed-in shopper's handoff to their order; a stale token is treated as anonymous", async () => {
    const brand = await store.db
      .selectFrom("brands")
      .select("id")
      .where("slug", "=", "fjell")
      .executeTakeFirstOrThrow();
    const orderId = await seedOrder(store.db, {
      brandId: brand.id,
      number: "FJ-1",
      email: "kari@example.com",
    });
    const session = await app.inject({
      method: "POST",
      url: "/api/v1/brands/fjell/shopper-session",
      payload: { orderNumber: "FJ-1", email: "kari@example.com" },
    });
    expect(session.statusCode).toBe(201);
    const headers = { authorization: `Bearer ${session.json().token}` };
    const start = await app.inject({
      method: "POST",
      url: "/api/v1/brands/fjell/assistant/conversations",
      headers,
      payload: { text: "Do you have a loyalty scheme?" },
    });
    const url = `/api/v1/brands/fjell/assistant/conversations/${start.json().conversation.id}`;
    const handoff = await app.inject({ method: "POST", url: `${url}/handoff`, headers, payload: {} });
    expect(handoff.statusCode).toBe(200);
    const linked = await store.db
      .selectFrom("support_cases")
      .select(["order_id", "customer_email"])
      .where("id", "=", handoff.json().handoff.caseId)
      .executeTakeFirstOrThrow();
    expect(linked).toEqual({ order_id: orderId, customer_email: "kari@example.com" });

    const stale = await app.inject({
      method: "POST",
      url: "/api/v1/brands/fjell/assistant/ask",
      headers: { authorization: "Bearer not-a-token" },
      payload: { question: "Do you deliver abroad?" },
    });
    expect(stale.statusCode).toBe(200);
  });

  it("uses a faithful rephrasing and refuses one that adds a fact", async () => {
    const question = "How long until I get my money back?";
    llmReplies = [
      "Your money goes back to your original card within 3 business days of the warehouse receiving your parcel.",
    ];
    const faithful = (await ask("fjell", question, rephrasingApp)).json();
    expect(faithful.answer).toMatch(/^Your money goes back/);
    expect(faithful.citations[0].document).toBe("fjell-help.md");

    llmReplies = ["Your money goes back to your card within 3 business days, plus a 10% bonus voucher."];
    const embellished = (await ask("fjell", question, rephrasingApp)).json();
    const extractive = (await ask("fjell", question)).json();
    expect(embellished).toEqual(extractive);

    llmReplies = [];
    const failing = (await ask("fjell", question, rephrasingApp)).json();
    expect(failing).toEqual(extractive);
  });

  it("documents the assistant routes in the OpenAPI document", async () => {
    const doc = (await app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/brands/{brand}/assistant/ask",
        "/api/v1/brands/{brand}/assistant/conversations",
        "/api/v1/brands/{brand}/assistant/conversations/{id}/messages",
        "/api/v1/brands/{brand}/assistant/conversations/{id}/handoff",
        "/api/v1/brands/{brand}/assistant/conversations/{id}",
      ]),
    );
  });
});
