import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signShopperSession, signStaffSession } from "../../app/access/session-tokens.ts";
import { addBrand } from "../../app/brands/add-brand.ts";
import { loadConfig } from "../../config.ts";
import type { Store } from "../../db/database.ts";
import { newId } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { CSRF_HEADER, SESSION_COOKIE } from "../auth.ts";
import { buildServer } from "../server.ts";

const NOW = new Date("2026-03-10T09:00:00Z");
const SECRET = "cases-routes-test-secret-0123456789";

describe.each(testDatabases())("desk and shopper case routes on $name", (target) => {
  let store: Store;
  let app: FastifyInstance;
  let agentId: string;
  let warehouseId: string;
  let shopperToken: string;

  async function staff(role: "agent" | "warehouse"): Promise<string> {
    const id = newId();
    await store.db
      .insertInto("staff_users")
      .values({
        id,
        email: `${role}-${id}@care.example`,
        name: role,
        password_hash: "x",
        role,
        brand_id: null,
        created_at: NOW.toISOString(),
        last_login_at: null,
      })
      .execute();
    return id;
  }

  function asStaff(userId: string) {
    const session = signStaffSession(SECRET, userId, NOW);
    return { cookie: `${SESSION_COOKIE}=${session.token}`, [CSRF_HEADER]: session.csrf };
  }

  beforeAll(async () => {
    store = await target.open();
    await addBrand(store.db, { slug: "north", name: "North" });
    const brand = await store.db
      .selectFrom("brands")
      .select("id")
      .where("slug", "=", "north")
      .executeTakeFirstOrThrow();
    const orderId = newId();
    const at = NOW.toISOString();
    await store.db
      .insertInto("orders")
      .values({
        id: orderId,
        brand_id: brand.id,
        customer_id: null,
        number: "N-7",
        email: "ada@example.com",
        phone: null,
        shipping_country: "US",
        status: "delivered",
        currency: "USD",
        total: 5000,
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
    agentId = await staff("agent");
    warehouseId = await staff("warehouse");
    shopperToken = signShopperSession(
      SECRET,
      { orderId, brandId: brand.id, email: "ada@example.com" },
      NOW,
    ).token;
    // Each request a second later, so the thread's order is the order things were said.
    let tick = 0;
    const clock = () => new Date(NOW.getTime() + 1000 * tick++);
    app = await buildServer({ config: loadConfig({}), store, now: clock, sessionSecret: SECRET });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it("lets a shopper open a case and an agent answer it, keeping notes from the shopper", async () => {
    const shopper = { authorization: `Bearer ${shopperToken}` };
    const opened = await app.inject({
      method: "POST",
      url: "/api/v1/shopper/cases",
      headers: shopper,
      payload: { subject: "Missing belt", body: "The belt was not in the parcel." },
    });
    expect(opened.statusCode).toBe(201);
    const caseId = opened.json().id;

    const agent = asStaff(agentId);
    const inbox = await app.inject({
      method: "GET",
      url: "/api/v1/desk/cases?brand=north&order=N-7",
      headers: agent,
    });
    expect(inbox.json().cases.map((c: { id: string }) => c.id)).toEqual([caseId]);
    const note = await app.inject({
      method: "POST",
      url: `/api/v1/desk/cases/${caseId}/notes`,
      headers: agent,
      payload: { body: "Check the packing photo." },
    });
    expect(note.statusCode).toBe(201);
    const reply = await app.inject({
      method: "POST",
      url: `/api/v1/desk/cases/${caseId}/replies`,
      headers: agent,
      payload: { body: "We are sending the belt today." },
    });
    expect(reply.json().status).toBe("pending");
    const assign = await app.inject({
      method: "PUT",
      url: `/api/v1/desk/cases/${caseId}/assignee`,
      headers: agent,
      payload: { assigneeId: agentId },
    });
    expect(assign.json().assigneeId).toBe(agentId);
    const resolved = await app.inject({
      method: "POST",
      url: `/api/v1/desk/cases/${caseId}/resolve`,
      headers: agent,
    });
    expect(resolved.json().status).toBe("resolved");

    const seen = (
      await app.inject({ method: "GET", url: `/api/v1/shopper/cases/${caseId}`, headers: shopper })
    ).json();
    expect(seen.messages.map((m: { body: string }) => m.body)).toEqual([
      "The belt was not in the parcel.",
      "We are sending the belt today.",
    ]);
    const desk = (
      await app.inject({ method: "GET", url: `/api/v1/desk/cases/${caseId}`, headers: agent })
    ).json();
    expect(desk.messages).toHaveLength(3);
  });

  it("keeps the desk to agents and admins, and shopper routes to shoppers", async () => {
    expect((await app.inject({ method: "GET", url: "/api/v1/desk/cases" })).statusCode).toBe(401);
    const warehouse = await app.inject({
      method: "GET",
      url: "/api/v1/desk/cases",
      headers: asStaff(warehouseId),
    });
    expect(warehouse.statusCode).toBe(403);
    expect((await app.inject({ method: "GET", url: "/api/v1/shopper/cases" })).statusCode).toBe(401);
    const noCsrf = await app.inject({
      method: "POST",
      url: "/api/v1/desk/cases",
      headers: { cookie: asStaff(agentId).cookie },
      payload: { brand: "north", subject: "x", body: "y", customerEmail: "z@example.com" },
    });
    expect(noCsrf.statusCode).toBe(403);
  });
});
