import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addBrand } from "../app/brands/add-brand.ts";
import { BRANDS_DIR } from "../app/brands/brand-policies.ts";
import { loadConfig } from "../config.ts";
import type { Store } from "../db/database.ts";
import { testDatabases } from "../db/test-db.ts";
import { buildServer } from "./server.ts";

const scenario = {
  now: "2026-03-09T15:00:00Z",
  order: {
    number: "CA-1",
    placedAt: "2026-03-01T10:00:00Z",
    currency: "USD",
    payment: { method: "card", cleared: true },
    shippingCharged: 800,
    status: "delivered",
    dispatchedAt: "2026-03-02T09:00:00Z",
    deliveredAt: "2026-03-05T12:00:00Z",
    lines: [{ id: "1", category: "dresses", unitPrice: 12000, quantity: 1 }],
  },
  request: {
    type: "return",
    items: [{ lineId: "1", quantity: 1, reason: "fit", condition: { tagsAttached: true } }],
  },
};

describe.each(testDatabases())("HTTP server on $name", (target) => {
  let store: Store;
  let app: FastifyInstance;
  beforeAll(async () => {
    store = await target.open();
    const text = readFileSync(join(BRANDS_DIR, "castella/policy.yaml"), "utf8");
    await addBrand(store.db, {
      slug: "castella",
      name: "Castélla",
      policy: { text, source: "castella/policy.yaml" },
    });
    app = await buildServer({ config: loadConfig({}), store, now: () => new Date("2026-03-09T15:00:00Z") });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it("evaluates a scenario against the brand's stored policy", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/brands/castella/policy/evaluate",
      payload: scenario,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      outcome: "approved",
      resolution: { amount: 11000, method: "refund_original_payment" },
    });
  });

  it("answers a malformed scenario with the one error shape, naming the field", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/brands/castella/policy/evaluate",
      payload: { ...scenario, now: "yesterday" },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error).toMatchObject({ code: "VALIDATION", details: { code: "INVALID_SCENARIO" } });
    expect(body.error.message).toContain("now");
    expect(body.error.requestId).toBe(res.headers["x-request-id"]);
  });

  it("answers an unknown brand with 404 and an unknown route with the same shape", async () => {
    const brand = await app.inject({
      method: "POST",
      url: "/api/v1/brands/nobody/policy/evaluate",
      payload: scenario,
    });
    expect(brand.statusCode).toBe(404);
    expect(brand.json().error.code).toBe("NOT_FOUND");
    const route = await app.inject({ method: "GET", url: "/api/v1/nothing-here" });
    expect(route.statusCode).toBe(404);
    expect(route.json().error).toMatchObject({ code: "NOT_FOUND" });
  });

  it("rejects malformed JSON without a stack trace", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/brands/castella/policy/evaluate",
      headers: { "content-type": "application/json" },
      payload: "{oops",
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("BAD_REQUEST");
    expect(res.body).not.toContain("at ");
  });

  it("serves an OpenAPI 3.1 document generated from the routes, a docs page, health and readiness", async () => {
    const doc = (await app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
    expect(doc.openapi).toBe("3.1.0");
    const op = doc.paths["/api/v1/brands/{brand}/policy/evaluate"].post;
    expect(op.parameters[0]).toMatchObject({ name: "brand", in: "path", required: true });
    expect(op.responses["200"].content["application/json"].schema.properties.outcome.enum).toContain(
      "partially_approved",
    );
    const docs = await app.inject({ method: "GET", url: "/docs" });
    expect(docs.headers["content-type"]).toContain("text/html");
    expect(docs.body).toContain("/api/v1/brands/{brand}/policy/evaluate");
    expect((await app.inject({ method: "GET", url: "/health" })).json()).toEqual({ status: "ok" });
    expect((await app.inject({ method: "GET", url: "/ready" })).json()).toEqual({ status: "ready" });
  });

  it("sends security headers", async () => {
    const res = await app.inject({ method: "GET", url: "/health" });
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["content-security-policy"]).toBeDefined();
  });
});
