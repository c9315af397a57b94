// Many writers at once, across processes: 50 concurrent API writers on SQLite while a CLI import holds
// the write lock in batches (no SQLITE_BUSY reaches anyone, no write is lost); 20 concurrent refunds of
// one return split over two server processes (one refund); an online backup taken while writes go on
// (a consistent copy), and restored.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaffUser } from "../../src/app/access/create-staff-user.ts";
import { SYSTEM } from "../../src/app/kernel/actor.ts";
import { createDb, type Store } from "../../src/db/database.ts";
import { testDatabases } from "../../src/db/test-db.ts";
import { inspectedCastellaReturn, seedBrand } from "../support/test-seed.ts";
import { aftercare, apiKeyFor, exited, orderJson, serve, staffHeaders, startCommand } from "./support.ts";

const WRITERS = 50;
const PER_WRITER = 8;

describe("50 concurrent writers on SQLite", { timeout: 240_000 }, () => {
  let dir: string;
  let url: string;
  let store: Store;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "aftercare-writers-"));
    url = `sqlite:${join(dir, "store.db")}`;
    const init = await aftercare(["init"], { DATABASE_URL: url, DATA_DIR: dir });
    expect(init.code, init.stderr).toBe(0);
    store = createDb(url);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("stores every write, with no SQLITE_BUSY or 5xx, while another process imports", async () => {
    const key = await apiKeyFor(store, "castella");
    const file = join(dir, "bulk.jsonl");
    writeFileSync(
      file,
      `${Array.from({ length: 8000 }, (_, i) => JSON.stringify(orderJson("castella", `BULK-${i}`, 3))).join("\n")}\n`,
    );
    const server = await serve(url, dir, { LOG_LEVEL: "warn" });
    const importer = startCommand(["orders", "import", file, "--brand", "castella"], {
      DATABASE_URL: url,
      DATA_DIR: dir,
    });
    const failures: string[] = [];
    try {
      await Promise.all(
        Array.from({ length: WRITERS }, async (_, w) => {
          for (let k = 0; k < PER_WRITER; k++) {
            const res = await fetch(`${server.base}/api/v1/integrations/orders`, {
              method: "POST",
              headers: { "content-type": "application/json", "x-api-key": key },
              body: JSON.stringify(orderJson("castella", `W${w}-${k}`)),
            });
            const body = await res.text();
            if (res.status !== 200 || /SQLITE_BUSY|locked/i.test(body))
              failures.push(`${res.status} ${body}`);
          }
        }),
      );
    } finally {
      if (failures.length) console.error(server.output());
      await server.stop();
    }
    const imported = await exited(importer.child);
    expect(failures).toEqual([]);
    expect(imported.code, importer.stderr()).toBe(0);
    const count = async (like: string) =>
      Number(
        (
          await store.db
            .selectFrom("orders")
            .select((e) => e.fn.countAll<number>().as("n"))
            .where("number", "like", like)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count("W%")).toBe(WRITERS * PER_WRITER);
    expect(await count("BULK-%")).toBe(8000);
  });

  it("takes a consistent online backup while writes continue, and restores it", async () => {
    const key = await apiKeyFor(store, "kallesia");
    const server = await serve(url, dir, { LOG_LEVEL: "warn" });
    let writing = true;
    let written = 0;
    const writers = Array.from({ length: 8 }, async (_, w) => {
      for (let k = 0; writing; k++) {
        const res = await fetch(`${server.base}/api/v1/integrations/orders`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-api-key": key },
          body: JSON.stringify(orderJson("kallesia", `SNAP${w}-${k}`, 2)),
        });
        expect(res.status).toBe(200);
        written++;
      }
    });
    const copy = join(dir, "copy.db");
    try {
      while (written < 50) await new Promise((r) => setTimeout(r, 20));
      const backup = await aftercare(["backup", copy], { DATABASE_URL: url, DATA_DIR: dir });
      expect(backup.code, backup.stderr).toBe(0);
      expect(backup.stdout).toMatch(/backup written to .*copy\.db: \d+ orders/);
    } finally {
      writing = false;
      await Promise.all(writers);
      await server.stop();
    }
    // The copy is one moment of the store: every order in it is whole (two lines, a payment, its audit
    // row and event), and writes went on after it was taken.
    const snapshot = new SQLite(copy, { readonly: true });
    const inCopy = snapshot
      .prepare("select count(*) from orders where number like 'SNAP%'")
      .pluck()
      .get() as number;
    const torn = snapshot
      .prepare(
        `select count(*) from orders o where o.number like 'SNAP%' and (
           (select count(*) from order_lines l where l.order_id = o.id) <> 2 or
           (select count(*) from payments p where p.order_id = o.id) <> 1 or
           (select count(*) from outbox e where e.aggregate_id = o.id and e.event_type = 'order.placed') <> 1)`,
      )
      .pluck()
      .get();
    expect(snapshot.pragma("integrity_check", { simple: true })).toBe("ok");
    snapshot.close();
    expect(inCopy).toBeGreaterThanOrEqual(50);
    expect(torn).toBe(0);
    expect(written).toBeGreaterThan(inCopy);

    // Restore into a new store location and read it back through the server.
    const restoredUrl = `sqlite:${join(dir, "restored.db")}`;
    const restore = await aftercare(["restore", copy], { DATABASE_URL: restoredUrl, DATA_DIR: dir });
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toContain(`restored`);
    const restored = createDb(restoredUrl);
    try {
      const n = await restored.db
        .selectFrom("orders")
        .select((e) => e.fn.countAll<number>().as("n"))
        .where("number", "like", "SNAP%")
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(inCopy);
    } finally {
      await restored.close();
    }
    // A damaged file is refused and the store is left as it was.
    writeFileSync(join(dir, "junk.db"), "not a database");
    const refused = await aftercare(["restore", join(dir, "junk.db")], {
      DATABASE_URL: restoredUrl,
      DATA_DIR: dir,
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/cannot be restored/);
  });
});

