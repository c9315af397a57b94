// Nothing is lost when a process dies: an import killed with SIGKILL halfway and run again ends with
// exactly the file's orders, each created once; a server killed under write load keeps every write it
// acknowledged; a server asked to stop with SIGTERM finishes the requests it is serving.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/db/database.ts";
import { testDatabases } from "../../src/db/test-db.ts";
import { aftercare, apiKeyFor, exited, orderJson, serve, startCommand, until } from "./support.ts";

const ORDERS = 12_000;

/** The import file: ORDERS orders of the castella brand, 1–3 lines each. */
function writeImportFile(path: string): { lines: number } {
  let lines = 0;
  const rows: string[] = [];
  for (let i = 1; i <= ORDERS; i++) {
    const order = orderJson("castella", `KILL-${i}`, 1 + (i % 3));
    lines += 1 + (i % 3);
    rows.push(JSON.stringify(order));
  }
  writeFileSync(path, `${rows.join("\n")}\n`);
  return { lines };
}

describe.each(testDatabases())("processes killed on $name", { timeout: 240_000 }, (target) => {
  let store: Store & { url: string };
  let dir: string;
  const count = async (table: "orders" | "order_lines" | "payments", where?: [string, string]) => {
    let q = store.db.selectFrom(table).select((e) => e.fn.countAll<number>().as("n"));
    if (where) q = q.where(where[0] as never, "like", where[1] as never);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };
  const countWhere = async (table: "audit_log" | "outbox", column: "action" | "event_type", value: string) =>
    Number(
      (
        await store.db
          .selectFrom(table)
          .select((e) => e.fn.countAll<number>().as("n"))
          .where(column as never, "=", value as never)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    store = await target.open();
    dir = mkdtempSync(join(tmpdir(), "aftercare-reliability-"));
    const init = await aftercare(["init"], { DATABASE_URL: store.url, DATA_DIR: dir });
    expect(init.code, init.stderr).toBe(0);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("an import killed halfway and run again leaves exactly the file's orders, each created once", async () => {
    const file = join(dir, "orders.jsonl");
    const { lines } = writeImportFile(file);
    const env = { DATABASE_URL: store.url, DATA_DIR: dir };
    const first = startCommand(["orders", "import", file, "--brand", "castella"], env);
    // Killed once some batches are committed and more are on the way.
    await until(() => /orders: [1-9]\d{3,}\//.test(first.stderr()), 120_000, "the import to be under way");
    first.child.kill("SIGKILL");
    expect((await exited(first.child)).signal).toBe("SIGKILL");
    const partial = await count("orders", ["number", "KILL-%"]);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(ORDERS);

    const again = await aftercare(["orders", "import", file, "--brand", "castella"], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`created ${ORDERS - partial}, updated 0, unchanged ${partial}, bad 0`);
    expect(await count("orders", ["number", "KILL-%"])).toBe(ORDERS);
    expect(await count("order_lines")).toBe(lines);
    expect(await count("payments")).toBe(ORDERS);
    // Every order was created once: one audit row and one confirmation event each.
    expect(await countWhere("audit_log", "action", "order.created")).toBe(ORDERS);
    expect(await countWhere("outbox", "event_type", "order.placed")).toBe(ORDERS);
  });

  it("a server killed under write load keeps every write it acknowledged", async () => {
    const key = await apiKeyFor(store, "castella");
    const server = await serve(store.url, dir);
    const acknowledged: string[] = [];
    let next = 0;
    let stop = false;
    const writer = async () => {
      while (!stop) {
        const number = `ACK-${next++}`;
        try {
          const res = await fetch(`${server.base}/api/v1/integrations/orders`, {
            method: "POST",
            headers: { "content-type": "application/json", "x-api-key": key },
            body: JSON.stringify(orderJson("castella", number)),
          });
          if (res.ok) acknowledged.push(number);
          else if (res.status >= 500) throw new Error(`${res.status}: ${await res.text()}`);
        } catch (error) {
          // The connection dies with the server; anything not acknowledged may or may not be stored.
          if (stop || server.child.exitCode !== null || server.child.signalCode !== null) return;
          if ((error as Error).message.match(/^\d{3}:/)) throw error;
        }
      }
    };
    const writers = Array.from({ length: 16 }, writer);
    await until(() => acknowledged.length >= 300, 60_000, "300 acknowledged writes");
    server.child.kill("SIGKILL");
    await exited(server.child);
    stop = true;
    await Promise.all(writers);

    const restarted = await serve(store.url, dir);
    try {
      const stored = new Set(
        (await store.db.selectFrom("orders").select("number").where("number", "like", "ACK-%").execute()).map(
          (r) => r.number,
        ),
      );
      const lost = acknowledged.filter((n) => !stored.has(n));
      expect(lost).toEqual([]);
      // Each stored order is whole: its two lines and its payment.
      const lines = await count("order_lines");
      expect(lines).toBeGreaterThanOrEqual(stored.size * 2);
      const res = await fetch(`${restarted.base}/ready`);
      expect(res.status).toBe(200);
    } finally {
      await restarted.stop();
    }
  });

  it("SIGTERM lets the requests in flight finish, then exits cleanly", async () => {
    const key = await apiKeyFor(store, "castella");
    const server = await serve(store.url, dir);
    // 40 writes start together; the signal arrives while they are being served.
    const sent = Array.from({ length: 40 }, (_, i) =>
      fetch(`${server.base}/api/v1/integrations/orders`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": key },
        body: JSON.stringify(orderJson("castella", `TERM-${i}`, 3)),
      }).then(
        async (r) => ({ number: `TERM-${i}`, status: r.status, body: await r.text() }),
        (error: Error) => ({ number: `TERM-${i}`, status: 0, body: error.message }),
      ),
    );
    // The signal is sent as soon as the server has taken a request in, so at least one is in flight.
    await until(() => /"url":"\/api\/v1\/integrations\/orders"/.test(server.output()), 30_000, "a request");
    server.child.kill("SIGTERM");
    const answers = await Promise.all(sent);
    const { code } = await exited(server.child);
    expect(code, server.output()).toBe(0);
    // Requests the server had taken were finished and stored; ones arriving while it stopped were told
    // to retry in the API's error shape, and nothing else happened to them.
    const done = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status === 503);
    expect(answers.filter((a) => a.status !== 0 && a.status !== 200 && a.status !== 503)).toEqual([]);
    for (const r of refused) expect(JSON.parse(r.body).error).toMatchObject({ code: "SHUTTING_DOWN" });
    expect(done.length).toBeGreaterThan(0);
    const stored = new Set(
      (await store.db.selectFrom("orders").select("number").where("number", "like", "TERM-%").execute()).map(
        (r) => r.number,
      ),
    );
    for (const d of done) expect(stored.has(d.number)).toBe(true);
    for (const r of refused) expect(stored.has(r.number)).toBe(false);
  });
});
