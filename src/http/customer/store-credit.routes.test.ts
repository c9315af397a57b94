// A shopper reads their store credit: what the care team gave them at this brand, under the email they
// signed in with, and nobody else's.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOW, type StaffCookies, seedStaff, signIn } from "../../../test/support/auth-test-helpers.ts";
import {
  castellaDelivered,
  type SeededOrder,
  seedBrand,
  seedOrder,
} from "../../../test/support/test-seed.ts";
import { loadConfig } from "../../config.ts";
import type { Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { buildServer } from "../server.ts";

const SECRET = "test-secret-for-store-credit-0123456789ab";
const ANNA = "Anna.Shopper@Example.com";

describe.each(testDatabases())("shopper store credit on $name", (target) => {
  let store: Store;
  let app: FastifyInstance;
  let agent: StaffCookies;
  // Anna has two Castélla orders and one Kallesia order under the same address; Bruno shops at Castélla.
  let annaFirst: SeededOrder;
  let annaSecond: SeededOrder;
  let annaKallesia: SeededOrder;
  let bruno: SeededOrder;
  // Each credit is given a minute after the one before, so the entries have an order to keep.
  let clock = NOW;

  beforeAll(async () => {
    store = await target.open();
    app = await buildServer({ config: loadConfig({}), store, now: () => clock, sessionSecret: SECRET });
    const castella = await seedBrand(store.db, "castella");
    const kallesia = await seedBrand(store.db, "kallesia");
    annaFirst = await seedOrder(store.db, {
      ...castellaDelivered(castella.id),
      number: "CA-2001",
      email: ANNA,
    });
    annaSecond = await seedOrder(store.db, {
      ...castellaDelivered(castella.id),
      number: "CA-2002",
      email: "anna.shopper@example.com",
    });
    bruno = await seedOrder(store.db, {
      ...castellaDelivered(castella.id),
      number: "CA-2003",
      email: "bruno@example.com",
    });
    annaKallesia = await seedOrder(store.db, {
      ...castellaDelivered(kallesia.id),
      currency: "GBP",
      number: "KA-2001",
      email: ANNA,
    });
    agent = await signIn(app, await seedStaff(store.db, "agent"), "10.7.0.1");
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const giveCredit = async (order: SeededOrder, amount: number, reason: string, key: string) => {
    clock = new Date(clock.getTime() + 60_000);
    const res = await app.inject({
      method: "POST",
      url: `/api/v1/desk/orders/${order.orderId}/store-credit`,
      headers: { cookie: agent.cookie, "x-csrf-token": agent.csrf, "idempotency-key": key },
      payload: { amount, reason },
    });
    expect(res.statusCode).toBe(201);
  };

  const sessionFor = async (brand: string, order: SeededOrder, email = order.email) => {
    const res = await app.inject({
      method: "POST",
      url: `/api/v1/brands/${brand}/shopper-session`,
      payload: { orderNumber: order.number, email },
      remoteAddress: "10.7.0.2",
    });
    expect(res.statusCode).toBe(201);
    return String(res.json().token);
  };

  const readCredit = (token?: string) =>
    app.inject({
      method: "GET",
      url: "/api/v1/shopper/store-credit",
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it("shows a shopper the credit the desk gave them, with its reason, in minor units", async () => {
    const before = await readCredit(await sessionFor("castella", annaFirst));
    expect(before.statusCode).toBe(200);
    expect(before.json()).toEqual({ currency: "USD", balance: 0, entries: [], otherBalances: [] });

    await giveCredit(annaFirst, 2500, "parcel arrived a week late", "credit-anna-late-1");
    await giveCredit(annaFirst, 1000, "missing gift wrap", "credit-anna-wrap-1");
    const res = await readCredit(await sessionFor("castella", annaFirst, "anna.shopper@example.com"));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ currency: "USD", balance: 3500, otherBalances: [] });
    expect(body.entries).toEqual([
      expect.objectContaining({
        amount: 2500,
        currency: "USD",
        reason: "parcel arrived a week late",
        source: "order",
      }),
      expect.objectContaining({
        amount: 1000,
        currency: "USD",
        reason: "missing gift wrap",
        source: "order",
      }),
    ]);
    // The ledger's staff-side details stay at the desk.
    expect(Object.keys(body.entries[0]).sort()).toEqual([
      "amount",
      "createdAt",
      "currency",
      "id",
      "reason",
      "source",
    ]);
  });

  it("counts the credit for the address, so another order of the same shopper at the brand sees it too", async () => {
    const res = await readCredit(await sessionFor("castella", annaSecond));
    expect(res.json()).toMatchObject({ currency: "USD", balance: 3500 });
  });

  it("shows another shopper of the same brand none of it", async () => {
    const res = await readCredit(await sessionFor("castella", bruno));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ currency: "USD", balance: 0, entries: [], otherBalances: [] });
  });

  it("keeps each brand's credit to that brand, even for the same email address", async () => {
    const kallesiaToken = await sessionFor("kallesia", annaKallesia);
    expect((await readCredit(kallesiaToken)).json()).toEqual({
      currency: "GBP",
      balance: 0,
      entries: [],
      otherBalances: [],
    });
    await giveCredit(annaKallesia, 700, "courier lost the first parcel", "credit-anna-kallesia-1");
    const kallesia = (await readCredit(kallesiaToken)).json();
    expect(kallesia).toMatchObject({ currency: "GBP", balance: 700 });
    expect(kallesia.entries).toHaveLength(1);
    const castella = (await readCredit(await sessionFor("castella", annaFirst))).json();
    expect(castella).toMatchObject({ balance: 3500, otherBalances: [] });
    expect(castella.entries).toHaveLength(2);
  });

  it("answers 401 without a session or with a forged one", async () => {
    const none = await readCredit();
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe("UNAUTHORIZED");
    expect((await readCredit("not-a-real-token")).statusCode).toBe(401);
    // A staff cookie is not a shopper session either.
    const staff = await app.inject({
      method: "GET",
      url: "/api/v1/shopper/store-credit",
      headers: { cookie: agent.cookie },
    });
    expect(staff.statusCode).toBe(401);
  });
});
