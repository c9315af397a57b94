import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { addBrand } from "../brands/add-brand.ts";
import { SYSTEM } from "../kernel/actor.ts";
import { setStoreWebhookSecret } from "./set-store-webhook-secret.ts";
import {
  isStoreWebhookSignature,
  storeWebhookSignature,
  verifyStoreWebhook,
} from "./verify-store-webhook.ts";

const NOW = new Date("2026-03-09T15:00:00Z");

describe("store webhook signatures", () => {
  it("are base64 HMAC-SHA256 of the body (the published test vector)", () => {
    const body = Buffer.from("The quick brown fox jumps over the lazy dog");
    expect(storeWebhookSignature("key", body)).toBe("97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg=");
    expect(isStoreWebhookSignature("key", body, "97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg=")).toBe(true);
  });

  it("refuse another body, another secret, and anything that is not a digest", () => {
    const body = Buffer.from('{"id":1}');
    const good = storeWebhookSignature("secret-one-0123456789", body);
    expect(isStoreWebhookSignature("secret-one-0123456789", Buffer.from('{"id":2}'), good)).toBe(false);
    expect(isStoreWebhookSignature("secret-two-0123456789", body, good)).toBe(false);
    for (const bad of ["", "abc", `${good}=`, good.slice(0, -1), good.replace(/=$/, "")]) {
      expect(isStoreWebhookSignature("secret-one-0123456789", body, bad)).toBe(false);
    }
  });
});

describe.each(testDatabases())("verifyStoreWebhook on $name", (target) => {
  let store: Store;
  let brandId = "";
  const secret = "0123456789abcdef0123456789abcdef";
  const body = Buffer.from('{ "name": "#K-1" }\n');

  beforeAll(async () => {
    store = await target.open();
    brandId = (await addBrand(store.db, { slug: "signed", name: "Signed" })).brand.id;
    await addBrand(store.db, { slug: "plain", name: "Plain" });
    await setStoreWebhookSecret(store.db, { brandSlug: "signed", secret }, SYSTEM, NOW);
  });
  afterAll(async () => {
    await store.close();
  });

  it("verifies a signed body by the brand's slug or id", async () => {
    const signature = storeWebhookSignature(secret, body);
    expect(
      await verifyStoreWebhook(store.db, { brand: { slug: "signed" }, rawBody: body, signature }),
    ).toEqual({
      kind: "verified",
      brandId,
    });
    expect(await verifyStoreWebhook(store.db, { brand: { id: brandId }, rawBody: body, signature })).toEqual({
      kind: "verified",
      brandId,
    });
  });

  it("rejects a missing or wrong signature when the brand has a secret", async () => {
    expect(
      await verifyStoreWebhook(store.db, { brand: { slug: "signed" }, rawBody: body, signature: undefined }),
    ).toEqual({ kind: "rejected", reason: "missing" });
    const other = storeWebhookSignature(secret, Buffer.from('{"name":"#K-1"}'));
    expect(
      await verifyStoreWebhook(store.db, { brand: { slug: "signed" }, rawBody: body, signature: other }),
    ).toEqual({ kind: "rejected", reason: "mismatch" });
  });

  it("leaves brands without a secret, and unknown brands, to the API key", async () => {
    for (const slug of ["plain", "nobody"]) {
      expect(
        await verifyStoreWebhook(store.db, { brand: { slug }, rawBody: body, signature: undefined }),
      ).toEqual({ kind: "unsigned" });
    }
  });
});
