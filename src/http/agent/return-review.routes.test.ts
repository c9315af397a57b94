// The review decision at the desk and what the shopper then sees on their return, through the real
// server: sessions, roles, CSRF, validation and the error shape.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedStaff, signIn } from "../../../test/support/auth-test-helpers.ts";
import {
  CASTELLA_NOW,
  castellaDelivered,
  GOOD_CONDITION,
  type SeededOrder,
  seedBrand,
  seedOrder,
} from "../../../test/support/test-seed.ts";
import { loadConfig } from "../../config.ts";
import type { Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { CSRF_HEADER } from "../auth.ts";
import { buildServer } from "../server.ts";

let address = 0;
const nextAddress = () => `10.7.${Math.floor(address / 250)}.${(address++ % 250) + 1}`;

describe.each(testDatabases())("return review routes on $name", (target) => {
  let store: Store;
  let app: FastifyInstance;
  let castellaId = "";
  let agent: Record<string, string>;
  let warehouse: Record<string, string>;

  async function staff(role: "agent" | "warehouse") {
    const signed = await signIn(app, await seedStaff(store.db, role), nextAddress());
    return { cookie: signed.cookie, [CSRF_HEADER]: signed.csrf };
  }
  async function shopper(order: SeededOrder) {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/brands/castella/shopper-session",
      payload: { orderNumber: order.number, email: order.email },
      remoteAddress: nextAddress(),
    });
    expect(res.statusCode).toBe(201);
    return { authorization: `Bearer ${res.json().token as string}` };
  }
  /** A final-sale dress reported faulty: the return waits for a person. */
  async function returnInReview() {
    const base = castellaDelivered(castellaId);
    const order = await seedOrder(store.db, {
      ...base,
      lines: base.lines.map((l) => (l.key === "1" ? { ...l, finalSale: true } : l)),
    });
    const token = await shopper(order);
    const started = await app.inject({
      method: "POST",
      url: "/api/v1/shopper/returns",
      headers: token,
      payload: { items: [{ lineId: "1", quantity: 1, reason: "faulty", condition: GOOD_CONDITION }] },
    });
    expect(started.statusCode).toBe(201);
    expect(started.json()).toMatchObject({ status: "requested", packingInstructions: [] });
    const row = await store.db
      .selectFrom("returns")
      .select("id")
      .where("rma_number", "=", started.json().rma)
      .executeTakeFirstOrThrow();
    return { token, rma: started.json().rma as string, id: row.id };
  }
  const decide = (id: string, headers: Record<string, string>, payload: Record<string, unknown>) =>
    app.inject({ method: "POST", url: `/api/v1/desk/returns/${id}/decision`, headers, payload });

  beforeAll(async () => {
    store = await target.open();
    castellaId = (await seedBrand(store.db, "castella")).id;
    app = await buildServer({
      config: loadConfig({}),
      store,
      now: () => CASTELLA_NOW,
      sessionSecret: "test-secret-for-return-review-0123456789",
    });
    agent = await staff("agent");
    warehouse = await staff("warehouse");
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it("lets an agent authorise the item in review; the shopper then sees it authorised", async () => {
    const { token, rma, id } = await returnInReview();
    const res = await decide(id, agent, { approve: true, reason: "The seam fault shows clearly." });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      id,
      rma,
      status: "authorized",
      quotedAmount: 12000,
      currency: "USD",
      review: { decision: "approved", reason: "The seam fault shows clearly." },
    });
    expect(body.authorizedLineIds).toHaveLength(1);
    expect(body.packingInstructions.join(" ")).toContain(rma);

    const view = await app.inject({ method: "GET", url: `/api/v1/shopper/returns/${rma}`, headers: token });
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({
      rma,
      status: "authorized",
      quotedAmount: 12000,
      lines: [{ lineId: "1", outcome: "approved" }],
      review: { decision: "approved" },
      promises: {
        deadline: "2026-03-19",
        arrivedAt: null,
        refundExpectedBy: null,
        stages: [{ name: "refund issued", businessDays: 7, clause: "C-refund", expectedBy: null }],
      },
      refunds: [],
    });

    const again = await decide(id, agent, { approve: false, reason: "Changed my mind" });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("CONFLICT");
  });

  it("lets an agent refuse with a reason the shopper can read", async () => {
    const { token, rma, id } = await returnInReview();
    const res = await decide(id, agent, { approve: false, reason: "The marks come from wear." });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "rejected", authorizedLineIds: [] });
    const view = await app.inject({ method: "GET", url: `/api/v1/shopper/returns/${rma}`, headers: token });
    expect(view.json()).toMatchObject({
      status: "rejected",
      review: { decision: "refused", reason: "The marks come from wear." },
    });
  });

  it("refuses other roles, a missing CSRF token, a missing reason and other shoppers", async () => {
    const { rma, id } = await returnInReview();
    const byWarehouse = await decide(id, warehouse, { approve: true, reason: "ok" });
    expect(byWarehouse.statusCode).toBe(403);
    const noSession = await decide(id, {}, { approve: true, reason: "ok" });
    expect(noSession.statusCode).toBe(401);
    const { [CSRF_HEADER]: _csrf, ...cookieOnly } = agent;
    const noCsrf = await decide(id, cookieOnly, { approve: true, reason: "ok" });
    expect(noCsrf.statusCode).toBe(403);
    const noReason = await decide(id, agent, { approve: true });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.code).toBe("VALIDATION");
    const unknown = await decide("no-such-return", agent, { approve: true, reason: "ok" });
    expect(unknown.statusCode).toBe(404);

    const stranger = await shopper(await seedOrder(store.db, castellaDelivered(castellaId)));
    const peek = await app.inject({
      method: "GET",
      url: `/api/v1/shopper/returns/${rma}`,
      headers: stranger,
    });
    expect(peek.statusCode).toBe(403);
    const anonymous = await app.inject({ method: "GET", url: `/api/v1/shopper/returns/${rma}` });
    expect(anonymous.statusCode).toBe(401);
    // Still waiting: nothing above changed it.
    const row = await store.db
      .selectFrom("returns")
      .select("status")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("requested");
  });
});
