import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  IMAGE_BYTES,
  type SeededClaimOrder,
  seedClaimOrder,
} from "../../../test/support/claims-test-seed.ts";
import { seedBrand } from "../../../test/support/test-seed.ts";
import { loadConfig } from "../../config.ts";
import type { Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { buildServer } from "../server.ts";

/** A multipart/form-data body with a `kind` field and one file part, as a browser form sends it. */
function form(kind: string, filename: string, bytes: Uint8Array, type = "image/jpeg") {
  const boundary = `----aftercare${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, Buffer.from(bytes), tail]),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

describe.each(testDatabases())("shopper claim routes on $name", (target) => {
  let store: Store;
  let app: FastifyInstance;
  let order: SeededClaimOrder;
  let token: string;
  const dataDir = mkdtempSync(join(tmpdir(), "aftercare-claims-http-"));
  beforeAll(async () => {
    store = await target.open();
    const brand = await seedBrand(store.db, "kallesia");
    order = await seedClaimOrder(store.db, {
      brandId: brand.id,
      currency: "GBP",
      status: "delivered",
      placedAt: "2026-03-01T10:00:00Z",
      dispatchedAt: "2026-03-02T09:00:00Z",
      deliveredAt: "2026-03-05T12:00:00Z",
      lines: [
        { key: "1", title: "Silk scarf", unitPrice: 4500 },
        { key: "2", title: "Wool coat", unitPrice: 18000 },
      ],
    });
    app = await buildServer({
      config: loadConfig({ DATA_DIR: dataDir }),
      store,
      now: () => new Date("2026-03-08T10:00:00Z"),
      sessionSecret: "test-secret-for-claims-routes-0123456789",
    });
    const session = await app.inject({
      method: "POST",
      url: "/api/v1/brands/kallesia/shopper-session",
      payload: { orderNumber: order.number, email: order.email },
    });
    expect(session.statusCode).toBe(201);
    token = session.json().token;
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const auth = () => ({ authorization: `Bearer ${token}` });

  it("files a missing-item claim and completes it with photos uploaded as multipart", async () => {
    const filed = await app.inject({
      method: "POST",
      url: "/api/v1/shopper/claims",
      headers: auth(),
      payload: { kind: "missing_item", missingLineIds: ["2"], parcelDamaged: false },
    });
    expect(filed.statusCode).toBe(201);
    const claim = filed.json().claim;
    expect(claim).toMatchObject({ type: "missing_item", status: "needs_information" });
    expect(claim.decision.reasons[0].code).toBe("EVIDENCE_REQUIRED");

    const upload = form("items_received", "../../../etc/what-came.jpg", IMAGE_BYTES.jpeg);
    const res = await app.inject({
      method: "POST",
      url: `/api/v1/shopper/claims/${claim.id}/evidence`,
      headers: { ...auth(), ...upload.headers },
      payload: upload.payload,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().claim).toMatchObject({
      status: "investigating",
      evidence: [{ kind: "items_received", contentType: "image/jpeg" }],
    });
    const stored = readdirSync(join(dataDir, "uploads"));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatch(/^[0-9a-f]{32}\.jpg$/);

    const list = await app.inject({ method: "GET", url: "/api/v1/shopper/claims", headers: auth() });
    expect(list.json().claims.map((c: { id: string }) => c.id)).toEqual([claim.id]);
  });

  it("refuses a text file named .jpg by its content, and a file over the limit with 413", async () => {
    const filed = await app.inject({
      method: "POST",
      url: "/api/v1/shopper/claims",
      headers: auth(),
      payload: { kind: "faulty_item", lineId: "1", description: "Pulled thread along the edge." },
    });
    const claimId = filed.json().claim.id;
    const before = readdirSync(join(dataDir, "uploads")).length;
    const fake = form("fault", "fault.jpg", new TextEncoder().encode("this is a text file"));
    const refused = await app.inject({
      method: "POST",
      url: `/api/v1/shopper/claims/${claimId}/evidence`,
      headers: { ...auth(), ...fake.headers },
      payload: fake.payload,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({
      code: "VALIDATION",
      details: { code: "UNSUPPORTED_FILE_TYPE" },
    });

    const huge = new Uint8Array(10 * 1024 * 1024 + 1);
    huge.set(IMAGE_BYTES.jpeg);
    const big = form("fault", "big.jpg", huge);
    const tooBig = await app.inject({
      method: "POST",
      url: `/api/v1/shopper/claims/${claimId}/evidence`,
      headers: { ...auth(), ...big.headers },
      payload: big.payload,
    });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(readdirSync(join(dataDir, "uploads"))).toHaveLength(before);
  });

  it("answers 401 without a shopper session", async () => {
    const res = await app.inject({ method: "GET", url: "/api/v1/shopper/claims" });
    expect(res.statusCode).toBe(401);
  });
});
