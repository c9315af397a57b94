import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../db/database.ts";
import { newId } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { addBrand } from "../brands/add-brand.ts";
import { assignCase } from "../cases/assign-case.ts";
import { getCase } from "../cases/get-case.ts";
import { replyToCase } from "../cases/reply-to-case.ts";
import type { Actor } from "../kernel/actor.ts";
import { type AnswerFn, createAnswerer } from "./answer-question.ts";
import { acceptHandoff, getConversation, sendChatMessage, startConversation } from "./assistant-chat.ts";
import { createBrandAssistantCache } from "./brand-assistant-cache.ts";
import { importKnowledge } from "./import-knowledge.ts";

// A made-up brand's help page, written for these tests.
const FJELL_HELP = [
  "# Returns",
  "You can return unused gear within 60 days of delivery for a full refund.",
  "Tents that have been pitched outdoors cannot be returned unless they are faulty.",
  "# Refunds",
  "Refunds are paid to your original card within 3 business days of the warehouse receiving your parcel.",
  "# Shipping",
  "We ship to Norway, Sweden and Finland. Express delivery takes 2 business days.",
  "# Promo codes",
  "Promo codes must be entered at checkout and cannot be added to an order afterwards.",
  "# Damaged gear",
  "If your gear arrives broken, email photos of the damage to care@fjell.example within 10 days.",
].join("\n\n");

const NOW = new Date("2026-03-10T09:00:00Z");
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const anonymous: Actor = { type: "anonymous" };

