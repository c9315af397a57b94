// The shopper's cancel and change routes and the desk's answers to the requests the policy leaves to a
// person: each brand's rule decides, after dispatch the shopper is told why not, and money moves once.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedStaff, signIn } from "../../test/support/auth-test-helpers.ts";
import { type SeededOrder, type SeedOrder, seedBrand, seedOrder } from "../../test/support/test-seed.ts";
import { loadConfig } from "../config.ts";
import type { Store } from "../db/database.ts";
import { testDatabases } from "../db/test-db.ts";
import { CSRF_HEADER } from "./auth.ts";
import { buildServer } from "./server.ts";

const NOW = new Date("2026-03-01T12:00:00Z");
const NEW_ADDRESS = {
  name: "Ana Ruiz",
  line1: "22 Orchard Rd",
  city: "Brooklyn",
  postcode: "11201",
  country: "US",
};

let address = 0;
const nextAddress = () => `10.9.${Math.floor(address / 250)}.${(address++ % 250) + 1}`;

function placed(brandId: string, currency: string, status: "placed" | "dispatched" = "placed"): SeedOrder {
  return {
    brandId,
    currency,
    status,
    placedAt: "2026-03-01T10:00:00.000Z",
    dispatchedAt: status === "dispatched" ? "2026-03-01T11:00:00.000Z" : null,
    shippingCharged: 800,
    lines: [
      { key: "1", title: "Linen dress", category: "dresses", unitPrice: 12000 },
      { key: "2", title: "Cotton shirt", category: "tops", unitPrice: 5000 },
    ],
  };
}

