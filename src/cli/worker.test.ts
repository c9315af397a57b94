// `aftercare worker` as a real process: it relays an event from the outbox, delivers the signed webhook,
// and exits 0 on SIGTERM.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Webhook } from "standardwebhooks";
import { afterAll, describe, expect, it } from "vitest";
import { addBrand } from "../app/brands/add-brand.ts";
import { PROJECT_ROOT } from "../app/brands/brand-policies.ts";
import { emitEvent } from "../app/kernel/audit.ts";
import { createDb, newId } from "../db/database.ts";
import { migrateToLatest } from "../db/migrate.ts";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const dir = mkdtempSync(join(tmpdir(), "aftercare-worker-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("aftercare worker", () => {
  it("relays outbox events to webhook subscribers and stops cleanly on SIGTERM", async () => {
    const hits: { headers: Record<string, string>; body: string }[] = [];
    const receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => {
        body += c.toString();
      });
      req.on("end", () => {
        hits.push({
          headers: Object.fromEntries(
            ["webhook-id", "webhook-timestamp", "webhook-signature"].map((h) => [h, String(req.headers[h])]),
          ),
          body,
        });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    const url = `sqlite:${join(dir, "aftercare.db")}`;
    const store = createDb(url);
    await migrateToLatest(store.db);
    const now = new Date();
    const brandId = (await addBrand(store.db, { slug: "worker-brand", name: "Worker" })).brand.id;
    await store.db
      .insertInto("webhook_subscriptions")
      .values({
        id: newId(),
        brand_id: brandId,
        url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/in`,
        secret: SECRET,
        events: '["*"]',
        active: 1,
        created_at: now.toISOString(),
      })
      .execute();
    await emitEvent(
      store.db,
      {
        brandId,
        type: "case.created",
        aggregateType: "case",
        aggregateId: "c-1",
        payload: { subject: "Hi" },
      },
      now,
    );
    await store.close();

    const child = spawn(process.execPath, ["bin/aftercare.mjs", "worker", "--poll-ms", "50"], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? "", DATABASE_URL: url, DATA_DIR: dir, LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      output += d.toString();
    });
    const exit = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    try {
      const until = Date.now() + 30_000;
      while (!hits.length && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      expect(hits, output).toHaveLength(1);
      const [hit] = hits;
      // Checked with the standardwebhooks library, as a subscriber would.
      expect(hit && new Webhook(SECRET).verify(hit.body, hit.headers)).toMatchObject({
        type: "case.created",
      });
      expect(JSON.parse(hit?.body ?? "{}")).toMatchObject({ type: "case.created", data: { subject: "Hi" } });
    } finally {
      child.kill("SIGTERM");
      receiver.closeAllConnections();
      receiver.close();
    }
    expect(await exit).toBe(0);
    expect(output).toContain('"msg":"webhook delivered"');
    expect(output).toContain('"msg":"background work stopped"');
  }, 60_000);
});
