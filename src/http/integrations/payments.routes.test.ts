// E-cheque clearance through the real server: the store's API key by order number, the desk by order
// id, repeated reports, and the refusals either caller must be able to show.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedStaff, signIn } from "../../../test/support/auth-test-helpers.ts";
import {
  type SeededOrder,
  seedBrand,
  seedOrder,
  staff as staffActor,
} from "../../../test/support/test-seed.ts";
import { createApiKey } from "../../app/access/api-keys.ts";
import { SYSTEM } from "../../app/kernel/actor.ts";
import { goodwillRefund } from "../../app/money/goodwill-refund.ts";
import { loadConfig } from "../../config.ts";
import type { Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { CSRF_HEADER } from "../auth.ts";
import { buildServer } from "../server.ts";

const NOW = new Date("2026-03-20T10:00:00.000Z");
let address = 0;
const nextAddress = () => `10.6.${Math.floor(address / 250)}.${(address++ % 250) + 1}`;

describe.each(testDatabases())("payment clearance routes on $name", (target) => {
  let store: Store;
  let app: FastifyInstance;
  let kallesiaId = "";
  let kallesiaKey = "";
  let castellaKey = "";
  let agent: Record<string, string>;
  let warehouse: Record<string, string>;

  async function staff(role: "agent" | "warehouse") {
    const signed = await signIn(app, await seedStaff(store.db, role), nextAddress());
    return { cookie: signed.cookie, [CSRF_HEADER]: signed.csrf };
  }
  /** A Kallesia order paid by e-cheque with a goodwill refund waiting for the clearance. */
  async function heldRefund(): Promise<SeededOrder> {
    const order = await seedOrder(store.db, {
      brandId: kallesiaId,
      currency: "GBP",
      status: "delivered",
      placedAt: "2026-03-10T10:00:00.000Z",
      deliveredAt: "2026-03-13T10:00:00.000Z",
      payment: { method: "e_cheque", cleared: false },
      lines: [{ key: "1", title: "Wool coat", unitPrice: 18000 }],
    });
    const { refund } = await goodwillRefund(store.db, {
      actor: staffActor("admin"),
      now: NOW,
      orderId: order.orderId,
      amount: 2500,
      reason: "Late delivery",
      idempotencyKey: `held-${order.orderId}`,
    });
    expect(refund.status).toBe("pending_clearance");
    return order;
  }
  const statusOf = async (orderId: string) =>
    (await store.db.selectFrom("refunds").select("status").where("order_id", "=", orderId).execute()).map(
      (r) => r.status,
    );

  beforeAll(async () => {
    store = await target.open();
    kallesiaId = (await seedBrand(store.db, "kallesia")).id;
    await seedBrand(store.db, "castella");
    kallesiaKey = (await createApiKey(store.db, { name: "shop", brandSlug: "kallesia" }, SYSTEM, NOW)).secret;
    castellaKey = (await createApiKey(store.db, { name: "shop", brandSlug: "castella" }, SYSTEM, NOW)).secret;
    app = await buildServer({
      config: loadConfig({}),
      store,
      now: () => NOW,
      sessionSecret: "test-secret-for-payment-routes-0123456789",
    });
    agent = await staff("agent");
    warehouse = await staff("warehouse");
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it("takes the store's report by order number and completes the held refund, once", async () => {
    const order = await heldRefund();
    const report = () =>
      app.inject({
        method: "POST",
        url: `/api/v1/integrations/orders/${order.number}/payment-cleared`,
        headers: { "x-api-key": kallesiaKey },
        payload: { clearedAt: "2026-03-19T15:00:00Z" },
      });
    const first = await report();
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      orderId: order.orderId,
      orderNumber: order.number,
      alreadyCleared: false,
      completedRefunds: [{ amount: 2500, currency: "GBP", status: "issued" }],
    });
    expect(await statusOf(order.orderId)).toEqual(["issued"]);
    const second = await report();
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({
      alreadyCleared: true,
      clearedPaymentIds: [],
      completedRefunds: [],
    });
  });

  it("takes an agent's record by order id", async () => {
    const order = await heldRefund();
    const res = await app.inject({
      method: "POST",
      url: `/api/v1/desk/orders/${order.orderId}/payment-cleared`,
      headers: agent,
      payload: {},
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().completedRefunds).toHaveLength(1);
    expect(await statusOf(order.orderId)).toEqual(["issued"]);
  });

  it("refuses other brands' keys, missing keys, the wrong role and a bad date", async () => {
    const order = await heldRefund();
    const url = `/api/v1/integrations/orders/${order.number}/payment-cleared`;
    const noKey = await app.inject({ method: "POST", url, payload: {} });
    expect(noKey.statusCode).toBe(401);
    // Another brand's key looks among its own orders only.
    const otherBrand = await app.inject({
      method: "POST",
      url,
      headers: { "x-api-key": castellaKey },
      payload: {},
    });
    expect(otherBrand.statusCode).toBe(404);
    const future = await app.inject({
      method: "POST",
      url,
      headers: { "x-api-key": kallesiaKey },
      payload: { clearedAt: "2026-04-01T00:00:00Z" },
    });
    expect(future.statusCode).toBe(400);
    const malformed = await app.inject({
      method: "POST",
      url,
      headers: { "x-api-key": kallesiaKey },
      payload: { clearedAt: "yesterday" },
    });
    expect(malformed.statusCode).toBe(400);
    const byWarehouse = await app.inject({
      method: "POST",
      url: `/api/v1/desk/orders/${order.orderId}/payment-cleared`,
      headers: warehouse,
      payload: {},
    });
    expect(byWarehouse.statusCode).toBe(403);
    expect(await statusOf(order.orderId)).toEqual(["pending_clearance"]);
  });

  it("answers 409 for an order that was not paid by e-cheque", async () => {
    const card = await seedOrder(store.db, {
      brandId: kallesiaId,
      currency: "GBP",
      status: "placed",
      placedAt: "2026-03-10T10:00:00.000Z",
      lines: [{ key: "1", unitPrice: 5000 }],
    });
    const res = await app.inject({
      method: "POST",
      url: `/api/v1/integrations/orders/${card.number}/payment-cleared`,
      headers: { "x-api-key": kallesiaKey },
      payload: {},
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: "CONFLICT" });
  });
});
