// The store platform's order webhook through the real server and access guard: a brand that stored its
// platform's webhook secret accepts only deliveries signed over their exact bytes; a brand without one
// keeps the API key check it always had.
import { createHmac } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOW } from "../../test/support/auth-test-helpers.ts";
import { createApiKey } from "../app/access/api-keys.ts";
import { addBrand } from "../app/brands/add-brand.ts";
import { setStoreWebhookSecret } from "../app/integrations/set-store-webhook-secret.ts";
import { SYSTEM } from "../app/kernel/actor.ts";
import { loadConfig } from "../config.ts";
import type { Store } from "../db/database.ts";
import { testDatabases } from "../db/test-db.ts";
import { buildServer } from "./server.ts";

const SECRET = "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1";
const HOOK = "/api/v1/hooks/shopify/orders";

/** What the platform sends: base64 HMAC-SHA256 of the bytes, computed here independently of the server. */
const sign = (body: string, secret = SECRET) => createHmac("sha256", secret).update(body).digest("base64");

/** An order in the platform's JSON, laid out the way the platform might: indented, keys in its order. */
function orderJson(number: string, price = "45.50"): string {
  const doc = {
    id: 5001,
    name: `#${number}`,
    email: "s@example.com",
    created_at: "2026-03-05T09:00:00+00:00",
    currency: "GBP",
    financial_status: "paid",
    payment_gateway_names: ["shopify_payments"],
    total_price: price,
    line_items: [
      { id: 1, sku: "SW-3", title: "Maillot côtelé", price, quantity: 1, product_type: "Swimwear" },
    ],
  };
  // Extra spaces and a trailing newline: a server that re-serialised the parsed JSON would not match.
  return `${JSON.stringify(doc, null, 3)}\n`;
}

describe.each(testDatabases())("store-platform order webhook signatures on $name", (target) => {
  let store: Store;
  let app: FastifyInstance;
  let signedKey = "";
  let plainKey = "";

  const post = (url: string, body: string, headers: Record<string, string> = {}) =>
    app.inject({
      method: "POST",
      url,
      payload: body,
      headers: { "content-type": "application/json", ...headers },
    });
  const stored = (number: string) =>
    store.db.selectFrom("orders").select(["number", "total"]).where("number", "=", number).executeTakeFirst();

  beforeAll(async () => {
    store = await target.open();
    await addBrand(store.db, { slug: "kallesia", name: "Kallesia", currency: "GBP" });
    await addBrand(store.db, { slug: "castella", name: "Castélla", currency: "GBP" });
    await setStoreWebhookSecret(store.db, { brandSlug: "kallesia", secret: SECRET }, SYSTEM, NOW);
    signedKey = (await createApiKey(store.db, { name: "k", brandSlug: "kallesia" }, SYSTEM, NOW)).secret;
    plainKey = (await createApiKey(store.db, { name: "c", brandSlug: "castella" }, SYSTEM, NOW)).secret;
    app = await buildServer({ config: loadConfig({}), store, now: () => NOW });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it("accepts a delivery signed over its exact bytes, without an API key", async () => {
    const body = orderJson("K-7001");
    const res = await post(`${HOOK}?brand=kallesia`, body, { "X-Shopify-Hmac-Sha256": sign(body) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ outcome: "created", number: "K-7001", brand: "kallesia" });
    expect(res.body).not.toContain(SECRET);
    const audit = await store.db
      .selectFrom("audit_log")
      .select(["actor_type", "actor_id"])
      .where("action", "=", "order.created")
      .where(
        "entity_id",
        "=",
        (
          await store.db
            .selectFrom("orders")
            .select("id")
            .where("number", "=", "K-7001")
            .executeTakeFirstOrThrow()
        ).id,
      )
      .executeTakeFirst();
    expect(audit).toEqual({ actor_type: "system", actor_id: "store-webhook" });
  });

  it("refuses a tampered body, a signature made with another secret, and stores nothing", async () => {
    const body = orderJson("K-7002");
    const tampered = orderJson("K-7002", "0.50");
    const res = await post(`${HOOK}?brand=kallesia`, tampered, { "x-shopify-hmac-sha256": sign(body) });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({
      error: {
        code: "UNAUTHORIZED",
        message: expect.stringContaining("does not match"),
        details: null,
        requestId: expect.any(String),
      },
    });
    const forged = await post(`${HOOK}?brand=kallesia`, body, {
      "x-shopify-hmac-sha256": sign(body, "another-secret-of-some-length"),
    });
    expect(forged.statusCode).toBe(401);
    const garbage = await post(`${HOOK}?brand=kallesia`, body, {
      "x-shopify-hmac-sha256": "not base64 at all",
    });
    expect(garbage.statusCode).toBe(401);
    expect(await stored("K-7002")).toBeUndefined();
  });

  it("refuses a delivery without the signature header, even with the brand's API key", async () => {
    const body = orderJson("K-7003");
    const bare = await post(`${HOOK}?brand=kallesia`, body);
    expect(bare.statusCode).toBe(401);
    expect(bare.json().error).toMatchObject({
      code: "UNAUTHORIZED",
      message: expect.stringContaining("signed"),
    });
    // The brand known only from the key needs the signature all the same.
    const byKey = await post(HOOK, body, { "x-api-key": signedKey });
    expect(byKey.statusCode).toBe(401);
    expect(await stored("K-7003")).toBeUndefined();
    const both = await post(HOOK, body, { "x-api-key": signedKey, "x-shopify-hmac-sha256": sign(body) });
    expect(both.statusCode, both.body).toBe(200);
    expect(await stored("K-7003")).toEqual({ number: "K-7003", total: 4550 });
  });

  it("refuses a wrong API key sent along with a good signature", async () => {
    const body = orderJson("K-7004");
    const res = await post(`${HOOK}?brand=kallesia`, body, {
      "x-api-key": "ak_000000000000_notarealkeyatall",
      "x-shopify-hmac-sha256": sign(body),
    });
    expect(res.statusCode).toBe(401);
    expect(await stored("K-7004")).toBeUndefined();
  });

  it("keeps the API key check for a brand without a secret", async () => {
    const body = orderJson("C-7101");
    const noKey = await post(`${HOOK}?brand=castella`, body, { "x-shopify-hmac-sha256": sign(body) });
    expect(noKey.statusCode).toBe(401);
    expect(noKey.json().error).toMatchObject({
      code: "UNAUTHORIZED",
      message: expect.stringContaining("x-api-key"),
    });
    const withKey = await post(HOOK, body, { "x-api-key": plainKey });
    expect(withKey.statusCode, withKey.body).toBe(200);
    expect(withKey.json()).toMatchObject({ outcome: "created", number: "C-7101", brand: "castella" });
  });

  it("goes back to the API key when the secret is removed", async () => {
    const body = orderJson("K-7005");
    expect((await post(HOOK, body, { "x-api-key": signedKey })).statusCode).toBe(401);
    await setStoreWebhookSecret(store.db, { brandSlug: "kallesia", secret: null }, SYSTEM, NOW);
    try {
      const res = await post(HOOK, body, { "x-api-key": signedKey });
      expect(res.statusCode, res.body).toBe(200);
      expect(
        (await post(`${HOOK}?brand=kallesia`, body, { "x-shopify-hmac-sha256": sign(body) })).statusCode,
      ).toBe(401);
    } finally {
      await setStoreWebhookSecret(store.db, { brandSlug: "kallesia", secret: SECRET }, SYSTEM, NOW);
    }
  });
});