describe.each(testDatabases())(
  "20 concurrent refunds over two server processes on $name",
  { timeout: 240_000 },
  (target) => {
    let store: Store & { url: string };
    let dir: string;
    beforeAll(async () => {
      store = await target.open();
      dir = mkdtempSync(join(tmpdir(), "aftercare-refunds-"));
    });
    afterAll(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it("pays one refund whatever the keys and whichever process answers", async () => {
      const castella = await seedBrand(store.db, "castella");
      const agent = await createStaffUser(
        store.db,
        { email: "refunds@example.com", role: "agent", password: "a-long-password-1" },
        SYSTEM,
        new Date(),
      );
      const withKeys = (await inspectedCastellaReturn(store.db, castella.id)).returnId;
      const sameKey = (await inspectedCastellaReturn(store.db, castella.id)).returnId;
      const servers = [await serve(store.url, dir), await serve(store.url, dir)];
      try {
        const headers = { ...staffHeaders(agent.id), "content-type": "application/json" };
        const fire = (returnId: string, key: (i: number) => string) =>
          Promise.all(
            Array.from({ length: 20 }, (_, i) =>
              fetch(`${servers[i % 2]?.base}/api/v1/desk/returns/${returnId}/refund`, {
                method: "POST",
                headers: { ...headers, "idempotency-key": key(i) },
                body: "{}",
              }).then(async (r) => ({ status: r.status, body: await r.text() })),
            ),
          );
        const different = await fire(withKeys, (i) => `refund-${i}`);
        expect(different.filter((r) => r.status >= 500)).toEqual([]);
        expect(different.filter((r) => r.status === 200 || r.status === 201)).toHaveLength(1);
        for (const r of different.filter((x) => x.status !== 200 && x.status !== 201))
          expect(JSON.parse(r.body).error.code).toBe("CONFLICT");

        const same = await fire(sameKey, () => "one-refund-key");
        expect(same.filter((r) => r.status !== 200 && r.status !== 201)).toEqual([]);
        expect(new Set(same.map((r) => JSON.parse(r.body).refund.id)).size).toBe(1);

        for (const returnId of [withKeys, sameKey]) {
          const rows = await store.db
            .selectFrom("refunds")
            .select("amount")
            .where("return_id", "=", returnId)
            .execute();
          expect(rows).toHaveLength(1);
        }
      } finally {
        await Promise.all(servers.map((s) => s.stop()));
      }
    });
  },
);
