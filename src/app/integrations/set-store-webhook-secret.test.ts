import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { addBrand } from "../brands/add-brand.ts";
import type { Actor } from "../kernel/actor.ts";
import { SYSTEM } from "../kernel/actor.ts";
import { getStoreWebhookSecret } from "./get-store-webhook-secret.ts";
import { setStoreWebhookSecret } from "./set-store-webhook-secret.ts";

const NOW = new Date("2026-03-09T15:00:00Z");
const LATER = new Date("2026-03-10T08:00:00Z");
const SECRET = "whsec-from-the-platform-0123456789";

describe.each(testDatabases())("store webhook secret on $name", (target) => {
  let store: Store;
  let brandId = "";
  let otherId = "";

  beforeAll(async () => {
    store = await target.open();
    brandId = (await addBrand(store.db, { slug: "nordwind", name: "Nordwind" })).brand.id;
    otherId = (await addBrand(store.db, { slug: "sudwind", name: "Sudwind" })).brand.id;
  });
  afterAll(async () => {
    await store.close();
  });

  const auditOf = () =>
    store.db
      .selectFrom("audit_log")
      .select(["action", "before", "after"])
      .where("entity_id", "=", brandId)
      .where("action", "like", "store_webhook_secret.%")
      .orderBy("created_at")
      .execute();

  it("stores, replaces and removes the secret, auditing each change without its value", async () => {
    expect(await getStoreWebhookSecret(store.db, { brandSlug: "nordwind" }, SYSTEM)).toEqual({
      brand: "nordwind",
      configured: false,
      updatedAt: null,
    });
    const set = await setStoreWebhookSecret(
      store.db,
      { brandSlug: "nordwind", secret: ` ${SECRET}\n` },
      SYSTEM,
      NOW,
    );
    expect(set).toEqual({ brand: "nordwind", configured: true, updatedAt: NOW.toISOString() });
    expect(JSON.stringify(set)).not.toContain(SECRET);
    const row = await store.db
      .selectFrom("store_webhook_secrets")
      .select("secret")
      .where("brand_id", "=", brandId)
      .executeTakeFirstOrThrow();
    expect(row.secret).toBe(SECRET);

    const replaced = await setStoreWebhookSecret(
      store.db,
      { brandSlug: "nordwind", secret: `${SECRET}-rotated` },
      SYSTEM,
      LATER,
    );
    expect(replaced.updatedAt).toBe(LATER.toISOString());
    expect(await getStoreWebhookSecret(store.db, { brandSlug: "nordwind" }, SYSTEM)).toEqual(replaced);

    const removed = await setStoreWebhookSecret(
      store.db,
      { brandSlug: "nordwind", secret: null },
      SYSTEM,
      LATER,
    );
    expect(removed).toEqual({ brand: "nordwind", configured: false, updatedAt: null });
    // Removing what is not there changes nothing and audits nothing.
    await setStoreWebhookSecret(store.db, { brandSlug: "nordwind", secret: null }, SYSTEM, LATER);

    const audit = await auditOf();
    expect(audit.map((a) => a.action)).toEqual([
      "store_webhook_secret.set",
      "store_webhook_secret.set",
      "store_webhook_secret.removed",
    ]);
    for (const a of audit) expect(`${a.before} ${a.after}`).not.toContain(SECRET);
  });

  it("survives re-running the brand set-up, which rewrites the brand row", async () => {
    await setStoreWebhookSecret(store.db, { brandSlug: "nordwind", secret: SECRET }, SYSTEM, NOW);
    await addBrand(store.db, { slug: "nordwind", name: "Nordwind GmbH", settings: { holidayCountry: "DE" } });
    expect((await getStoreWebhookSecret(store.db, { brandSlug: "nordwind" }, SYSTEM)).configured).toBe(true);
    const brandAudit = await store.db
      .selectFrom("audit_log")
      .select("after")
      .where("action", "=", "brand.updated")
      .where("entity_id", "=", brandId)
      .execute();
    expect(brandAudit.length).toBeGreaterThan(0);
    for (const a of brandAudit) expect(a.after ?? "").not.toContain(SECRET);
  });

  it("refuses a short or spaced secret, non-admins and another brand's admin", async () => {
    for (const secret of ["short", "has a space in the middle of it"]) {
      await expect(
        setStoreWebhookSecret(store.db, { brandSlug: "nordwind", secret }, SYSTEM, NOW),
      ).rejects.toMatchObject({ code: "VALIDATION" });
    }
    const agent: Actor = { type: "staff", id: "u1", role: "agent", brandId: null };
    await expect(
      setStoreWebhookSecret(store.db, { brandSlug: "nordwind", secret: SECRET }, agent, NOW),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const theirAdmin: Actor = { type: "staff", id: "u2", role: "admin", brandId: otherId };
    await expect(
      setStoreWebhookSecret(store.db, { brandSlug: "nordwind", secret: SECRET }, theirAdmin, NOW),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      getStoreWebhookSecret(store.db, { brandSlug: "nordwind" }, theirAdmin),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const ownAdmin: Actor = { type: "staff", id: "u3", role: "admin", brandId: otherId };
    expect(
      (await setStoreWebhookSecret(store.db, { brandSlug: "sudwind", secret: SECRET }, ownAdmin, NOW))
        .configured,
    ).toBe(true);
    await expect(
      setStoreWebhookSecret(store.db, { brandSlug: "nobody", secret: SECRET }, SYSTEM, NOW),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
