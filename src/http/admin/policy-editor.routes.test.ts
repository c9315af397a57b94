// The console's server side through the real server: the policy editor (a broken draft answered with
// its line, a saved scenario failing against a draft, publishing refused then accepted), the reports'
// totals on known rows, the refunds list, and the roles that may not call them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOW, seedBrand, seedOrder, seedStaff, signIn } from "../../../test/support/auth-test-helpers.ts";
import { addBrand } from "../../app/brands/add-brand.ts";
import { BRANDS_DIR } from "../../app/brands/brand-policies.ts";
import { loadConfig } from "../../config.ts";
import { newId, type Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { CSRF_HEADER } from "../auth.ts";
import { buildServer } from "../server.ts";

const POLICY = readFileSync(join(BRANDS_DIR, "castella", "policy.yaml"), "utf8");

// A Castélla return of one dress, 5 days after delivery: approved, refund 120.00 less the 10.00 fee.
const SCENARIO = {
  now: "2026-03-10T15:00:00Z",
  order: {
    number: "T-1",
    placedAt: "2026-03-01T10:00:00Z",
    deliveredAt: "2026-03-05T12:00:00Z",
    status: "delivered",
    currency: "USD",
    shippingCountry: "US",
    payment: { method: "card" },
    lines: [
      { id: "1", sku: "DR-22", title: "Linen dress", category: "dresses", unitPrice: 12000, quantity: 1 },
    ],
  },
  request: {
    type: "return",
    items: [
      {
        lineId: "1",
        quantity: 1,
        reason: "too_big",
        condition: {
          tagsAttached: true,
          worn: false,
          washed: false,
          perfumeResidue: false,
          originalPackaging: true,
        },
      },
    ],
  },
  expect: { outcome: "approved", resolution: { amount: 11000 } },
};

let address = 0;
const nextAddress = () => `10.9.${Math.floor(address / 250)}.${(address++ % 250) + 1}`;

describe.each(testDatabases())("console routes on $name", (target) => {
  let store: Store;
  let app: FastifyInstance;
  let admin: Record<string, string>;
  let warehouse: Record<string, string>;
  let brandId = "";

  async function signedIn(role: "admin" | "agent" | "warehouse") {
    const signed = await signIn(app, await seedStaff(store.db, role, null), nextAddress());
    return { cookie: signed.cookie, [CSRF_HEADER]: signed.csrf };
  }

  beforeAll(async () => {
    store = await target.open();
    brandId = (
      await addBrand(store.db, {
        slug: "castella",
        name: "Castélla",
        policy: { text: POLICY, source: "policy.yaml" },
      })
    ).brand.id;
    await seedBrand(store.db, "other");
    app = await buildServer({
      config: loadConfig({}),
      store,
      now: () => NOW,
      sessionSecret: "test-secret-for-console-routes-0123456789",
    });
    admin = await signedIn("admin");
    warehouse = await signedIn("warehouse");
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const post = (url: string, headers: Record<string, string>, payload: unknown) =>
    app.inject({ method: "POST", url, headers, payload: payload as object });

  it("answers a broken draft with the line of the error, and a good one with its plain reading", async () => {
    const broken = POLICY.replace("window: { days: 14,", "window: { days: fourteen,");
    const res = await post("/api/v1/admin/brands/castella/policy/check", admin, { yaml: broken });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.valid).toBe(false);
    const line = broken.split("\n").findIndex((l) => l.includes("days: fourteen")) + 1;
    expect(
      body.problems.some((p: { line: number; path: string }) => p.line === line && p.path.includes("window")),
    ).toBe(true);
    const good = (await post("/api/v1/admin/brands/castella/policy/check", admin, { yaml: POLICY })).json();
    expect(good.valid).toBe(true);
    expect(good.description.join("\n")).toMatch(/14/);
  });

  it("replays a saved scenario against a draft and refuses to publish a draft that breaks it", async () => {
    const saved = await post("/api/v1/admin/brands/castella/policy/scenarios", admin, {
      name: "dress back in time",
      scenario: SCENARIO,
    });
    expect(saved.statusCode).toBe(201);
    const same = (await post("/api/v1/admin/brands/castella/policy/test", admin, { yaml: POLICY })).json();
    expect(same).toMatchObject({ valid: true, passed: 1, failed: 0 });

    const dearer = POLICY.replace("fee: { amount: 1000,", "fee: { amount: 1500,");
    const test = (await post("/api/v1/admin/brands/castella/policy/test", admin, { yaml: dearer })).json();
    expect(test).toMatchObject({ valid: true, passed: 0, failed: 1 });
    expect(test.scenarios[0].problems.join(" ")).toMatch(/amount 10500, expected 11000/);

    const refused = await post("/api/v1/admin/brands/castella/policy/publish", admin, { yaml: dearer });
    expect(refused.statusCode).toBe(409);
    const before = (
      await app.inject({ method: "GET", url: "/api/v1/admin/brands/castella/policy", headers: admin })
    ).json();
    const published = await post("/api/v1/admin/brands/castella/policy/publish", admin, {
      yaml: POLICY.replace("# Castélla:", "# Castélla (reviewed):"),
    });
    expect(published.statusCode).toBe(201);
    expect(published.json().version).toBe(before.version + 1);
  });

  it("keeps warehouse staff out of settings, refunds and reports", async () => {
    for (const [method, url] of [
      ["GET", "/api/v1/admin/brands/castella/policy"],
      ["GET", "/api/v1/desk/refunds"],
      ["GET", "/api/v1/desk/reports?from=2026-03-01&to=2026-03-31"],
      ["GET", "/api/v1/admin/staff-users"],
      ["POST", "/api/v1/desk/returns/any/refund"],
      ["GET", "/api/v1/desk/macros?brand=castella"],
    ] as const) {
      const res = await app.inject({ method, url, headers: warehouse });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
  });

  it("counts the reports from the rows of the range, and lists refunds with who issued them", async () => {
    const orderId = await seedOrder(store.db, { brandId, number: "R-1", email: "r1@example.com" });
    const at = "2026-03-06T10:00:00.000Z";
    const cases = [
      { channel: "email", due: "2026-03-06T18:00:00.000Z", first: "2026-03-06T12:00:00.000Z", csat: 5 },
      { channel: "email", due: "2026-03-06T18:00:00.000Z", first: "2026-03-07T10:00:00.000Z", csat: 2 },
      { channel: "chat", due: "2026-03-06T18:00:00.000Z", first: null, csat: null },
    ];
    for (const c of cases) {
      await store.db
        .insertInto("support_cases")
        .values({
          id: newId(),
          brand_id: brandId,
          order_id: orderId,
          customer_email: "r1@example.com",
          subject: "Where is my refund",
          channel: c.channel,
          assignee_id: null,
          reply_token: newId(),
          sla_due_at: c.due,
          first_response_at: c.first,
          resolved_at: null,
          csat_score: c.csat,
          created_at: at,
          updated_at: at,
        })
        .execute();
    }
    await store.db
      .insertInto("refunds")
      .values({
        id: newId(),
        brand_id: brandId,
        order_id: orderId,
        return_id: null,
        claim_id: null,
        cancellation_id: null,
        kind: "goodwill",
        method: "original_payment",
        amount: 2500,
        currency: "USD",
        reason: "late parcel",
        status: "issued",
        idempotency_key: "goodwill-r1-000",
        issued_by: "someone",
        created_at: at,
        completed_at: at,
      })
      .execute();
    const res = await app.inject({
      method: "GET",
      url: "/api/v1/desk/reports?brand=castella&from=2026-03-01&to=2026-03-31",
      headers: admin,
    });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.channels).toEqual([
      { key: "email", count: 2 },
      { key: "chat", count: 1 },
    ]);
    expect(report.volumes).toContainEqual({ key: "case", count: 3 });
    expect(report.sla).toEqual({ kept: 1, breached: 2, open: 0 });
    expect(report.times.firstResponseHours).toBe(13);
    expect(report.satisfaction).toEqual([
      { key: "2", count: 1 },
      { key: "5", count: 1 },
    ]);
    expect(report.money).toEqual([
      { currency: "USD", key: "goodwill to original payment", amount: 2500, count: 1 },
    ]);
    const outside = (
      await app.inject({
        method: "GET",
        url: "/api/v1/desk/reports?brand=castella&from=2026-04-01&to=2026-04-30",
        headers: admin,
      })
    ).json();
    expect(outside.volumes).toEqual([]);

    const refunds = (await app.inject({ method: "GET", url: "/api/v1/desk/refunds", headers: admin })).json();
    expect(refunds.refunds).toHaveLength(1);
    expect(refunds.refunds[0]).toMatchObject({ orderNumber: "R-1", amount: 2500, issuedBy: "someone" });
  });
});
