// Whole journeys over HTTP, as the store, the shopper's portal, the warehouse and the desk drive them:
// every step is a request to the API; the store is read only to check what the journey left behind.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32, deflateSync } from "node:zlib";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedStaff, signIn } from "../../test/support/auth-test-helpers.ts";
import { GOOD_CONDITION, seedBrand, seedOrder } from "../../test/support/test-seed.ts";
import { createApiKey } from "../app/access/api-keys.ts";
import { SYSTEM } from "../app/kernel/actor.ts";
import { loadConfig } from "../config.ts";
import type { Store } from "../db/database.ts";
import { testDatabases } from "../db/test-db.ts";
import { CSRF_HEADER } from "./auth.ts";
import { buildServer } from "./server.ts";

/** A genuine 1×1 PNG (signature, IHDR, deflated IDAT, IEND, each chunk with its CRC). */
function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  const pixelRow = Buffer.from([0, 0xc0, 0xa0, 0x80]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(pixelRow)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A 1×1 grey baseline JPEG: one-symbol Huffman tables, one block coded as DC 0 then end-of-block. */
function tinyJpeg(): Buffer {
  const huffman = (tableClass: number) => [0xff, 0xc4, 0x00, 0x14, tableClass, 1, ...Array(15).fill(0), 0];
  return Buffer.from([
    ...[0xff, 0xd8],
    ...[0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0, 0],
    ...[0xff, 0xdb, 0x00, 0x43, 0x00, ...Array(64).fill(1)],
    ...[0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00],
    ...huffman(0x00),
    ...huffman(0x10),
    ...[0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00, 0x3f],
    ...[0xff, 0xd9],
  ]);
}

/** A multipart/form-data body with a `kind` field and one file part, as the portal's form sends it. */
function photoForm(kind: string, filename: string, bytes: Uint8Array, type: string) {
  const boundary = `----aftercare${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, Buffer.from(bytes), Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

let address = 0;
/** Each sign-in from its own address, so the per-address login budget never trips a journey. */
const nextAddress = () => `10.7.${Math.floor(address / 250)}.${(address++ % 250) + 1}`;

describe.each(testDatabases())("HTTP journeys on $name", (target) => {
  let store: Store;
  let app: FastifyInstance;
  let clock = new Date("2026-03-12T15:00:00Z");
  let castellaId = "";
  let kallesiaId = "";
  let apiKey = "";
  const dataDir = mkdtempSync(join(tmpdir(), "aftercare-journeys-"));

  beforeAll(async () => {
    store = await target.open();
    castellaId = (await seedBrand(store.db, "castella")).id;
    kallesiaId = (await seedBrand(store.db, "kallesia")).id;
    apiKey = (await createApiKey(store.db, { name: "Castélla shop", brandSlug: "castella" }, SYSTEM, clock))
      .secret;
    app = await buildServer({
      config: loadConfig({ DATA_DIR: dataDir }),
      store,
      now: () => clock,
      sessionSecret: "test-secret-for-http-journeys-0123456789",
    });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function shopperSession(brand: string, orderNumber: string, email: string) {
    const res = await app.inject({
      method: "POST",
      url: `/api/v1/brands/${brand}/shopper-session`,
      payload: { orderNumber, email },
      remoteAddress: nextAddress(),
    });
    expect(res.statusCode).toBe(201);
    return { authorization: `Bearer ${res.json().token as string}` };
  }

  async function staffSession(role: "warehouse" | "agent") {
    const signed = await signIn(app, await seedStaff(store.db, role), nextAddress());
    return { cookie: signed.cookie, [CSRF_HEADER]: signed.csrf };
  }

  function pushOrder(number: string, email: string, status: "placed" | "delivered", discountTotal = 0) {
    return app.inject({
      method: "POST",
      url: "/api/v1/integrations/orders",
      headers: { "x-api-key": apiKey },
      payload: {
        brand: "castella",
        number,
        email,
        shippingAddress: { name: "Mia Lane", line1: "5 Hudson St", city: "New York", country: "US" },
        shippingCountry: "US",
        placedAt: "2026-03-01T10:00:00Z",
        currency: "USD",
        status,
        ...(status === "delivered"
          ? { dispatchedAt: "2026-03-02T09:00:00Z", deliveredAt: "2026-03-05T12:00:00Z" }
          : {}),
        payment: { method: "card", cleared: true },
        shippingCharged: 800,
        discountTotal,
        lines: [
          { id: "1", sku: "DR-22", title: "Linen dress", category: "dresses", unitPrice: 12000, quantity: 1 },
          {
            id: "2",
            sku: "BR-07",
            title: "Lace bralette",
            category: "undergarments",
            unitPrice: 4000,
            quantity: 1,
          },
        ],
        shipments:
          status === "delivered"
            ? [{ courier: "UPS", trackingNumber: "123456789012345678", dispatchedAt: "2026-03-02T09:00:00Z" }]
            : [],
      },
    });
  }

  it("Castélla: store push → return of a dress and a bralette → receipt, inspection → one refund, fee once, shipping kept", async () => {
    clock = new Date("2026-03-12T15:00:00Z");
    const pushed = await pushOrder("CA-30001", "mia@example.com", "delivered");
    expect(pushed.statusCode).toBe(200);
    expect(pushed.json()).toMatchObject({ outcome: "created", status: "delivered", number: "CA-30001" });
    const orderId: string = pushed.json().orderId;

    const shopper = await shopperSession("castella", "CA-30001", "MIA@example.com");
    const view = await app.inject({ method: "GET", url: "/api/v1/shopper/order", headers: shopper });
    expect(view.statusCode).toBe(200);
    const items = [
      { lineId: "1", quantity: 1, reason: "changed_mind", condition: GOOD_CONDITION },
      { lineId: "2", quantity: 1, reason: "changed_mind", condition: GOOD_CONDITION },
    ];
    const quote = await app.inject({
      method: "POST",
      url: "/api/v1/shopper/returns/quote",
      headers: shopper,
      payload: { kind: "return", items },
    });
    expect(quote.statusCode).toBe(200);
    expect(quote.json()).toMatchObject({
      outcome: "partially_approved",
      items: [
        { lineId: "1", outcome: "approved" },
        { lineId: "2", outcome: "rejected" },
      ],
      resolution: { method: "refund_original_payment", amount: 11000, currency: "USD" },
    });

    const started = await app.inject({
      method: "POST",
      url: "/api/v1/shopper/returns",
      headers: shopper,
      payload: { kind: "return", items },
    });
    expect(started.statusCode).toBe(201);
    const start = started.json();
    expect(start).toMatchObject({ status: "authorized", decision: { outcome: "partially_approved" } });
    expect(start.decision.items[1].reasons[0]).toMatchObject({
      code: "CATEGORY_EXCLUDED",
      clause: { id: "C-excluded" },
    });
    const notices = start.decision.notices.map((n: { code: string }) => n.code);
    expect(notices).toEqual(expect.arrayContaining(["SHIPPING_NOT_REFUNDED", "RETURN_FEE_DEDUCTED"]));
    expect(start.packingInstructions.join(" ")).toContain(start.rma);
    const rma: string = start.rma;

    const tracked = await app.inject({
      method: "POST",
      url: `/api/v1/shopper/returns/${rma}/tracking`,
      headers: shopper,
      payload: { courier: "UPS", trackingNumber: "1Z999AA10123456784" },
    });
    expect(tracked.statusCode).toBe(200);
    expect(tracked.json()).toMatchObject({ rma_number: rma, status: "in_transit" });

    // Monday 16 March: the parcel reaches the warehouse, which finds it by its return number.
    clock = new Date("2026-03-16T14:00:00Z");
    const warehouse = await staffSession("warehouse");
    const queue = await app.inject({
      method: "GET",
      url: "/api/v1/desk/returns?status=in_transit",
      headers: warehouse,
    });
    expect(queue.statusCode).toBe(200);
    const listed = queue.json().returns.find((r: { rma_number: string }) => r.rma_number === rma);
    expect(listed).toBeDefined();
    const returnId: string = listed.id;
    const received = await app.inject({
      method: "POST",
      url: `/api/v1/desk/returns/${returnId}/receive`,
      headers: warehouse,
    });
    expect(received.statusCode).toBe(200);
    // Seven US business days after Monday 16 March.
    expect(received.json().refundExpectedBy).toBe("2026-03-25");

    const detail = await app.inject({
      method: "GET",
      url: `/api/v1/desk/returns/${returnId}`,
      headers: warehouse,
    });
    expect(detail.statusCode).toBe(200);
    const lines: { id: string; lineId: string; outcome: string }[] = detail.json().lines;
    expect(lines.map((l) => [l.lineId, l.outcome])).toEqual([
      ["1", "approved"],
      ["2", "rejected"],
    ]);
    const inspected = await app.inject({
      method: "POST",
      url: `/api/v1/desk/returns/${returnId}/inspect`,
      headers: warehouse,
      payload: {
        lines: lines
          .filter((l) => l.outcome === "approved")
          .map((l) => ({ returnLineId: l.id, condition: GOOD_CONDITION })),
      },
    });
    expect(inspected.statusCode).toBe(200);
    expect(inspected.json()).toMatchObject({ refundAmount: 11000, return: { status: "inspected" } });
    expect(inspected.json().decision.resolution.breakdown).toEqual([
      { kind: "item", lineId: "1", amount: 12000 },
      { kind: "return_fee", amount: -1000 },
    ]);

    clock = new Date("2026-03-17T10:00:00Z");
    const agent = await staffSession("agent");
    const refunded = await app.inject({
      method: "POST",
      url: `/api/v1/desk/returns/${returnId}/refund`,
      headers: { ...agent, "idempotency-key": `journey-refund-${rma}` },
    });
    expect(refunded.statusCode).toBe(200);
    const refund = refunded.json().refund;
    expect(refund).toMatchObject({
      amount: 11000,
      currency: "USD",
      method: "original_payment",
      status: "issued",
    });

    const rows = await store.db.selectFrom("refunds").selectAll().where("order_id", "=", orderId).execute();
    expect(rows.map((r) => [r.id, Number(r.amount), r.return_id, r.idempotency_key])).toEqual([
      [refund.id, 11000, returnId, `journey-refund-${rma}`],
    ]);
    // The money went back to the card: nothing was written to the store-credit ledger.
    const ledger = await store.db
      .selectFrom("store_credit_ledger")
      .select("id")
      .where("email", "=", "mia@example.com")
      .execute();
    expect(ledger).toEqual([]);
    const ret = await store.db
      .selectFrom("returns")
      .selectAll()
      .where("id", "=", returnId)
      .executeTakeFirstOrThrow();
    expect(ret.status).toBe("refunded");
    const audit = await store.db
      .selectFrom("audit_log")
      .select(["action", "actor_type"])
      .where("entity_id", "in", [returnId, refund.id])
      .orderBy("created_at")
      .execute();
    expect(audit.map((a) => [a.action, a.actor_type])).toEqual([
      ["return.authorized", "shopper"],
      ["return.tracking_added", "shopper"],
      ["return.received", "staff"],
      ["return.inspected", "staff"],
      ["refund.issued", "staff"],
    ]);
    const events = await store.db
      .selectFrom("outbox")
      .select("event_type")
      .where("aggregate_id", "in", [orderId, returnId, refund.id])
      .orderBy("created_at")
      .execute();
    expect(events.map((e) => e.event_type)).toEqual(
      expect.arrayContaining([
        "return.authorized",
        "return.in_transit",
        "return.received",
        "return.inspected",
        "refund.issued",
      ]),
    );
  });

  it("Castélla: a cancellation before dispatch ends in store credit for items + shipping − discount", async () => {
    clock = new Date("2026-03-01T12:00:00Z");
    const pushed = await pushOrder("CA-30002", "noor@example.com", "placed", 1500);
    expect(pushed.statusCode).toBe(200);
    const orderId: string = pushed.json().orderId;
    const shopper = await shopperSession("castella", "CA-30002", "noor@example.com");
    const cancelled = await app.inject({
      method: "POST",
      url: "/api/v1/shopper/cancel",
      headers: shopper,
      payload: { reason: "changed_mind" },
    });
    expect(cancelled.statusCode).toBe(200);
    // 12,000 + 4,000 items, + 800 shipping, − 1,500 discount.
    expect(cancelled.json()).toMatchObject({
      status: "cancelled",
      decision: { outcome: "approved", resolution: { method: "store_credit" } },
      refund: { amount: 15300, currency: "USD", method: "store_credit" },
    });
    const ledger = await store.db
      .selectFrom("store_credit_ledger")
      .selectAll()
      .where("brand_id", "=", castellaId)
      .where("email", "=", "noor@example.com")
      .execute();
    expect(ledger.reduce((sum, e) => sum + Number(e.amount), 0)).toBe(15300);
    const order = await store.db
      .selectFrom("orders")
      .select("status")
      .where("id", "=", orderId)
      .executeTakeFirstOrThrow();
    expect(order.status).toBe("cancelled");
    const events = await store.db
      .selectFrom("outbox")
      .select("event_type")
      .where("brand_id", "=", castellaId)
      .where("event_type", "in", ["order.cancelled", "refund.issued"])
      .where("created_at", "=", clock.toISOString())
      .execute();
    expect(events.map((e) => e.event_type).sort()).toEqual(["order.cancelled", "refund.issued"]);

    // Asking again is refused and pays nothing more.
    const again = await app.inject({
      method: "POST",
      url: "/api/v1/shopper/cancel",
      headers: shopper,
      payload: { reason: "again" },
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details.decision.reasons[0].code).toBe("ORDER_CANCELLED");
    const after = await store.db
      .selectFrom("store_credit_ledger")
      .select("amount")
      .where("email", "=", "noor@example.com")
      .execute();
    expect(after.reduce((sum, e) => sum + Number(e.amount), 0)).toBe(15300);
  });

  it("Kallesia: a missing item with photos goes to investigation and is resolved; no photos → what is missing; text is not a photo", async () => {
    clock = new Date("2026-03-08T10:00:00Z");
    const kallesiaOrder = (email: string) =>
      seedOrder(store.db, {
        brandId: kallesiaId,
        currency: "GBP",
        email,
        status: "delivered",
        placedAt: "2026-03-01T10:00:00.000Z",
        dispatchedAt: "2026-03-02T09:00:00.000Z",
        deliveredAt: "2026-03-05T12:00:00.000Z",
        shippingCharged: 495,
        lines: [
          { key: "1", title: "Silk scarf", category: "accessories", unitPrice: 4500 },
          { key: "2", title: "Wool coat", category: "coats", unitPrice: 18000 },
        ],
      });
    const order = await kallesiaOrder("ivy@example.co.uk");
    const shopper = await shopperSession("kallesia", order.number, order.email);
    const filed = await app.inject({
      method: "POST",
      url: "/api/v1/shopper/claims",
      headers: shopper,
      payload: { kind: "missing_item", missingLineIds: ["2"], parcelDamaged: true },
    });
    expect(filed.statusCode).toBe(201);
    const claimId: string = filed.json().claim.id;
    expect(filed.json().claim).toMatchObject({ type: "missing_item", status: "needs_information" });

    const upload = (kind: string, name: string, bytes: Uint8Array, type: string) => {
      const form = photoForm(kind, name, bytes, type);
      return app.inject({
        method: "POST",
        url: `/api/v1/shopper/claims/${claimId}/evidence`,
        headers: { ...shopper, ...form.headers },
        payload: form.payload,
      });
    };
    const notAPhoto = await upload(
      "items_received",
      "received.png",
      Buffer.from("just some words"),
      "image/png",
    );
    expect(notAPhoto.statusCode).toBe(400);
    expect(notAPhoto.json().error).toMatchObject({
      code: "VALIDATION",
      details: { code: "UNSUPPORTED_FILE_TYPE" },
    });

    const first = await upload("items_received", "received.png", tinyPng(), "image/png");
    expect(first.statusCode).toBe(201);
    // The parcel arrived damaged, so its photo is still wanted.
    expect(first.json().claim.status).toBe("needs_information");
    const stillNeeded: string = first.json().decision.reasons[0].message;
    expect(stillNeeded).toContain("the parcel");
    expect(stillNeeded).not.toContain("the items you received");
    const second = await upload("parcel", "box.jpg", tinyJpeg(), "image/jpeg");
    expect(second.statusCode).toBe(201);
    expect(second.json().decision.outcome).toBe("needs_review");
    expect(second.json().claim).toMatchObject({ status: "investigating" });
    expect(
      second
        .json()
        .claim.evidence.map((e: { contentType: string }) => e.contentType)
        .sort(),
    ).toEqual(["image/jpeg", "image/png"]);

    const agent = await staffSession("agent");
    const queue = await app.inject({
      method: "GET",
      url: "/api/v1/desk/claims?brand=kallesia&status=investigating",
      headers: agent,
    });
    expect(queue.statusCode).toBe(200);
    expect(queue.json().claims.map((c: { id: string }) => c.id)).toContain(claimId);
    const resolved = await app.inject({
      method: "POST",
      url: `/api/v1/desk/claims/${claimId}/resolve`,
      headers: agent,
      payload: { type: "reship", note: "Coat sent again by tracked post." },
    });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({
      id: claimId,
      status: "resolved",
      resolution: { type: "reship" },
    });
    const audit = await store.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", claimId)
      .orderBy("created_at")
      .execute();
    expect(audit.map((a) => a.action)).toContain("claim.filed");
    expect(audit.length).toBeGreaterThanOrEqual(3);
    const events = await store.db
      .selectFrom("outbox")
      .select("event_type")
      .where("aggregate_id", "=", claimId)
      .execute();
    expect(events.map((e) => e.event_type)).toContain("claim.filed");

    // Another order, a claim with no photos: the answer says what is still needed.
    const other = await kallesiaOrder("ash@example.co.uk");
    const otherShopper = await shopperSession("kallesia", other.number, other.email);
    const bare = await app.inject({
      method: "POST",
      url: "/api/v1/shopper/claims",
      headers: otherShopper,
      payload: { kind: "missing_item", missingLineIds: ["1"], parcelDamaged: true },
    });
    expect(bare.statusCode).toBe(201);
    expect(bare.json().decision.outcome).toBe("needs_information");
    expect(bare.json().decision.reasons[0]).toMatchObject({
      code: "EVIDENCE_REQUIRED",
      clause: { id: "K-missing" },
    });
    const needed: string = bare.json().decision.reasons[0].message;
    expect(needed).toContain("photo of the items you received");
    expect(needed).toContain("photo of the parcel");
    expect(bare.json().claim.evidence).toEqual([]);
  });
});
