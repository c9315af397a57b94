// Webhook subscriptions through the real server: the secret shown once, brand limits, disabling, and the
// audit trail; then an event from the outbox reaching the subscriber through the relay and a worker.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NOW, seedBrand, seedStaff, signIn } from "../../../test/support/auth-test-helpers.ts";
import { relayOutbox } from "../../app/integrations/outbox-relay.ts";
import { webhookDeliveryJob } from "../../app/integrations/webhooks.ts";
import { emitEvent } from "../../app/kernel/audit.ts";
import { loadConfig } from "../../config.ts";
import type { Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { runNextJob } from "../../jobs/runner.ts";
import { CSRF_HEADER } from "../auth.ts";
import { buildServer } from "../server.ts";

let address = 0;
const nextAddress = () => `10.7.${Math.floor(address / 250)}.${(address++ % 250) + 1}`;

describe.each(testDatabases())("admin webhook routes on $name", (target) => {
  let store: Store;
  let app: FastifyInstance;
  let brandId = "";
  let admin: Record<string, string>;
  let receiver: Server;
  let receiverUrl = "";
  const received: { headers: Record<string, string>; body: string }[] = [];

  async function signedIn(role: "admin" | "agent", brand: string | null = null) {
    const signed = await signIn(app, await seedStaff(store.db, role, brand), nextAddress());
    return { cookie: signed.cookie, [CSRF_HEADER]: signed.csrf };
  }

  beforeAll(async () => {
    store = await target.open();
    brandId = await seedBrand(store.db, "hooks-brand");
    await seedBrand(store.db, "hooks-other");
    app = await buildServer({
      config: loadConfig({}),
      store,
      now: () => NOW,
      sessionSecret: "test-secret-for-webhook-routes-0123456789",
    });
    admin = await signedIn("admin");
    receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => {
        body += c.toString();
      });
      req.on("end", () => {
        received.push({
          headers: Object.fromEntries(
            ["webhook-id", "webhook-timestamp", "webhook-signature"].map((h) => [h, String(req.headers[h])]),
          ),
          body,
        });
        res.writeHead(200).end("ok");
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/aftercare`;
  });
  afterAll(async () => {
    await app.close();
    receiver.closeAllConnections();
    await new Promise((r) => receiver.close(r));
    await store.close();
  });

  it("creates a subscription, shows its secret once, lists and disables it, with audit rows", async () => {
    const created = await app.inject({
      method: "POST",
      url: "/api/v1/admin/webhooks",
      headers: admin,
      payload: {
        brand: "hooks-brand",
        url: "https://shop.example/hooks",
        events: ["refund.issued", "return.*"],
      },
    });
    expect(created.statusCode).toBe(201);
    const { webhook, secret } = created.json() as { webhook: { id: string }; secret: string };
    expect(secret).toMatch(/^whsec_/);
    expect(webhook).toMatchObject({
      brand_id: brandId,
      url: "https://shop.example/hooks",
      events: ["refund.issued", "return.*"],
      active: true,
    });

    const list = await app.inject({
      method: "GET",
      url: "/api/v1/admin/webhooks?brand=hooks-brand",
      headers: admin,
    });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(secret);
    expect((list.json() as { webhooks: unknown[] }).webhooks).toEqual([webhook]);

    const disabled = await app.inject({
      method: "POST",
      url: `/api/v1/admin/webhooks/${webhook.id}/disable`,
      headers: admin,
    });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ id: webhook.id, active: false });
    const audit = await store.db
      .selectFrom("audit_log")
      .select(["action", "after"])
      .where("entity_id", "=", webhook.id)
      .orderBy("created_at")
      .orderBy("action")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "webhook_subscription.created",
      "webhook_subscription.disabled",
    ]);
    expect(audit.some((a) => (a.after ?? "").includes(secret))).toBe(false);
  });

  it("refuses bad URLs and filters, other roles, and another brand's admin", async () => {
    const post = (headers: Record<string, string>, payload: object) =>
      app.inject({ method: "POST", url: "/api/v1/admin/webhooks", headers, payload });
    expect((await post(admin, { brand: "hooks-brand", url: "ftp://shop.example/x" })).statusCode).toBe(400);
    expect(
      (await post(admin, { brand: "hooks-brand", url: "https://a.example", events: ["Bad Type"] }))
        .statusCode,
    ).toBe(400);
    expect((await post(admin, { brand: "nope", url: "https://a.example" })).statusCode).toBe(404);
    expect(
      (await post(await signedIn("agent"), { brand: "hooks-brand", url: "https://a.example" })).statusCode,
    ).toBe(403);
    const otherAdmin = await signedIn(
      "admin",
      (
        await store.db
          .selectFrom("brands")
          .select("id")
          .where("slug", "=", "hooks-other")
          .executeTakeFirstOrThrow()
      ).id,
    );
    expect((await post(otherAdmin, { brand: "hooks-brand", url: "https://a.example" })).statusCode).toBe(403);
    const theirs = await app.inject({ method: "GET", url: "/api/v1/admin/webhooks", headers: otherAdmin });
    expect((theirs.json() as { webhooks: unknown[] }).webhooks).toEqual([]);
    const anyId = await store.db.selectFrom("webhook_subscriptions").select("id").executeTakeFirstOrThrow();
    const disable = await app.inject({
      method: "POST",
      url: `/api/v1/admin/webhooks/${anyId.id}/disable`,
      headers: otherAdmin,
    });
    expect(disable.statusCode).toBe(404);
  });

  it("delivers a brand's event to the new subscriber, signed with the secret it was given", async () => {
    const created = await app.inject({
      method: "POST",
      url: "/api/v1/admin/webhooks",
      headers: admin,
      payload: { brand: "hooks-brand", url: receiverUrl, events: ["refund.*"] },
    });
    const { secret } = created.json() as { secret: string };
    await emitEvent(
      store.db,
      {
        brandId,
        type: "refund.issued",
        aggregateType: "refund",
        aggregateId: "rf-1",
        payload: { amount: 4200 },
      },
      NOW,
    );
    expect((await relayOutbox(store.db, { relayId: "test", now: NOW })).published).toBeGreaterThanOrEqual(1);
    const outcome = await runNextJob({
      db: store.db,
      jobs: [webhookDeliveryJob],
      workerId: "w",
      now: () => NOW,
    });
    expect(outcome?.kind).toBe("done");
    expect(received).toHaveLength(1);
    const [hit] = received;
    // The secret the admin was shown verifies the delivery with the standardwebhooks library.
    vi.useFakeTimers({ now: NOW, toFake: ["Date"] });
    try {
      expect(hit && new Webhook(secret).verify(hit.body, hit.headers)).toMatchObject({
        type: "refund.issued",
      });
    } finally {
      vi.useRealTimers();
    }
    expect(JSON.parse(hit?.body ?? "{}")).toMatchObject({ type: "refund.issued", data: { amount: 4200 } });
  });
});
