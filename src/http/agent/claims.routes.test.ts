import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IMAGE_BYTES, seedClaimOrder, shopperActor } from "../../../test/support/claims-test-seed.ts";
import { seedBrand } from "../../../test/support/test-seed.ts";
import { createApiKey } from "../../app/access/api-keys.ts";
import { createStaffUser } from "../../app/access/create-staff-user.ts";
import { addClaimEvidence } from "../../app/claims/add-claim-evidence.ts";
import { createEvidenceStorage } from "../../app/claims/evidence-storage.ts";
import { fileClaim } from "../../app/claims/file-claim.ts";
import { SYSTEM } from "../../app/kernel/actor.ts";
import { loadConfig } from "../../config.ts";
import type { Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { buildServer } from "../server.ts";

const NOW = new Date("2026-03-10T15:00:00Z");
const PASSWORD = "correct horse battery staple";

describe.each(testDatabases())("desk claim, discount and checkout routes on $name", (target) => {
  let store: Store;
  let app: FastifyInstance;
  let apiKey: string;
  const dataDir = mkdtempSync(join(tmpdir(), "aftercare-desk-http-"));
  const storage = createEvidenceStorage({ dataDir });
  const sessions = new Map<string, { cookie: string; csrf: string }>();

  beforeAll(async () => {
    store = await target.open();
    await seedBrand(store.db, "castella");
    await seedBrand(store.db, "kallesia");
    app = await buildServer({
      config: loadConfig({ DATA_DIR: dataDir }),
      store,
      now: () => NOW,
      sessionSecret: "test-secret-for-desk-routes-0123456789ab",
    });
    for (const role of ["admin", "agent", "warehouse"]) {
      await createStaffUser(
        store.db,
        { email: `${role}@example.com`, role, password: PASSWORD },
        SYSTEM,
        NOW,
      );
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/staff/login",
        payload: { email: `${role}@example.com`, password: PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
      sessions.set(role, { cookie, csrf: res.json().csrfToken });
    }
    apiKey = (await createApiKey(store.db, { name: "checkout", brandSlug: "kallesia" }, SYSTEM, NOW)).secret;
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const as = (role: string) => {
    const s = sessions.get(role);
    return s ? { cookie: s.cookie, "x-csrf-token": s.csrf } : {};
  };

  it("lets the warehouse approve a fault (not an agent) and authorises its return", async () => {
    const brandId = (
      await store.db
        .selectFrom("brands")
        .select("id")
        .where("slug", "=", "castella")
        .executeTakeFirstOrThrow()
    ).id;
    const order = await seedClaimOrder(store.db, {
      brandId,
      currency: "USD",
      status: "delivered",
      placedAt: "2026-03-01T10:00:00Z",
      deliveredAt: "2026-03-05T12:00:00Z",
      lines: [{ key: "1", title: "Linen dress", unitPrice: 12000 }],
    });
    const { claim } = await fileClaim(store.db, {
      actor: shopperActor(order),
      now: NOW,
      orderId: order.orderId,
      claim: { type: "faulty_item", lineId: "1", description: "Torn seam." },
    });
    await addClaimEvidence(store.db, storage, {
      actor: shopperActor(order),
      now: NOW,
      claimId: claim.id,
      kind: "fault",
      bytes: IMAGE_BYTES.png,
    });
    const queue = await app.inject({
      method: "GET",
      url: "/api/v1/desk/claims?brand=castella&status=awaiting_qc",
      headers: as("warehouse"),
    });
    expect(queue.statusCode).toBe(200);
    expect(queue.json().claims.map((c: { id: string }) => c.id)).toEqual([claim.id]);
    const photoId = queue.json().claims[0].evidence[0].id;
    const photo = await app.inject({
      method: "GET",
      url: `/api/v1/desk/claims/${claim.id}/evidence/${photoId}`,
      headers: as("warehouse"),
    });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers["content-type"]).toBe("image/png");
    expect(photo.rawPayload.equals(Buffer.from(IMAGE_BYTES.png))).toBe(true);
    const wrongClaim = await app.inject({
      method: "GET",
      url: `/api/v1/desk/claims/nope/evidence/${photoId}`,
      headers: as("warehouse"),
    });
    expect(wrongClaim.statusCode).toBe(404);

    const url = `/api/v1/desk/claims/${claim.id}/qc`;
    const agent = await app.inject({
      method: "POST",
      url,
      headers: as("agent"),
      payload: { verdict: "approve" },
    });
    expect(agent.statusCode).toBe(403);
    const noCsrf = await app.inject({
      method: "POST",
      url,
      headers: { cookie: sessions.get("warehouse")?.cookie ?? "" },
      payload: { verdict: "approve" },
    });
    expect(noCsrf.statusCode).toBe(403);
    const ok = await app.inject({
      method: "POST",
      url,
      headers: as("warehouse"),
      payload: { verdict: "approve" },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      claim: { status: "qc_approved" },
      return: { status: "authorized", quoted_amount: 12000 },
    });
  });

  it("lets admins create codes and the store's key quote them and check customs", async () => {
    const created = await app.inject({
      method: "POST",
      url: "/api/v1/admin/discount-codes",
      headers: as("admin"),
      payload: { brand: "kallesia", code: "linen15", percentOff: 15 },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: "LINEN15", kind: "percent" });
    const agent = await app.inject({
      method: "GET",
      url: "/api/v1/admin/discount-codes?brand=kallesia",
      headers: as("agent"),
    });
    expect(agent.statusCode).toBe(403);

    const quote = await app.inject({
      method: "POST",
      url: "/api/v1/integrations/discount-quote",
      headers: { "x-api-key": apiKey },
      payload: {
        brand: "kallesia",
        code: "LINEN15",
        promotionActive: true,
        lines: [
          { id: "a", unitPrice: 10000, quantity: 1 },
          { id: "b", unitPrice: 5000, quantity: 1, onSale: true },
        ],
      },
    });
    expect(quote.statusCode).toBe(200);
    expect(quote.json()).toMatchObject({ valid: true, discount: 1500, currency: "GBP" });

    const customs = await app.inject({
      method: "POST",
      url: "/api/v1/integrations/customs-check",
      headers: { "x-api-key": apiKey },
      payload: { brand: "kallesia", country: "TR" },
    });
    expect(customs.json()).toMatchObject({
      outcome: "needs_information",
      reasons: [{ code: "CUSTOMS_INFO_REQUIRED" }],
    });
    const otherBrand = await app.inject({
      method: "POST",
      url: "/api/v1/integrations/customs-check",
      headers: { "x-api-key": apiKey },
      payload: { brand: "castella", country: "MX" },
    });
    expect(otherBrand.statusCode).toBe(403);
    const noKey = await app.inject({
      method: "POST",
      url: "/api/v1/integrations/customs-check",
      payload: { brand: "kallesia", country: "TR" },
    });
    expect(noKey.statusCode).toBe(401);
  });
});
