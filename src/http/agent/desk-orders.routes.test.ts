// The desk working an order from a case: the shopper's requests listed, an order changed or cancelled
// on the shopper's behalf (the policy still decides), duplicate cases merged (a late reply to the
// duplicate's address still threads into the kept case), and the inbox searched by words, email and
// order number.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedBrand, seedOrder } from "../../../test/support/test-seed.ts";
import { signStaffSession } from "../../app/access/session-tokens.ts";
import { receiveEmailMessage } from "../../app/cases/receive-email-message.ts";
import { loadConfig } from "../../config.ts";
import type { Store } from "../../db/database.ts";
import { newId } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { CSRF_HEADER, SESSION_COOKIE } from "../auth.ts";
import { buildServer } from "../server.ts";

const NOW = new Date("2026-03-10T09:00:00Z");
const SECRET = "desk-orders-routes-test-secret-0123456789";

describe.each(testDatabases())("desk order actions, merging and search on $name", (target) => {
  let store: Store;
  let app: FastifyInstance;
  let brandId: string;
  let agent: Record<string, string>;
  let warehouse: Record<string, string>;

  async function staffHeaders(role: "agent" | "warehouse"): Promise<Record<string, string>> {
    const id = newId();
    await store.db
      .insertInto("staff_users")
      .values({
        id,
        email: `${role}-${id}@care.example`,
        name: role === "agent" ? "Rosa Lind" : "Depot",
        password_hash: "x",
        role,
        brand_id: null,
        created_at: NOW.toISOString(),
        last_login_at: null,
      })
      .execute();
    const session = signStaffSession(SECRET, id, NOW);
    return { cookie: `${SESSION_COOKIE}=${session.token}`, [CSRF_HEADER]: session.csrf };
  }

  const placedOrder = (email: string) =>
    seedOrder(store.db, {
      brandId,
      currency: "GBP",
      email,
      status: "placed",
      placedAt: "2026-03-09T10:00:00Z",
      lines: [{ key: "1", title: "Linen shirt", unitPrice: 4500 }],
    });

  async function openCase(subject: string, customerEmail: string, body: string, orderNumber?: string) {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/desk/cases",
      headers: agent,
      payload: { brand: "kallesia", subject, body, channel: "phone", customerEmail, orderNumber },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string };
  }

  beforeAll(async () => {
    store = await target.open();
    brandId = (await seedBrand(store.db, "kallesia")).id;
    agent = await staffHeaders("agent");
    warehouse = await staffHeaders("warehouse");
    app = await buildServer({ config: loadConfig({}), store, now: () => NOW, sessionSecret: SECRET });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it("cancels for the shopper as the policy says (Kallesia: a request), lists it, and approves it", async () => {
    const order = await placedOrder("mira@example.com");
    const cancel = await app.inject({
      method: "POST",
      url: `/api/v1/desk/orders/${order.orderId}/cancel`,
      headers: agent,
      payload: { reason: "ordered the wrong size" },
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json().status).toBe("pending");
    const listed = await app.inject({
      method: "GET",
      url: `/api/v1/desk/orders/${order.orderId}/requests`,
      headers: agent,
    });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().cancellations).toMatchObject([
      { id: cancel.json().cancellationId, status: "pending", reason: "ordered the wrong size" },
    ]);
    const approve = await app.inject({
      method: "POST",
      url: `/api/v1/desk/cancellations/${cancel.json().cancellationId}/resolve`,
      headers: agent,
      payload: { approve: true },
    });
    expect(approve.statusCode, approve.body).toBe(200);
    const after = await app.inject({
      method: "GET",
      url: `/api/v1/desk/orders/${order.orderId}/requests`,
      headers: warehouse,
    });
    expect(after.json().cancellations[0].status).not.toBe("pending");
  });

  it("changes the phone for the shopper before dispatch, and refuses the warehouse with 403", async () => {
    const order = await placedOrder("noor@example.com");
    const amend = await app.inject({
      method: "POST",
      url: `/api/v1/desk/orders/${order.orderId}/amend`,
      headers: agent,
      payload: { phone: "+44 20 7946 0000" },
    });
    expect(amend.statusCode, amend.body).toBe(200);
    expect(amend.json().status).toBe("applied");
    const row = await store.db
      .selectFrom("orders")
      .select("phone")
      .where("id", "=", order.orderId)
      .executeTakeFirstOrThrow();
    expect(row.phone).toBe("+44 20 7946 0000");
    const refused = await app.inject({
      method: "POST",
      url: `/api/v1/desk/orders/${order.orderId}/amend`,
      headers: warehouse,
      payload: { phone: "+44 20 7946 0001" },
    });
    expect(refused.statusCode).toBe(403);
    const bad = await app.inject({
      method: "POST",
      url: `/api/v1/desk/orders/${order.orderId}/amend`,
      headers: agent,
      payload: { phone: 12 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("VALIDATION");
  });

  it("merges a duplicate into the kept case; a late email to the duplicate's address lands in the kept one", async () => {
    const order = await placedOrder("jo@example.com");
    const kept = await openCase(
      "Where is my parcel",
      "jo@example.com",
      "Called about the parcel.",
      order.number,
    );
    const dup = await openCase("Parcel again", "jo@example.com", "Second call, same parcel.");
    const merged = await app.inject({
      method: "POST",
      url: `/api/v1/desk/cases/${kept.id}/merge`,
      headers: agent,
      payload: { duplicateId: dup.id },
    });
    expect(merged.statusCode, merged.body).toBe(200);
    const keptView = (
      await app.inject({ method: "GET", url: `/api/v1/desk/cases/${kept.id}`, headers: agent })
    ).json();
    const bodies = keptView.messages.map((m: { body: string }) => m.body);
    expect(bodies).toEqual(expect.arrayContaining(["Called about the parcel.", "Second call, same parcel."]));
    expect(bodies.some((b: string) => b.startsWith("Merged in the duplicate case"))).toBe(true);
    const dupView = (
      await app.inject({ method: "GET", url: `/api/v1/desk/cases/${dup.id}`, headers: agent })
    ).json();
    expect(dupView.case).toMatchObject({ status: "closed", mergedInto: kept.id });

    const again = await app.inject({
      method: "POST",
      url: `/api/v1/desk/cases/${kept.id}/merge`,
      headers: agent,
      payload: { duplicateId: dup.id },
    });
    expect(again.statusCode).toBe(409);
    const self = await app.inject({
      method: "POST",
      url: `/api/v1/desk/cases/${kept.id}/merge`,
      headers: agent,
      payload: { duplicateId: kept.id },
    });
    expect(self.statusCode).toBe(400);

    const token = (
      await store.db
        .selectFrom("support_cases")
        .select("reply_token")
        .where("id", "=", dup.id)
        .executeTakeFirstOrThrow()
    ).reply_token;
    const late = await receiveEmailMessage(store.db, {
      brandId,
      mailbox: "support",
      from: "jo@example.com",
      fromName: null,
      subject: "Re: Parcel again",
      text: "Any news?",
      messageId: "<late-1@example.com>",
      inReplyTo: null,
      references: [],
      replyToken: token,
      attachments: [],
      now: NOW,
    });
    expect(late.caseId).toBe(kept.id);
  });

  it("searches the inbox by words in messages, by email and by order number; wildcards are plain text", async () => {
    const order = await placedOrder("search-me@example.com");
    const found = await openCase(
      "Gift wrap",
      "search-me@example.com",
      "Could the scarf be wrapped in tissue?",
      order.number,
    );
    await openCase("Other thing", "someone@example.com", "Nothing to see.");
    const ids = async (q: string) =>
      (
        await app.inject({
          method: "GET",
          url: `/api/v1/desk/cases?q=${encodeURIComponent(q)}`,
          headers: agent,
        })
      )
        .json()
        .cases.map((c: { id: string }) => c.id);
    expect(await ids("TISSUE")).toEqual([found.id]);
    expect(await ids("search-me@example")).toEqual([found.id]);
    expect(await ids(order.number.toLowerCase())).toEqual([found.id]);
    expect(await ids("%")).toEqual([]);
    expect(await ids("nothing-like-this")).toEqual([]);
  });
});
