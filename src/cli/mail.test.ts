// `aftercare mail` as a real process: a test message through SMTP_URL reaches a local sink with the
// brand's name; dead letters are listed and processed again.
import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sink, startSink } from "../../test/support/mail.ts";
import { seedBrand } from "../../test/support/test-seed.ts";
import type { Store } from "../db/database.ts";
import { newId } from "../db/database.ts";
import { testDatabases } from "../db/test-db.ts";

const root = resolve(import.meta.dirname, "../..");

function aftercare(args: string[], env: Record<string, string>) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(process.execPath, [join(root, "bin/aftercare.mjs"), ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "warn", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("exit", (status) => done({ status, stdout, stderr }));
  });
}

describe.each(testDatabases())("aftercare mail on $name", { timeout: 60_000 }, (target) => {
  let store: Store & { readonly url: string };
  let sink: Sink;
  beforeAll(async () => {
    store = await target.open();
    await seedBrand(store.db, "castella");
    sink = await startSink();
  });
  afterAll(async () => {
    await sink.close();
    await store.close();
  });

  it("sends a test message through SMTP_URL, and refuses without one", async () => {
    const env = { DATABASE_URL: store.url, SMTP_URL: `smtp://127.0.0.1:${sink.port}?ignoreTLS=true` };
    const sent = await aftercare(["mail", "test", "--to", "ops@example.com", "--brand", "castella"], env);
    expect(sent.status, sent.stderr).toBe(0);
    expect(sent.stdout).toMatch(/^sent <[0-9a-f]+@castella\.example> to ops@example\.com/);
    expect(sink.received).toHaveLength(1);
    expect(sink.received[0]?.subject).toBe("Castélla: test message from Aftercare");
    expect(sink.received[0]?.text).toContain("Castélla");
    const without = await aftercare(["mail", "test", "--to", "ops@example.com"], { DATABASE_URL: store.url });
    expect(without.status).toBe(2);
    expect(without.stderr).toContain("SMTP_URL is not set");
  });

  it("lists dead letters and retries one", async () => {
    const id = newId();
    const at = new Date().toISOString();
    await store.db
      .insertInto("email_dead_letters")
      .values({
        id,
        mail_from: "x@example.com",
        recipients: '["care@castella.example"]',
        raw: Buffer.from("From: x@example.com\r\nSubject: Order help\r\n\r\nWhere is my order?\r\n").toString(
          "base64",
        ),
        size_bytes: 60,
        reason: "the database was unavailable",
        case_id: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    const listed = await aftercare(["mail", "dead-letters"], { DATABASE_URL: store.url });
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(`${id}`);
    expect(listed.stdout).toContain("the database was unavailable");
    const retried = await aftercare(["mail", "dead-letters", "--retry", id], { DATABASE_URL: store.url });
    expect(retried.status, retried.stderr).toBe(0);
    expect(retried.stdout).toContain('"outcome":"new_case"');
    const row = await store.db
      .selectFrom("email_dead_letters")
      .select(["status", "case_id"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("reprocessed");
    expect(row.case_id).not.toBeNull();
  });
});
