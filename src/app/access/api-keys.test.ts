import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { addBrand } from "../brands/add-brand.ts";
import type { Actor } from "../kernel/actor.ts";
import { createApiKey, listApiKeys, revokeApiKey, verifyApiKey } from "./api-keys.ts";

const NOW = new Date("2026-03-09T15:00:00Z");
const admin: Actor = { type: "staff", id: "admin-1", role: "admin", brandId: null };

describe.each(testDatabases())("api keys on $name", (target) => {
  let store: Store;
  beforeAll(async () => {
    store = await target.open();
    await addBrand(store.db, { slug: "castella", name: "Castélla" });
  });
  afterAll(() => store.close());

  it("keeps only a hash, verifies the secret, records use, and stops working once revoked", async () => {
    const { apiKey, secret } = await createApiKey(
      store.db,
      { name: "Sync", brandSlug: "castella" },
      admin,
      NOW,
    );
    const row = await store.db
      .selectFrom("api_keys")
      .selectAll()
      .where("id", "=", apiKey.id)
      .executeTakeFirstOrThrow();
    expect(row.key_hash).not.toContain(secret);
    expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(secret.startsWith(row.key_prefix)).toBe(true);

    expect(await verifyApiKey(store.db, secret, NOW)).toEqual({
      type: "api_key",
      id: apiKey.id,
      brandId: apiKey.brand_id,
    });
    expect(await verifyApiKey(store.db, `${secret}x`, NOW)).toBeNull();
    expect(await verifyApiKey(store.db, "not-a-key", NOW)).toBeNull();
    const used = await store.db
      .selectFrom("api_keys")
      .select("last_used_at")
      .where("id", "=", apiKey.id)
      .executeTakeFirstOrThrow();
    expect(used.last_used_at).toBe(NOW.toISOString());

    await revokeApiKey(store.db, { id: apiKey.id }, admin, NOW);
    expect(await verifyApiKey(store.db, secret, NOW)).toBeNull();
    const audit = await store.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", apiKey.id)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["api_key.created", "api_key.revoked"]);
  });

  it("is for admins only, and a brand-bound admin sees and revokes only its brand's keys", async () => {
    const agent: Actor = { type: "staff", id: "agent-1", role: "agent", brandId: null };
    await expect(createApiKey(store.db, { name: "x" }, agent, NOW)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const installWide = await createApiKey(store.db, { name: "Everything" }, admin, NOW);
    const brand = await store.db
      .selectFrom("brands")
      .select("id")
      .where("slug", "=", "castella")
      .executeTakeFirstOrThrow();
    const brandAdmin: Actor = { type: "staff", id: "admin-2", role: "admin", brandId: brand.id };
    const listed = await listApiKeys(store.db, brandAdmin);
    expect(listed.every((k) => k.brand_id === brand.id)).toBe(true);
    await expect(
      revokeApiKey(store.db, { id: installWide.apiKey.id }, brandAdmin, NOW),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
