import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "./database.ts";
import { newId } from "./database.ts";
import { insertRows } from "./insert-rows.ts";
import { testDatabases } from "./test-db.ts";

describe.each(testDatabases())("insertRows on $name", (target) => {
  let store: Store;
  beforeAll(async () => {
    store = await target.open();
  });
  afterAll(() => store.close());

  const brand = (i: number, prefix: string) => ({
    id: newId(),
    slug: `${prefix}-${i}`,
    name: `Brand ${i}`,
    currency: "GBP",
    time_zone: "Europe/London",
    created_at: "2026-11-01T00:00:00.000Z",
    updated_at: "2026-11-01T00:00:00.000Z",
  });

  it("writes every row of any count, split into statements of the fixed sizes", async () => {
    for (const count of [1, 4, 6, 399, 400, 401, 937]) {
      const rows = Array.from({ length: count }, (_, i) => brand(i, `n${count}`));
      await insertRows(store.db, "brands", rows);
      const stored = await store.db
        .selectFrom("brands")
        .select(["id", "slug", "name"])
        .where("slug", "like", `n${count}-%`)
        .orderBy("id")
        .execute();
      expect(stored).toEqual(rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name })));
    }
  });

  it("places each value by its column name, whatever the key order of a row", async () => {
    const first = brand(1, "order");
    const { name, slug, ...rest } = brand(2, "order");
    await insertRows(store.db, "brands", [first, { name, ...rest, slug }]);
    const stored = await store.db
      .selectFrom("brands")
      .select(["slug", "name"])
      .where("slug", "like", "order-%")
      .orderBy("slug")
      .execute();
    expect(stored).toEqual([
      { slug: "order-1", name: "Brand 1" },
      { slug: "order-2", name: "Brand 2" },
    ]);
  });
});
