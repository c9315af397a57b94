import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "./database.ts";
import { preparedQuery } from "./prepared.ts";
import { testDatabases } from "./test-db.ts";

const brandBySlug = preparedQuery((db, slug: string) =>
  db.selectFrom("brands").select(["id", "slug", "name"]).where("slug", "=", slug),
);
const brandsAfter = preparedQuery((db, slug: string, limit: number) =>
  db
    .selectFrom("brands")
    .select("slug")
    .where("slug", ">", slug)
    .where("time_zone", "=", "UTC")
    .orderBy("slug")
    .limit(limit),
);

describe.each(testDatabases())("prepared queries on $name", (target) => {
  let store: Store;
  beforeAll(async () => {
    store = await target.open();
    const at = "2026-03-01T00:00:00.000Z";
    for (const slug of ["alpha", "beta", "gamma"])
      await store.db
        .insertInto("brands")
        .values({
          id: `id-${slug}`,
          slug,
          name: slug.toUpperCase(),
          currency: "USD",
          time_zone: "UTC",
          created_at: at,
          updated_at: at,
        })
        .execute();
  });
  afterAll(() => store.close());

  it("answers as the same query built each time, with new arguments on every call", async () => {
    expect(await brandBySlug(store.db, "beta")).toEqual([{ id: "id-beta", slug: "beta", name: "BETA" }]);
    expect(await brandBySlug(store.db, "alpha")).toEqual([{ id: "id-alpha", slug: "alpha", name: "ALPHA" }]);
    expect(await brandBySlug(store.db, "nobody")).toEqual([]);
    // Constants of the query stay in place; numbers work as arguments too.
    expect(await brandsAfter(store.db, "alpha", 1)).toEqual([{ slug: "beta" }]);
    expect(await brandsAfter(store.db, "a", 5)).toEqual([
      { slug: "alpha" },
      { slug: "beta" },
      { slug: "gamma" },
    ]);
    // Inside a transaction as well.
    await store.db.transaction().execute(async (trx) => {
      expect(await brandBySlug(trx, "gamma")).toHaveLength(1);
    });
  });

  it("refuses a query that does not use each argument as a parameter", async () => {
    const unused = preparedQuery((db, _slug: string) => db.selectFrom("brands").select("id"));
    await expect(unused(store.db, "alpha")).rejects.toThrow(/not parameters/);
  });
});
