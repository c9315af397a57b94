// On PostgreSQL: two `aftercare serve` processes share one database; every email job runs exactly once.
// The SMTP sink counts what arrives and the rows count the send attempts. Skipped without TEST_DATABASE_URL.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sink, startSink } from "../../test/support/mail.ts";
import { seedBrand, staff } from "../../test/support/test-seed.ts";
import { receiveEmailMessage } from "../app/cases/receive-email-message.ts";
import { replyToCase } from "../app/cases/reply-to-case.ts";
import type { Store } from "../db/database.ts";
import { type TestDatabase, testDatabases } from "../db/test-db.ts";

const root = resolve(import.meta.dirname, "../..");
const postgres = testDatabases().filter((t) => t.name === "postgres");
const EMAILS = 40;

describe.skipIf(postgres.length === 0)(
  "email jobs across two server processes on postgres",
  { timeout: 120_000 },
  () => {
    const target = postgres[0] as TestDatabase;
    let store: Store & { readonly url: string };
    let sink: Sink;
    const children: ChildProcess[] = [];
    let dir = "";

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "aftercare-two-"));
      store = await target.open();
      const brand = await seedBrand(store.db, "kallesia");
      const now = new Date();
      for (let i = 0; i < EMAILS; i++) {
        const mail = await receiveEmailMessage(store.db, {
          brandId: brand.id,
          mailbox: "support",
          from: `shopper${i}@example.com`,
          fromName: null,
          subject: `Question ${i}`,
          text: "Hello",
          messageId: `<two-${i}@example.com>`,
          inReplyTo: null,
          references: [],
          replyToken: null,
          attachments: [],
          now,
        });
        await replyToCase(store.db, {
          caseId: mail.caseId,
          body: `Answer ${i}`,
          actor: staff("agent", brand.id),
          now,
        });
      }
      sink = await startSink();
    });
    afterAll(async () => {
      for (const c of children) c.kill("SIGTERM");
      await sink.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it("sends each email once however the two processes race", async () => {
      for (let i = 0; i < 2; i++) {
        children.push(
          spawn(process.execPath, [join(root, "bin/aftercare.mjs"), "serve"], {
            cwd: root,
            env: {
              PATH: process.env.PATH ?? "",
              DATABASE_URL: store.url,
              DATA_DIR: dir,
              PORT: "0",
              INBOUND_SMTP_PORT: "0",
              SESSION_SECRET: "x".repeat(48),
              SMTP_URL: `smtp://127.0.0.1:${sink.port}?ignoreTLS=true`,
              LOG_LEVEL: "warn",
            },
            stdio: "ignore",
          }),
        );
      }
      const until = Date.now() + 90_000;
      const sent = async () =>
        Number(
          (
            await store.db
              .selectFrom("email_outbox")
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .where("status", "=", "sent")
              .executeTakeFirstOrThrow()
          ).n,
        );
      while ((await sent()) < EMAILS && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
      // A little longer, so a duplicate send would have time to show up.
      await new Promise((r) => setTimeout(r, 1500));
      expect(await sent()).toBe(EMAILS);
      expect(sink.received).toHaveLength(EMAILS);
      expect(new Set(sink.received.map((m) => m.messageId)).size).toBe(EMAILS);
      const rows = await store.db.selectFrom("email_outbox").select("attempts").execute();
      expect(rows.every((r) => r.attempts === 1)).toBe(true);
      const jobs = await store.db
        .selectFrom("jobs")
        .select(["status", "attempts", "locked_by"])
        .where("name", "=", "email.send")
        .execute();
      expect(jobs).toHaveLength(EMAILS);
      expect(jobs.every((j) => j.status === "done" && j.attempts === 1)).toBe(true);
    });
  },
);
