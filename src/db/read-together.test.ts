import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Store } from "./database.ts";
import { readTogether } from "./read-together.ts";
import { testDatabases } from "./test-db.ts";

const at = "2026-03-01T00:00:00.000Z";
const brand = (slug: string) => ({
  id: `id-${slug}`,
  slug,
  name: slug.toUpperCase(),
  currency: "USD",
  time_zone: "UTC",
  created_at: at,
  updated_at: at,
});
const slugs = (store: Pick<Store, "db">) =>
  store.db
    .selectFrom("brands")
    .select("slug")
    .orderBy("slug")
    .execute()
    .then((rows) => rows.map((r) => r.slug));

describe.each(testDatabases())("readTogether on $name", (target) => {
  let store: Store & { readonly url: string };
  beforeAll(async () => {
    store = await target.open();
    await store.db.insertInto("brands").values(brand("alpha")).execute();
  });
  afterAll(() => store.close());

  it("returns what the reads return, side by side and nested", async () => {
    const [a, b] = await readTogether(store.db, (db) =>
      Promise.all([
        db.selectFrom("brands").select("slug").where("slug", "=", "alpha").executeTakeFirst(),
        readTogether(db, (inner) => slugs({ db: inner })),
      ]),
    );
    expect(a?.slug).toBe("alpha");
    expect(b).toEqual(["alpha"]);
  });

  it("leaves the store usable after reads that fail, for reads and for write transactions", async () => {
    await expect(
      readTogether(store.db, async (db) => {
        await slugs({ db });
        throw new Error("a use case refused");
      }),
    ).rejects.toThrow("a use case refused");
    await store.db.transaction().execute((trx) => trx.insertInto("brands").values(brand("beta")).execute());
    expect(await readTogether(store.db, (db) => slugs({ db }))).toEqual(["alpha", "beta"]);
    await store.db.deleteFrom("brands").where("slug", "=", "beta").execute();
  });

  it("runs inside a caller's transaction as part of it", async () => {
    const seen = await store.db.transaction().execute(async (trx) => {
      await trx.insertInto("brands").values(brand("gamma")).execute();
      return readTogether(trx, (db) => slugs({ db }));
    });
    expect(seen).toEqual(["alpha", "gamma"]);
    await store.db.deleteFrom("brands").where("slug", "=", "gamma").execute();
  });

  it.runIf(target.name === "sqlite")(
    "on SQLite reads one state: a commit by another connection in between is not seen",
    async () => {
      const other = createDb(store.url);
      try {
        const [before, after] = await readTogether(store.db, async (db) => {
          const first = await slugs({ db });
          await other.db.insertInto("brands").values(brand("delta")).execute();
          return [first, await slugs({ db })];
        });
        expect(before).toEqual(["alpha"]);
        expect(after).toEqual(["alpha"]);
        // Once the reads are over, the next read sees the other connection's commit.
        expect(await slugs(store)).toEqual(["alpha", "delta"]);
      } finally {
        await other.db.deleteFrom("brands").where("slug", "=", "delta").execute();
        await other.close();
      }
    },
  );
});
