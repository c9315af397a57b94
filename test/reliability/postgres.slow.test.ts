// PostgreSQL under trouble, on a private server this suite starts on a free port (initdb + pg_ctl from
// the local PostgreSQL install; skipped when there is none): stopped mid-run, the API answers 503
// DATABASE_UNAVAILABLE in its error shape and recovers by itself once the database is back; two server
// processes on one database deliver every outbox event exactly once.
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pgClient from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addWebhookSubscription } from "../../src/app/integrations/add-webhook-subscription.ts";
import { SYSTEM } from "../../src/app/kernel/actor.ts";
import { createDb } from "../../src/db/database.ts";
import { aftercare, apiKeyFor, freePort, orderJson, serve, until } from "./support.ts";

const PG_ROOT = "/usr/lib/postgresql";
const pgBin = existsSync(PG_ROOT)
  ? readdirSync(PG_ROOT)
      .map((v) => join(PG_ROOT, v, "bin"))
      .find((dir) => existsSync(join(dir, "initdb")))
  : undefined;
// initdb refuses to run as root; the install's postgres account runs the private server then.
const asRoot = process.getuid?.() === 0;

function pg(tool: string, args: string[]) {
  const command = join(pgBin ?? "", tool);
  return asRoot
    ? execFileSync("runuser", ["-u", "postgres", "--", command, ...args], { stdio: "pipe" })
    : execFileSync(command, args, { stdio: "pipe" });
}

describe.skipIf(!pgBin)("a private PostgreSQL server", { timeout: 240_000 }, () => {
  let dir: string;
  let port: number;
  const data = () => join(dir, "data");
  const start = () =>
    pg("pg_ctl", ["-D", data(), "-l", join(dir, "pg.log"), "-w", "-o", `-p ${port} -k ${dir}`, "start"]);
  const stop = () => pg("pg_ctl", ["-D", data(), "-m", "fast", "-w", "stop"]);
  const urlOf = (name: string) => `postgres://postgres@127.0.0.1:${port}/${name}`;
  const createDatabase = async (name: string) => {
    const admin = new pgClient.Client({ connectionString: urlOf("postgres") });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "aftercare-pg-"));
    if (asRoot) chownSync(dir, Number(execFileSync("id", ["-u", "postgres"]).toString().trim()), 0);
    port = await freePort();
    pg("initdb", ["-D", data(), "-A", "trust", "-U", "postgres"]);
    start();
  });
  afterAll(() => {
    try {
      stop();
    } catch {}
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers 503 in the error shape while the database is down, and recovers by itself", async () => {
    await createDatabase("outage");
    const url = urlOf("outage");
    const init = await aftercare(["init"], { DATABASE_URL: url, DATA_DIR: dir });
    expect(init.code, init.stderr).toBe(0);
    const store = createDb(url);
    const key = await apiKeyFor(store, "castella");
    await store.close();
    const server = await serve(url, dir);
    const write = (number: string) =>
      fetch(`${server.base}/api/v1/integrations/orders`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": key },
        body: JSON.stringify(orderJson("castella", number)),
      });
    try {
      expect((await write("PG-1")).status).toBe(200);
      stop();
      for (const number of ["PG-2", "PG-3", "PG-4"]) {
        const res = await write(number);
        expect(res.status).toBe(503);
        expect(res.headers.get("retry-after")).toBe("5");
        expect(((await res.json()) as { error: unknown }).error).toMatchObject({
          code: "DATABASE_UNAVAILABLE",
        });
      }
      const ready = await fetch(`${server.base}/ready`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { error: { code: string } }).error.code).toBe("NOT_READY");
      expect(server.child.exitCode).toBeNull();

      start();
      // No restart of Aftercare: the pool reconnects on the next request.
      await until(
        async () => (await fetch(`${server.base}/ready`)).status === 200,
        30_000,
        "readiness again",
      );
      expect((await write("PG-5")).status).toBe(200);
      const check = createDb(url);
      const numbers = (
        await check.db
          .selectFrom("orders")
          .select("number")
          .where("number", "like", "PG-%")
          .orderBy("number")
          .execute()
      ).map((r) => r.number);
      await check.close();
      expect(numbers).toEqual(["PG-1", "PG-5"]);
    } finally {
      await server.stop();
    }
  });

  it("two server processes on one database deliver every outbox event exactly once", async () => {
    await createDatabase("pair");
    const url = urlOf("pair");
    const init = await aftercare(["init"], { DATABASE_URL: url, DATA_DIR: dir });
    expect(init.code, init.stderr).toBe(0);

    const deliveries = new Map<string, number>();
    const receiver: Server = createServer((req, res) => {
      const id = String(req.headers["webhook-id"] ?? "");
      req.resume();
      req.on("end", () => {
        deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
        res.writeHead(204).end();
      });
    });
    const receiverPort = await freePort();
    await new Promise<void>((r) => receiver.listen(receiverPort, "127.0.0.1", r));

    const store = createDb(url);
    const key = await apiKeyFor(store, "castella");
    await addWebhookSubscription(
      store.db,
      { brandSlug: "castella", url: `http://127.0.0.1:${receiverPort}/hook`, events: ["order.*"] },
      SYSTEM,
      new Date(),
    );
    const servers = [await serve(url, dir), await serve(url, dir)];
    const ORDERS = 120;
    try {
      await Promise.all(
        Array.from({ length: ORDERS }, async (_, i) => {
          const res = await fetch(`${servers[i % 2]?.base}/api/v1/integrations/orders`, {
            method: "POST",
            headers: { "content-type": "application/json", "x-api-key": key },
            body: JSON.stringify(orderJson("castella", `PAIR-${i}`)),
          });
          expect(res.status).toBe(200);
        }),
      );
      await until(() => deliveries.size >= ORDERS, 120_000, `${ORDERS} deliveries`);
      // Both processes keep polling a while longer: a second delivery would show up here.
      await new Promise((r) => setTimeout(r, 3000));
      const events = await store.db
        .selectFrom("outbox")
        .select(["id", "published_at"])
        .where("event_type", "=", "order.placed")
        .execute();
      expect(events).toHaveLength(ORDERS);
      expect(events.every((e) => e.published_at !== null)).toBe(true);
      expect(deliveries.size).toBe(ORDERS);
      expect([...deliveries.values()].every((n) => n === 1)).toBe(true);
      expect(new Set(deliveries.keys())).toEqual(new Set(events.map((e) => e.id)));
      const jobs = await store.db.selectFrom("jobs").select(["status", "attempts"]).execute();
      expect(jobs).toHaveLength(ORDERS);
      expect(jobs.every((j) => j.status === "done" && j.attempts === 1)).toBe(true);
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
      await store.close();
      receiver.close();
    }
  });
});
