// The console's mail and service endpoints through the real server: held outbound mail, dead letters and
// their retry, the webhook delivery log, the outbox, satisfaction from the portal's rate page to the
// results, macros, and the desk's case filters by channel and request type.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedStaff, signIn } from "../../../test/support/auth-test-helpers.ts";
import { deliver } from "../../../test/support/mail.ts";
import { seedBrand } from "../../../test/support/test-seed.ts";
import { signRatingLink } from "../../app/access/session-tokens.ts";
import { receiveEmailMessage } from "../../app/cases/receive-email-message.ts";
import { replyToCase } from "../../app/cases/reply-to-case.ts";
import { createEvidenceStorage } from "../../app/claims/evidence-storage.ts";
import { relayOutbox } from "../../app/integrations/outbox-relay.ts";
import { emitEvent } from "../../app/kernel/audit.ts";
import { loadConfig } from "../../config.ts";
import { newId, type Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { ingestMail } from "../../email/ingest.ts";
import { CSRF_HEADER } from "../auth.ts";
import { buildServer } from "../server.ts";

const NOW = new Date("2026-03-10T10:00:00Z");
const SECRET = "test-secret-for-email-routes-0123456789";

describe.each(testDatabases())("mail and service routes on $name", (target) => {
  let store: Store;
  let app: FastifyInstance;
  let brandId = "";
  let dataDir = "";
  let admin: Record<string, string>;
  let address = 1;
  const signedIn = async (role: "admin" | "agent", brand: string | null = null) => {
    const s = await signIn(app, await seedStaff(store.db, role, brand), `10.8.0.${address++}`);
    return { cookie: s.cookie, [CSRF_HEADER]: s.csrf };
  };

  beforeAll(async () => {
    store = await target.open();
    dataDir = mkdtempSync(join(tmpdir(), "aftercare-mail-routes-"));
    brandId = (await seedBrand(store.db, "kallesia")).id;
    app = await buildServer({
      config: loadConfig({ DATA_DIR: dataDir }),
      store,
      now: () => NOW,
      sessionSecret: SECRET,
    });
    admin = await signedIn("admin");
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("lists held mail, filters cases by channel and request type, and rates a case once", async () => {
    const mail = await receiveEmailMessage(store.db, {
      brandId,
      mailbox: "support",
      from: "nora@example.com",
      fromName: null,
      subject: "Please cancel my order",
      text: "I would like to cancel.",
      messageId: "<r-1@example.com>",
      inReplyTo: null,
      references: [],
      replyToken: null,
      attachments: [],
      now: NOW,
    });
    await replyToCase(store.db, {
      caseId: mail.caseId,
      body: "Done.",
      actor: { type: "system", id: "t" },
      now: NOW,
    });
    await deliver(store.db, null, NOW);
    const emails = await app.inject({
      method: "GET",
      url: "/api/v1/admin/emails?status=held",
      headers: admin,
    });
    expect(emails.statusCode).toBe(200);
    expect((emails.json() as { emails: { caseId: string; text: string }[] }).emails).toEqual([
      expect.objectContaining({ caseId: mail.caseId, template: "staff_reply", status: "held" }),
    ]);

    const cases = await app.inject({
      method: "GET",
      url: "/api/v1/desk/cases?channel=email&requestType=cancellation",
      headers: admin,
    });
    expect(cases.statusCode).toBe(200);
    const listed = (cases.json() as { cases: { id: string; sla: { firstResponse: string } }[] }).cases;
    expect(listed.map((c) => c.id)).toEqual([mail.caseId]);
    expect(listed[0]?.sla.firstResponse).toBe("met");
    const none = await app.inject({
      method: "GET",
      url: "/api/v1/desk/cases?requestType=discount",
      headers: admin,
    });
    expect((none.json() as { cases: unknown[] }).cases).toEqual([]);

    const { token } = signRatingLink(SECRET, mail.caseId, NOW);
    const rate = (score: number) =>
      app.inject({
        method: "POST",
        url: "/api/v1/satisfaction",
        payload: { token, score, comment: "Quick, thanks" },
      });
    const first = await rate(5);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ caseId: mail.caseId, score: 5, brand: "kallesia" });
    expect((await rate(1)).statusCode).toBe(409);
    const forged = await app.inject({
      method: "POST",
      url: "/api/v1/satisfaction",
      payload: {
        token: signRatingLink("another-secret-another-secret-xx", mail.caseId, NOW).token,
        score: 1,
      },
    });
    expect(forged.statusCode).toBe(401);
    const results = await app.inject({
      method: "GET",
      url: "/api/v1/desk/satisfaction?brand=kallesia",
      headers: admin,
    });
    expect(results.json()).toMatchObject({
      byBrand: [{ key: "kallesia", count: 1, average: 5, satisfied: 1 }],
      byRequestType: [{ key: "cancellation", count: 1 }],
      recent: [{ caseId: mail.caseId, score: 5, comment: "Quick, thanks" }],
    });
  });

  it("lists dead letters and processes one again after a fix", async () => {
    const deps = { db: store.db, evidence: createEvidenceStorage({ dataDir }), dataDir, now: () => NOW };
    const raw = Buffer.from(
      "From: sam@example.com\r\nSubject: Hello\r\nMessage-ID: <dl-1@example.com>\r\n\r\nHi there\r\n",
    );
    const stored = await ingestMail(deps, raw, {
      mailFrom: "sam@example.com",
      recipients: ["help@kallesia.com"],
    });
    expect(stored.outcome).toBe("new_case");
    // The same message for no brand address (a relay's misrouting): kept as a dead letter.
    const bad = await ingestMail(deps, raw, {
      mailFrom: "sam@example.com",
      recipients: ["other@elsewhere.example"],
    });
    expect(bad.outcome).toBe("dead_letter");
    const list = await app.inject({ method: "GET", url: "/api/v1/admin/email/dead-letters", headers: admin });
    const letters = (list.json() as { deadLetters: { id: string; reason: string }[] }).deadLetters;
    expect(letters).toEqual([
      expect.objectContaining({ reason: "no recipient is a brand address", status: "open" }),
    ]);
    const retried = await app.inject({
      method: "POST",
      url: `/api/v1/admin/email/dead-letters/${letters[0]?.id}/retry`,
      headers: admin,
    });
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({
      outcome: "dead_letter",
      reason: "no recipient is a brand address",
    });
    const agent = await signedIn("agent", brandId);
    expect(
      (await app.inject({ method: "GET", url: "/api/v1/admin/email/dead-letters", headers: agent }))
        .statusCode,
    ).toBe(403);
  });

  it("shows the webhook delivery log and keeps macros per brand", async () => {
    const subscriptionId = newId();
    await store.db
      .insertInto("webhook_subscriptions")
      .values({
        id: subscriptionId,
        brand_id: brandId,
        url: "https://shop.example/h",
        secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        events: '["*"]',
        active: 1,
        created_at: NOW.toISOString(),
      })
      .execute();
    await store.db
      .insertInto("webhook_deliveries")
      .values({
        id: newId(),
        subscription_id: subscriptionId,
        event_id: "e1",
        event_type: "refund.issued",
        attempt: 1,
        status_code: 500,
        ok: 0,
        error: "answered 500",
        duration_ms: 12,
        created_at: NOW.toISOString(),
      })
      .execute();
    const log = await app.inject({
      method: "GET",
      url: "/api/v1/admin/webhook-deliveries?failed=true",
      headers: admin,
    });
    expect((log.json() as { deliveries: unknown[] }).deliveries).toEqual([
      expect.objectContaining({ subscriptionId, statusCode: 500, ok: false, url: "https://shop.example/h" }),
    ]);

    const agent = await signedIn("agent", brandId);
    const saved = await app.inject({
      method: "POST",
      url: "/api/v1/desk/macros",
      headers: agent,
      payload: { brand: "kallesia", name: "Refund timing", body: "Refunds take up to 10 working days." },
    });
    expect(saved.statusCode).toBe(201);
    const macros = await app.inject({ method: "GET", url: "/api/v1/desk/macros", headers: agent });
    expect((macros.json() as { macros: unknown[] }).macros).toEqual([
      expect.objectContaining({ brand: "kallesia", name: "Refund timing" }),
    ]);
  });

  it("lists outbox events, published or pending, to admins only", async () => {
    await relayOutbox(store.db, { relayId: "t", now: NOW });
    await emitEvent(
      store.db,
      { brandId, type: "refund.issued", aggregateType: "refund", aggregateId: "rf-9", payload: {} },
      NOW,
    );
    const get = async (url: string, headers = admin) => app.inject({ method: "GET", url, headers });
    type Events = { events: { eventType: string; aggregateId: string; publishedAt: string | null }[] };
    const pending = (await get("/api/v1/admin/outbox?state=pending")).json() as Events;
    expect(pending.events).toEqual([
      expect.objectContaining({
        eventType: "refund.issued",
        aggregateId: "rf-9",
        publishedAt: null,
        attempts: 0,
      }),
    ]);
    const published = (await get("/api/v1/admin/outbox?state=published&limit=500")).json() as Events;
    expect(published.events.length).toBeGreaterThan(0);
    expect(published.events.every((e) => e.publishedAt !== null)).toBe(true);
    const all = (await get("/api/v1/admin/outbox?limit=1")).json() as Events;
    expect(all.events).toHaveLength(1);

    const bad = await get("/api/v1/admin/outbox?state=stuck");
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: "VALIDATION" } });
    expect((await get("/api/v1/admin/outbox", await signedIn("agent", brandId))).statusCode).toBe(403);
  });
});