describe.each(testDatabases())("order change routes on $name", (target) => {
  let store: Store;
  let app: FastifyInstance;
  let castellaId = "";
  let kallesiaId = "";
  let agent: Record<string, string>;
  let warehouse: Record<string, string>;

  async function shopper(brand: string, order: SeededOrder) {
    const res = await app.inject({
      method: "POST",
      url: `/api/v1/brands/${brand}/shopper-session`,
      payload: { orderNumber: order.number, email: order.email },
      remoteAddress: nextAddress(),
    });
    expect(res.statusCode).toBe(201);
    return { authorization: `Bearer ${res.json().token as string}` };
  }
  async function staff(role: "agent" | "warehouse") {
    const signed = await signIn(app, await seedStaff(store.db, role), nextAddress());
    return { cookie: signed.cookie, [CSRF_HEADER]: signed.csrf };
  }
  const post = (url: string, headers: Record<string, string>, payload: object) =>
    app.inject({ method: "POST", url, headers, payload });
  const orderRow = (id: string) =>
    store.db.selectFrom("orders").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    store = await target.open();
    castellaId = (await seedBrand(store.db, "castella")).id;
    kallesiaId = (await seedBrand(store.db, "kallesia")).id;
    app = await buildServer({
      config: loadConfig({}),
      store,
      now: () => NOW,
      sessionSecret: "test-secret-for-order-change-routes-012345",
    });
    agent = await staff("agent");
    warehouse = await staff("warehouse");
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it("needs a shopper session and a real change", async () => {
    expect((await post("/api/v1/shopper/cancel", {}, { reason: "x" })).statusCode).toBe(401);
    const order = await seedOrder(store.db, placed(kallesiaId, "GBP"));
    const token = await shopper("kallesia", order);
    const empty = await post("/api/v1/shopper/amend", token, {});
    expect(empty.statusCode).toBe(400);
    const badCountry = await post("/api/v1/shopper/amend", token, {
      shippingAddress: { ...NEW_ADDRESS, country: "United States" },
    });
    expect(badCountry.statusCode).toBe(400);
    expect(badCountry.json().error.code).toBe("VALIDATION");
    const badEmail = await post("/api/v1/shopper/amend", token, { email: "not-an-email" });
    expect(badEmail.statusCode).toBe(400);
  });

  it("Kallesia: a change before dispatch is applied at once", async () => {
    const order = await seedOrder(store.db, placed(kallesiaId, "GBP"));
    const res = await post("/api/v1/shopper/amend", await shopper("kallesia", order), {
      phone: "+44 20 7946 0958",
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "applied", decision: { outcome: "approved" } });
    expect((await orderRow(order.orderId)).phone).toBe("+44 20 7946 0958");
  });

  it("Kallesia: an address changed through the API reads back complete on the order, postcode as postalCode", async () => {
    const order = await seedOrder(store.db, placed(kallesiaId, "GBP"));
    const auth = await shopper("kallesia", order);
    const address = {
      name: "Ana Ruiz",
      line1: "5 Mill Lane",
      city: "York",
      postalCode: "YO1 7HH",
      country: "GB",
    };
    expect((await post("/api/v1/shopper/amend", auth, { shippingAddress: address })).statusCode).toBe(200);
    const view = await app.inject({ method: "GET", url: "/api/v1/shopper/order", headers: auth });
    expect(view.json().shippingAddress).toEqual(address);

    // An older client's `postcode` is stored under the one name orders use.
    const legacy = { line1: "6 Mill Lane", city: "York", postcode: "YO1 7HJ", country: "GB" };
    expect((await post("/api/v1/shopper/amend", auth, { shippingAddress: legacy })).statusCode).toBe(200);
    const again = await app.inject({ method: "GET", url: "/api/v1/shopper/order", headers: auth });
    expect(again.json().shippingAddress).toEqual({
      line1: "6 Mill Lane",
      city: "York",
      postalCode: "YO1 7HJ",
      country: "GB",
    });
  });
  it("Castélla: a change before dispatch is a request the desk applies, once, and only agents may", async () => {
    const order = await seedOrder(store.db, placed(castellaId, "USD"));
    const res = await post("/api/v1/shopper/amend", await shopper("castella", order), {
      shippingAddress: NEW_ADDRESS,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "pending", decision: { outcome: "needs_review" } });
    expect(JSON.parse((await orderRow(order.orderId)).shipping_address ?? "{}")).not.toMatchObject({
      line1: NEW_ADDRESS.line1,
    });
    const url = `/api/v1/desk/amendments/${res.json().amendmentId}/resolve`;
    expect((await post(url, warehouse, { approve: true })).statusCode).toBe(403);
    const applied = await post(url, agent, { approve: true, note: "Courier label not printed yet." });
    expect(applied.statusCode).toBe(200);
    expect(applied.json().amendment).toMatchObject({ status: "applied" });
    expect(JSON.parse((await orderRow(order.orderId)).shipping_address ?? "{}")).toMatchObject({
      line1: NEW_ADDRESS.line1,
      city: NEW_ADDRESS.city,
    });
    expect((await post(url, agent, { approve: false })).statusCode).toBe(409);
    expect((await post("/api/v1/desk/amendments/nope/resolve", agent, { approve: true })).statusCode).toBe(
      404,
    );
  });

  it("after dispatch, says why not and cites the clause, for a change and a cancellation", async () => {
    const order = await seedOrder(store.db, placed(castellaId, "USD", "dispatched"));
    const token = await shopper("castella", order);
    const cancel = await post("/api/v1/shopper/cancel", token, { reason: "changed_mind" });
    expect(cancel.statusCode).toBe(400);
    expect(cancel.json().error.details.decision.reasons[0]).toMatchObject({
      code: "ALREADY_DISPATCHED",
      clause: { id: "C-cancel" },
    });
    const amend = await post("/api/v1/shopper/amend", token, { phone: "+1 212 555 0199" });
    expect(amend.statusCode).toBe(400);
    expect(amend.json().error.details.decision.reasons[0]).toMatchObject({
      code: "ALREADY_DISPATCHED",
      clause: { id: "C-amend" },
    });
    const row = await orderRow(order.orderId);
    expect([row.status, row.phone]).toEqual(["dispatched", "+1 212 555 0100"]);
    const refunds = await store.db
      .selectFrom("refunds")
      .select("id")
      .where("order_id", "=", order.orderId)
      .execute();
    expect(refunds).toEqual([]);
  });

  it("Kallesia: a cancellation is a request; asking twice is one request; approval refunds what was paid, once", async () => {
    const order = await seedOrder(store.db, placed(kallesiaId, "GBP"));
    const token = await shopper("kallesia", order);
    const first = await post("/api/v1/shopper/cancel", token, { reason: "ordered twice" });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      status: "pending",
      decision: { outcome: "needs_review" },
      refund: null,
    });
    const again = await post("/api/v1/shopper/cancel", token, { reason: "ordered twice" });
    expect(again.json()).toMatchObject({ status: "pending", cancellationId: first.json().cancellationId });
    expect((await orderRow(order.orderId)).status).toBe("placed");

    const url = `/api/v1/desk/cancellations/${first.json().cancellationId}/resolve`;
    expect((await post(url, warehouse, { approve: true })).statusCode).toBe(403);
    const approved = await post(url, agent, { approve: true });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      cancellation: { status: "approved" },
      refund: { amount: order.total, currency: "GBP", method: "original_payment", status: "issued" },
    });
    expect((await orderRow(order.orderId)).status).toBe("cancelled");
    expect((await post(url, agent, { approve: true })).statusCode).toBe(409);
    const refunds = await store.db
      .selectFrom("refunds")
      .select("amount")
      .where("order_id", "=", order.orderId)
      .execute();
    expect(refunds.map((r) => Number(r.amount))).toEqual([17800]);
  });

  it("Kallesia: a declined cancellation leaves the order and the money as they were", async () => {
    const order = await seedOrder(store.db, placed(kallesiaId, "GBP"));
    const first = await post("/api/v1/shopper/cancel", await shopper("kallesia", order), {
      reason: "too slow",
    });
    const declined = await post(`/api/v1/desk/cancellations/${first.json().cancellationId}/resolve`, agent, {
      approve: false,
      note: "Already packed for the courier.",
    });
    expect(declined.statusCode).toBe(200);
    expect(declined.json()).toMatchObject({ cancellation: { status: "declined" }, refund: null });
    expect((await orderRow(order.orderId)).status).toBe("placed");
    const refunds = await store.db
      .selectFrom("refunds")
      .select("id")
      .where("order_id", "=", order.orderId)
      .execute();
    expect(refunds).toEqual([]);
  });
});
