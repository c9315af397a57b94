// The returns and refund routes at their edges: whose order a shopper token reaches, which role may do
// what, idempotent refunds, and the refusals a portal or console must be able to show.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedStaff, signIn } from "../../test/support/auth-test-helpers.ts";
import {
  CASTELLA_NOW,
  castellaDelivered,
  GOOD_CONDITION,
  inspectedCastellaReturn,
  type SeededOrder,
  seedBrand,
  seedOrder,
} from "../../test/support/test-seed.ts";
import { loadConfig } from "../config.ts";
import type { Store } from "../db/database.ts";
import { testDatabases } from "../db/test-db.ts";
import { CSRF_HEADER } from "./auth.ts";
import { buildServer } from "./server.ts";

const DRESS = { lineId: "1", quantity: 1, reason: "changed_mind", condition: GOOD_CONDITION };

let address = 0;
const nextAddress = () => `10.8.${Math.floor(address / 250)}.${(address++ % 250) + 1}`;

describe.each(testDatabases())("returns and refund routes on $name", (target) => {
  let store: Store;
  let app: FastifyInstance;
  let castellaId = "";
  let kallesiaId = "";
  let orderA: SeededOrder;
  let orderB: SeededOrder;
  let tokenA: Record<string, string>;
  let tokenB: Record<string, string>;
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
  async function staff(role: "agent" | "warehouse", brandId: string | null = null) {
    const signed = await signIn(app, await seedStaff(store.db, role, brandId), nextAddress());
    return { cookie: signed.cookie, [CSRF_HEADER]: signed.csrf };
  }

  beforeAll(async () => {
    store = await target.open();
    castellaId = (await seedBrand(store.db, "castella")).id;
    kallesiaId = (await seedBrand(store.db, "kallesia")).id;
    app = await buildServer({
      config: loadConfig({}),
      store,
      now: () => CASTELLA_NOW,
      sessionSecret: "test-secret-for-returns-routes-0123456789",
    });
    orderA = await seedOrder(store.db, castellaDelivered(castellaId));
    orderB = await seedOrder(store.db, castellaDelivered(castellaId));
    tokenA = await shopper("castella", orderA);
    tokenB = await shopper("castella", orderB);
    agent = await staff("agent");
    warehouse = await staff("warehouse");
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const startReturn = (headers: Record<string, string>, payload: object) =>
    app.inject({ method: "POST", url: "/api/v1/shopper/returns", headers, payload });
  const returnsOf = (orderId: string) =>
    store.db.selectFrom("returns").selectAll().where("order_id", "=", orderId).execute();
  const refund = (returnId: string, key: string | null, headers = agent) =>
    app.inject({
      method: "POST",
      url: `/api/v1/desk/returns/${returnId}/refund`,
      headers: key ? { ...headers, "idempotency-key": key } : headers,
    });

  it("asks for a shopper session, and refuses a forged one", async () => {
    const none = await app.inject({
      method: "POST",
      url: "/api/v1/shopper/returns/quote",
      payload: { items: [DRESS] },
    });
    expect(none.statusCode).toBe(401);
    const forged = await app.inject({
      method: "POST",
      url: "/api/v1/shopper/returns/quote",
      headers: { authorization: `${tokenA.authorization ?? ""}x` },
      payload: { items: [DRESS] },
    });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error.code).toBe("UNAUTHORIZED");
  });

  it("keeps a shopper to the order they signed in with", async () => {
    // Naming another order in the body changes nothing: the token decides the order.
    const res = await startReturn(tokenA, {
      orderId: orderB.orderId,
      orderNumber: orderB.number,
      items: [DRESS],
    });
    expect(res.statusCode).toBe(201);
    expect(await returnsOf(orderB.orderId)).toEqual([]);
    const [mine] = await returnsOf(orderA.orderId);
    expect(mine?.rma_number).toBe(res.json().rma);

    // Order B's shopper cannot add tracking to, or even see, order A's return.
    const tracking = await app.inject({
      method: "POST",
      url: `/api/v1/shopper/returns/${res.json().rma}/tracking`,
      headers: tokenB,
      payload: { courier: "UPS", trackingNumber: "1Z0000000000000001" },
    });
    expect(tracking.statusCode).toBe(403);
    expect(tracking.json().error.code).toBe("FORBIDDEN");
    const listB = await app.inject({ method: "GET", url: "/api/v1/shopper/returns", headers: tokenB });
    expect(listB.json().returns).toEqual([]);
    const listA = await app.inject({ method: "GET", url: "/api/v1/shopper/returns", headers: tokenA });
    expect(listA.json().returns.map((r: { rma_number: string }) => r.rma_number)).toEqual([res.json().rma]);
    // A shopper token is not a staff session.
    const desk = await app.inject({
      method: "GET",
      url: `/api/v1/desk/returns/${mine?.id}`,
      headers: tokenA,
    });
    expect(desk.statusCode).toBe(401);
  });

  it("refuses what cannot be returned, with the policy's reasons, and malformed requests", async () => {
    const order = await seedOrder(store.db, castellaDelivered(castellaId));
    const token = await shopper("castella", order);
    const bralette = await startReturn(token, { items: [{ ...DRESS, lineId: "2" }] });
    expect(bralette.statusCode).toBe(400);
    expect(bralette.json().error.details.decision.items[0].reasons[0]).toMatchObject({
      code: "CATEGORY_EXCLUDED",
      clause: { id: "C-excluded" },
    });
    const exchange = await startReturn(token, { kind: "exchange", items: [DRESS] });
    expect(exchange.statusCode).toBe(400);
    expect(JSON.stringify(exchange.json().error.details.decision)).toContain("EXCHANGE_NOT_OFFERED");
    const zero = await startReturn(token, { items: [{ ...DRESS, quantity: 0 }] });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error.code).toBe("VALIDATION");
    expect(await returnsOf(order.orderId)).toEqual([]);
  });

  it("lets only the warehouse receive and inspect, only agents refund, and needs the CSRF value", async () => {
    const order = await seedOrder(store.db, castellaDelivered(castellaId));
    const started = await startReturn(await shopper("castella", order), { items: [DRESS] });
    const [ret] = await returnsOf(order.orderId);
    const id = ret?.id ?? "";
    expect(started.statusCode).toBe(201);

    const byAgent = await app.inject({
      method: "POST",
      url: `/api/v1/desk/returns/${id}/receive`,
      headers: agent,
    });
    expect(byAgent.statusCode).toBe(403);
    const noCsrf = await app.inject({
      method: "POST",
      url: `/api/v1/desk/returns/${id}/receive`,
      headers: { cookie: warehouse.cookie ?? "" },
    });
    expect(noCsrf.statusCode).toBe(403);
    // Staff of another brand do not reach this brand's returns.
    const otherBrand = await staff("warehouse", kallesiaId);
    const foreign = await app.inject({
      method: "POST",
      url: `/api/v1/desk/returns/${id}/receive`,
      headers: otherBrand,
    });
    expect(foreign.statusCode).toBe(403);

    const early = await refund(id, "early-refund-attempt");
    expect(early.statusCode).toBe(409);
    expect(early.json().error.details).toMatchObject({ status: "authorized" });

    const received = await app.inject({
      method: "POST",
      url: `/api/v1/desk/returns/${id}/receive`,
      headers: warehouse,
    });
    expect(received.statusCode).toBe(200);
    const detail = await app.inject({ method: "GET", url: `/api/v1/desk/returns/${id}`, headers: agent });
    expect(detail.statusCode).toBe(200);
    const [line] = detail.json().lines as { id: string; lineId: string; inspection: unknown }[];
    expect(line).toMatchObject({ lineId: "1", inspection: null });

    const wrongLine = await app.inject({
      method: "POST",
      url: `/api/v1/desk/returns/${id}/inspect`,
      headers: warehouse,
      payload: { lines: [{ returnLineId: "not-a-line", condition: GOOD_CONDITION }] },
    });
    expect(wrongLine.statusCode).toBe(400);
    const worn = await app.inject({
      method: "POST",
      url: `/api/v1/desk/returns/${id}/inspect`,
      headers: warehouse,
      payload: { lines: [{ returnLineId: line?.id, condition: { ...GOOD_CONDITION, worn: true } }] },
    });
    expect(worn.statusCode).toBe(200);
    // Came back worn: nothing passes, so nothing is paid and the return is closed as rejected.
    expect(worn.json()).toMatchObject({ refundAmount: 0, return: { status: "rejected" } });
    const after = await app.inject({ method: "GET", url: `/api/v1/desk/returns/${id}`, headers: warehouse });
    expect(after.json().lines[0].inspection).toMatchObject({ outcome: "rejected" });
    expect((await refund(id, "refund-of-rejected")).statusCode).toBe(409);
  });

  it("answers unknown returns with 404", async () => {
    const res = await app.inject({
      method: "GET",
      url: "/api/v1/desk/returns/no-such-return",
      headers: agent,
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("NOT_FOUND");
    const pay = await refund("no-such-return", "refund-of-nothing");
    expect(pay.statusCode).toBe(404);
  });

  it("refunds once: the same key replays the first refund, another key is a conflict", async () => {
    const { returnId } = await inspectedCastellaReturn(store.db, castellaId);
    expect((await refund(returnId, null)).statusCode).toBe(400);
    expect((await refund(returnId, "short")).statusCode).toBe(400);
    expect((await refund(returnId, "refund-key-0001", warehouse)).statusCode).toBe(403);

    const first = await refund(returnId, "refund-key-0001");
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ replayed: false, refund: { amount: 11000, status: "issued" } });
    const again = await refund(returnId, "refund-key-0001");
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ replayed: true, refund: { id: first.json().refund.id } });
    const other = await refund(returnId, "refund-key-0002");
    expect(other.statusCode).toBe(409);
    expect(other.json().error).toMatchObject({
      code: "CONFLICT",
      details: { refundId: first.json().refund.id },
    });
    // A key already spent on this return cannot pay another return either.
    const second = await inspectedCastellaReturn(store.db, castellaId);
    const reused = await refund(second.returnId, "refund-key-0001");
    expect(reused.statusCode).toBe(409);
    const rows = await store.db
      .selectFrom("refunds")
      .select("id")
      .where("return_id", "=", returnId)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("pays exactly once when 20 refund requests for one return race, with the same or different keys", async () => {
    for (const keys of ["same", "different"] as const) {
      const { returnId } = await inspectedCastellaReturn(store.db, castellaId);
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          refund(returnId, keys === "same" ? `race-${returnId}` : `race-${i}-${returnId}`),
        ),
      );
      const ok = answers.filter((a) => a.statusCode === 200);
      const ids = new Set(ok.map((a) => a.json().refund.id as string));
      expect(ids.size).toBe(1);
      if (keys === "same") expect(ok).toHaveLength(20);
      else {
        expect(ok).toHaveLength(1);
        expect(answers.filter((a) => a.statusCode === 409)).toHaveLength(19);
      }
      const rows = await store.db
        .selectFrom("refunds")
        .select(["id", "amount"])
        .where("return_id", "=", returnId)
        .execute();
      expect(rows.map((r) => Number(r.amount))).toEqual([11000]);
    }
  });
});