describe.each(testDatabases())("assistant chat on $name", (target) => {
  let store: Store;
  let answer: AnswerFn;
  let agent: Actor;

  beforeAll(async () => {
    store = await target.open();
    await addBrand(store.db, { slug: "fjell", name: "Fjell" });
    await importKnowledge(store.db, { brandSlug: "fjell", name: "help.md", content: FJELL_HELP, now: NOW });
    answer = createAnswerer({ cache: createBrandAssistantCache(store.db) });
    const agentId = newId();
    await store.db
      .insertInto("staff_users")
      .values({
        id: agentId,
        email: "agent@fjell.example",
        name: "Agent",
        password_hash: "x",
        role: "agent",
        brand_id: null,
        created_at: NOW.toISOString(),
        last_login_at: null,
      })
      .execute();
    agent = { type: "staff", id: agentId, role: "agent", brandId: null };
  });
  afterAll(async () => {
    await store.close();
  });

  it("answers a question with citations and keeps the history", async () => {
    const first = await startConversation(store.db, {
      brandSlug: "fjell",
      text: "How long until I get my money back?",
      actor: anonymous,
      now: NOW,
      answer,
    });
    expect(first.reply?.handoff).toBe(false);
    expect(first.reply?.citations[0]).toMatchObject({ document: "help.md" });
    expect(first.reply?.citations[0]?.text).toContain("within 3 business days");
    expect(first.conversation).toMatchObject({
      status: "active",
      handoff: { offered: false, accepted: false },
    });

    const second = await sendChatMessage(store.db, {
      brandSlug: "fjell",
      conversationId: first.conversation.id,
      text: "Do you deliver abroad?",
      actor: anonymous,
      now: later(1),
      answer,
    });
    expect(second.reply?.citations[0]?.text).toContain("We ship to Norway");
    const history = await getConversation(store.db, {
      brandSlug: "fjell",
      conversationId: first.conversation.id,
    });
    expect(history.messages.map((m) => m.role)).toEqual(["shopper", "assistant", "shopper", "assistant"]);
    expect(history.messages[1]?.citations?.[0]?.document).toBe("help.md");
  });

  it("offers a person when the pages do not answer, and hands the whole conversation to a case", async () => {
    const turn = await startConversation(store.db, {
      brandSlug: "fjell",
      text: "Do you have a loyalty scheme?",
      actor: anonymous,
      now: NOW,
      answer,
    });
    expect(turn.reply?.handoff).toBe(true);
    expect(turn.reply?.citations).toEqual([]);
    expect(turn.conversation).toMatchObject({
      status: "handoff_offered",
      handoff: { offered: true, accepted: false },
    });
    const id = turn.conversation.id;

    await expect(
      acceptHandoff(store.db, { brandSlug: "fjell", conversationId: id, actor: anonymous, now: later(1) }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    const accepted = await acceptHandoff(store.db, {
      brandSlug: "fjell",
      conversationId: id,
      email: "Kari@Example.com",
      actor: anonymous,
      now: later(1),
    });
    expect(accepted).toMatchObject({ status: "handed_off", handoff: { accepted: true, caseStatus: "open" } });
    const caseId = accepted.handoff.caseId ?? "";
    const again = await acceptHandoff(store.db, {
      brandSlug: "fjell",
      conversationId: id,
      email: "kari@example.com",
      actor: anonymous,
      now: later(2),
    });
    expect(again.handoff.caseId).toBe(caseId);

    const detail = await getCase(store.db, { caseId, actor: agent });
    expect(detail.case).toMatchObject({ channel: "chat", customerEmail: "kari@example.com", orderId: null });
    expect(detail.messages.map((m) => [m.authorType, m.body.slice(0, 20)])).toEqual([
      ["customer", "Do you have a loyalt"],
      ["assistant", turn.reply?.answer.slice(0, 20)],
    ]);
    const audit = await store.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["conversation.handoff"]);
  });

  it("stops answering once the case is with the team: messages go to the case, agent replies show in the chat", async () => {
    const turn = await startConversation(store.db, {
      brandSlug: "fjell",
      text: "Can I pay in instalments?",
      actor: anonymous,
      now: NOW,
      answer,
    });
    const id = turn.conversation.id;
    const accepted = await acceptHandoff(store.db, {
      brandSlug: "fjell",
      conversationId: id,
      email: "ola@example.com",
      actor: anonymous,
      now: later(1),
    });
    const caseId = accepted.handoff.caseId ?? "";
    await assignCase(store.db, {
      caseId,
      assigneeId: agent.type === "staff" ? agent.id : null,
      actor: agent,
      now: later(2),
    });
    await replyToCase(store.db, {
      caseId,
      body: "Hi Ola, I can help with that.",
      actor: agent,
      now: later(3),
    });

    let asked = 0;
    const counting: AnswerFn = async (brand, question) => {
      asked += 1;
      return answer(brand, question);
    };
    const next = await sendChatMessage(store.db, {
      brandSlug: "fjell",
      conversationId: id,
      text: "How long do refunds take?",
      actor: anonymous,
      now: later(4),
      answer: counting,
    });
    expect(asked).toBe(0);
    expect(next.reply).toBeNull();
    expect(next.conversation.handoff).toMatchObject({
      accepted: true,
      agentAssigned: true,
      caseStatus: "open",
    });
    expect(next.conversation.messages.map((m) => m.role)).toEqual([
      "shopper",
      "assistant",
      "agent",
      "shopper",
    ]);
    const detail = await getCase(store.db, { caseId, actor: agent });
    expect(detail.messages.at(-1)).toMatchObject({
      authorType: "customer",
      body: "How long do refunds take?",
    });
  });

  it("drops an answer prepared while the conversation was being handed over", async () => {
    const turn = await startConversation(store.db, {
      brandSlug: "fjell",
      actor: anonymous,
      now: NOW,
      answer,
    });
    const id = turn.conversation.id;
    // The shopper accepts a person in another tab while this question is being answered.
    const racing: AnswerFn = async (brand, question) => {
      await acceptHandoff(store.db, {
        brandSlug: "fjell",
        conversationId: id,
        email: "sam@example.com",
        actor: anonymous,
        now: later(1),
      });
      return answer(brand, question);
    };
    const result = await sendChatMessage(store.db, {
      brandSlug: "fjell",
      conversationId: id,
      text: "Do you deliver abroad?",
      actor: anonymous,
      now: later(2),
      answer: racing,
    });
    expect(result.reply).toBeNull();
    expect(result.conversation.messages.filter((m) => m.role === "assistant")).toEqual([]);
    const detail = await getCase(store.db, {
      caseId: result.conversation.handoff.caseId ?? "",
      actor: agent,
    });
    expect(detail.messages.map((m) => m.body)).toEqual(["Do you deliver abroad?"]);
  });

  it("links the case to the order when the shopper is signed in", async () => {
    const brand = await store.db
      .selectFrom("brands")
      .select("id")
      .where("slug", "=", "fjell")
      .executeTakeFirstOrThrow();
    const orderId = newId();
    const at = NOW.toISOString();
    await store.db
      .insertInto("orders")
      .values({
        id: orderId,
        brand_id: brand.id,
        customer_id: null,
        number: "FJ-1",
        email: "liv@example.com",
        phone: null,
        shipping_country: "NO",
        status: "delivered",
        currency: "NOK",
        total: 100000,
        policy_version: null,
        placed_at: at,
        dispatched_at: null,
        delivered_at: null,
        cancelled_at: null,
        external_id: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    const shopper: Actor = { type: "shopper", orderId, brandId: brand.id, email: "liv@example.com" };
    const turn = await startConversation(store.db, {
      brandSlug: "fjell",
      text: "I want to talk to a person",
      actor: shopper,
      now: NOW,
      answer,
    });
    const accepted = await acceptHandoff(store.db, {
      brandSlug: "fjell",
      conversationId: turn.conversation.id,
      actor: shopper,
      now: later(1),
    });
    const detail = await getCase(store.db, { caseId: accepted.handoff.caseId ?? "", actor: shopper });
    expect(detail).toMatchObject({ orderNumber: "FJ-1", case: { customerEmail: "liv@example.com" } });

    // Asking about their own order, a signed-in shopper is pointed to its page; anyone else to the
    // page that finds an order first.
    const mine = await startConversation(store.db, {
      brandSlug: "fjell",
      text: "where is my parcel",
      actor: shopper,
      now: later(2),
      answer,
    });
    expect(mine.reply?.action).toEqual({ flow: "track", url: "/b/fjell/order#track" });
    expect(mine.reply?.answer).toContain("/b/fjell/order#track");
    const theirs = await startConversation(store.db, {
      brandSlug: "fjell",
      text: "where is my parcel",
      actor: anonymous,
      now: later(3),
      answer,
    });
    expect(theirs.reply?.action).toEqual({ flow: "track", url: "/b/fjell?next=track" });
  });

  it("never shows one brand's conversation under another brand", async () => {
    await addBrand(store.db, { slug: "other", name: "Other" });
    const turn = await startConversation(store.db, {
      brandSlug: "fjell",
      actor: anonymous,
      now: NOW,
      answer,
    });
    await expect(
      getConversation(store.db, { brandSlug: "other", conversationId: turn.conversation.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
