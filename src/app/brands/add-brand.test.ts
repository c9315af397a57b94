import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../db/database.ts";
import { currentPolicyVersion, policyVersionAt } from "../../db/policy-versions.ts";
import { testDatabases } from "../../db/test-db.ts";
import { AppError } from "../kernel/errors.ts";
import { addBrand, validatePolicyText } from "./add-brand.ts";
import { getBrandPolicy } from "./get-brand-policy.ts";
import { listBrands } from "./list-brands.ts";

const policyV1 = `brand:
  name: Castélla
  currency: USD
  timeZone: America/New_York
`;
const policyV2 = `${policyV1}clauses:
  C-window: Returns are accepted within fourteen days of delivery.
`;

describe.each(testDatabases())("addBrand on $name", (target) => {
  let store: Store;
  beforeAll(async () => {
    store = await target.open();
  });
  afterAll(async () => {
    await store.close();
  });

  it("creates a brand with an empty policy, then updates it in place", async () => {
    const first = await addBrand(store.db, { slug: "kallesia", name: "Kallesia" });
    expect(first.created).toBe(true);
    expect(first.policyVersion).toBe(1);
    expect(first.brand).toMatchObject({
      slug: "kallesia",
      name: "Kallesia",
      currency: "USD",
      time_zone: "UTC",
    });
    // The empty policy is a real, loadable policy with no rules.
    const empty = await currentPolicyVersion(store.db, first.brand.id);
    expect(validatePolicyText(empty?.yaml ?? "", "empty").file.returns).toBeNull();

    const again = await addBrand(store.db, { slug: "kallesia", name: "Kallesia Studio", currency: "GBP" });
    expect(again.created).toBe(false);
    expect(again.brand.id).toBe(first.brand.id);
    expect(again.brand).toMatchObject({ name: "Kallesia Studio", currency: "GBP" });
    // No policy given: the brand keeps the one it has.
    expect(again).toMatchObject({ policyVersion: 1, policyChanged: false });

    const brands = await listBrands(store.db);
    expect(brands.filter((b) => b.slug === "kallesia")).toHaveLength(1);
  });

  it("stores a new policy version only when the text changes, taking currency and zone from it", async () => {
    const t0 = new Date("2026-01-01T00:00:00Z");
    const t1 = new Date("2026-02-01T00:00:00Z");
    const created = await addBrand(store.db, {
      slug: "castella",
      name: "Castélla",
      policy: { text: policyV1, source: "policy.yaml" },
      now: t0,
    });
    expect(created).toMatchObject({ policyVersion: 1, policyChanged: true });
    expect(created.brand).toMatchObject({ currency: "USD", time_zone: "America/New_York" });

    const same = await addBrand(store.db, {
      slug: "castella",
      name: "Castélla",
      policy: { text: policyV1, source: "policy.yaml" },
      now: t1,
    });
    expect(same).toMatchObject({ policyVersion: 1, policyChanged: false });

    const changed = await addBrand(store.db, {
      slug: "castella",
      name: "Castélla",
      policy: { text: policyV2, source: "policy.yaml" },
      now: t1,
    });
    expect(changed).toMatchObject({ policyVersion: 2, policyChanged: true });

    const brandId = created.brand.id;
    expect((await policyVersionAt(store.db, brandId, "2026-01-15T12:00:00Z"))?.version).toBe(1);
    expect((await policyVersionAt(store.db, brandId, "2026-02-01T00:00:00.000Z"))?.version).toBe(2);
    expect((await policyVersionAt(store.db, brandId, new Date("2026-06-01T00:00:00Z")))?.version).toBe(2);
    // Orders older than the first policy are judged by the first one.
    expect((await policyVersionAt(store.db, brandId, "2025-12-01T00:00:00Z"))?.version).toBe(1);
    expect((await policyVersionAt(store.db, brandId, "2026-01-15T12:00:00Z"))?.yaml).toBe(policyV1);
    // The policy requests are judged by follows the same rule, and the newest without a moment.
    for (const at of [
      "2026-01-15T12:00:00Z",
      "2026-02-01T00:00:00.000Z",
      "2026-06-01T00:00:00Z",
      "2025-12-01",
    ])
      expect((await getBrandPolicy(store.db, "castella", at)).version).toBe(
        (await policyVersionAt(store.db, brandId, at))?.version,
      );
    expect((await getBrandPolicy(store.db, "castella")).version).toBe(
      (await currentPolicyVersion(store.db, brandId))?.version,
    );
    // Parsed once per stored version.
    expect((await getBrandPolicy(store.db, "castella")).policy).toBe(
      (await getBrandPolicy(store.db, "castella", "2026-06-01T00:00:00Z")).policy,
    );
    await expect(getBrandPolicy(store.db, "castella", "not a date")).rejects.toThrow(RangeError);
  });

  it("tells an unknown brand from a brand without a policy, and gives the brand's id", async () => {
    const at = "2026-01-01T00:00:00.000Z";
    await store.db
      .insertInto("brands")
      .values({
        id: "no-policy-id",
        slug: "no-policy",
        name: "No policy",
        currency: "USD",
        time_zone: "UTC",
        created_at: at,
        updated_at: at,
      })
      .execute();
    const refusal = (slug: string) =>
      getBrandPolicy(store.db, slug).then(
        () => null,
        (error: unknown) => (error instanceof AppError ? `${error.code}: ${error.message}` : String(error)),
      );
    expect(await refusal("nobody")).toMatch(/^NOT_FOUND: .*brand.*nobody/i);
    expect(await refusal("no-policy")).toMatch(/^NOT_FOUND: .*policy of brand.*no-policy/i);
    const castella = await store.db
      .selectFrom("brands")
      .select("id")
      .where("slug", "=", "castella")
      .executeTakeFirstOrThrow();
    expect((await getBrandPolicy(store.db, "castella")).brandId).toBe(castella.id);
    await store.db.deleteFrom("brands").where("id", "=", "no-policy-id").execute();
  });

  it("rejects an invalid policy with a validation error naming the file, and stores nothing", async () => {
    const bad = "brand:\n  name: Broken\n  currency: dollars\n  timeZone: UTC\n";
    const attempt = addBrand(store.db, {
      slug: "broken",
      name: "Broken",
      policy: { text: bad, source: "broken.yaml" },
    });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringContaining("broken.yaml"),
    });
    expect((await listBrands(store.db)).map((b) => b.slug)).not.toContain("broken");
  });

  it("rejects malformed slugs", async () => {
    await expect(addBrand(store.db, { slug: "Bad Slug", name: "x" })).rejects.toMatchObject({
      code: "VALIDATION",
    });
  });

  it("audits brand creation and policy publication", async () => {
    const rows = await store.db.selectFrom("audit_log").select("action").orderBy("created_at").execute();
    const actions = rows.map((r) => r.action);
    expect(actions).toContain("brand.created");
    expect(actions).toContain("brand.updated");
    expect(actions).toContain("policy.published");
  });
});
