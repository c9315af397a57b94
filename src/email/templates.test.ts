// One test per email template: the facts in the message (order numbers, RMA, promised business-day
// dates, amounts in the order's currency, signed links) come out right for both brands.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SeededOrder, seedBrand, seedOrder } from "../../test/support/test-seed.ts";
import { verifyToken } from "../app/access/session-tokens.ts";
import { relayOutbox } from "../app/integrations/outbox-relay.ts";
import { emitEvent } from "../app/kernel/audit.ts";
import { type Db, newId, type Store } from "../db/database.ts";
import type { EmailOutboxTable } from "../db/schema.ts";
import { testDatabases } from "../db/test-db.ts";
import { createEmailSubscriber } from "./event-mail.ts";

const SECRET = "t".repeat(40);
const SETTINGS = { sessionSecret: SECRET, portalBaseUrl: "https://care.example" };
const NOW = new Date("2026-12-01T12:00:00Z");

type Row = { [K in keyof EmailOutboxTable]: unknown } & {
  text_body: string;
  html_body: string;
  subject: string;
};

async function mailFor(
  db: Db,
  brandId: string,
  type: string,
  aggregateType: string,
  aggregateId: string,
  payload: Record<string, unknown> = {},
): Promise<Row[]> {
  await emitEvent(db, { brandId, type, aggregateType, aggregateId, payload }, NOW);
  const event = await db
    .selectFrom("outbox")
    .select("id")
    .where("event_type", "=", type)
    .where("aggregate_id", "=", aggregateId)
    .orderBy("created_at", "desc")
    .executeTakeFirstOrThrow();
  await relayOutbox(db, { relayId: "r", now: NOW, subscribers: [createEmailSubscriber(SETTINGS)] });
  return (await db
    .selectFrom("email_outbox")
    .selectAll()
    .where("idempotency_key", "like", `${event.id}:%`)
    .execute()) as Row[];
}

function only(rows: Row[]): Row {
  expect(rows).toHaveLength(1);
  return rows[0] as Row;
}

/** The order-link token in a message's link with the given `next`. */
function linkToken(text: string, next: string): string {
  const m = new RegExp(`https://care\\.example/b/[a-z]+/link\\?token=([^&\\s]+)&next=${next}`).exec(text);
  expect(m, text).not.toBeNull();
  return decodeURIComponent(m?.[1] ?? "");
}

describe.each(testDatabases())("email templates on $name", (target) => {
  let store: Store;
  let kallesia = "";
  let castella = "";
  let kOrder: SeededOrder;
  let cOrder: SeededOrder;

  beforeAll(async () => {
    store = await target.open();
    kallesia = (await seedBrand(store.db, "kallesia")).id;
    castella = (await seedBrand(store.db, "castella")).id;
    kOrder = await seedOrder(store.db, {
      brandId: kallesia,
      currency: "GBP",
      number: "KAL-30001",
      email: "amelia@example.com",
      status: "delivered",
      placedAt: "2026-12-01T10:00:00Z",
      deliveredAt: "2026-12-05T10:00:00Z",
      lines: [
        { key: "1", title: "Linen midi dress", unitPrice: 12900 },
        { key: "2", title: "Silk scarf", unitPrice: 3500, quantity: 2 },
      ],
    });
    cOrder = await seedOrder(store.db, {
      brandId: castella,
      currency: "USD",
      number: "CA-30001",
      email: "maya@example.com",
      status: "delivered",
      placedAt: "2026-11-01T10:00:00Z",
      deliveredAt: "2026-11-10T10:00:00Z",
      lines: [{ key: "1", title: "Wrap blouse", unitPrice: 8500 }],
    });
  });
  afterAll(() => store.close());

  it("order confirmation: lines and total in the order's currency, a signed modify-order link", async () => {
    const mail = only(await mailFor(store.db, kallesia, "order.placed", "order", kOrder.orderId));
    expect(mail.to_address).toBe("amelia@example.com");
    expect(mail.subject).toBe("Kallesia: order KAL-30001 confirmed");
    expect(mail.text_body).toContain("1 × Linen midi dress: GBP 129.00");
    expect(mail.text_body).toContain("2 × Silk scarf: GBP 70.00");
    expect(mail.text_body).toContain("Total: GBP 199.00");
    const token = linkToken(mail.text_body, "modify");
    expect(verifyToken(SECRET, token, "order_link", NOW)?.orderId).toBe(kOrder.orderId);
    expect(mail.html_body).toContain("Modify order");
    expect(JSON.parse(String(mail.headers))).toMatchObject({ "Auto-Submitted": "auto-generated" });
  });

  it("sends no order confirmation for an order imported long after it was placed", async () => {
    expect(await mailFor(store.db, castella, "order.placed", "order", cOrder.orderId)).toEqual([]);
    // Events carry the placing time, which lets history pass without a read; a recent one still mails.
    expect(
      await mailFor(store.db, kallesia, "order.placed", "order", kOrder.orderId, {
        placedAt: "2026-12-01T10:00:00.000Z",
      }),
    ).toHaveLength(1);
  });

  it("shipping confirmation: the 18-digit tracking number, the last-mile courier, a track link", async () => {
    const at = NOW.toISOString();
    await store.db
      .insertInto("shipments")
      .values({
        id: newId(),
        order_id: kOrder.orderId,
        courier: "Global Freight",
        tracking_number: "GF123",
        tracking_url: null,
        last_mile_courier: "Royal Mail",
        last_mile_tracking_number: "123456789012345678",
        last_mile_contact: null,
        dispatched_at: at,
        delivered_at: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    const mail = only(await mailFor(store.db, kallesia, "order.dispatched", "order", kOrder.orderId));
    expect(mail.text_body).toContain("Tracking number: 123456789012345678");
    expect(mail.text_body).toContain("Delivered by: Royal Mail");
    linkToken(mail.text_body, "track");
    expect(mail.html_body).toContain("Track my order");
  });

  it("cancellation outcome: Castélla's cancellation goes to store credit, in USD", async () => {
    const cancellationId = newId();
    await store.db
      .insertInto("cancellations")
      .values({
        id: cancellationId,
        order_id: cOrder.orderId,
        reason: null,
        status: "approved",
        resolution_method: "store_credit",
        amount: 8500,
        currency: "USD",
        created_at: NOW.toISOString(),
        resolved_at: NOW.toISOString(),
      })
      .execute();
    const mail = only(
      await mailFor(store.db, castella, "order.cancelled", "order", cOrder.orderId, { cancellationId }),
    );
    expect(mail.from_address).toBe('"Castélla" <care@castella.example>');
    expect(mail.text_body).toContain("Order CA-30001 has been cancelled".replace("Order", "Your order"));
    expect(mail.text_body).toContain("Store credit: USD 85.00");
    expect(mail.text_body).not.toContain("Refund:");
  });

  it("amendment outcome: a declined change says so", async () => {
    const mail = only(await mailFor(store.db, kallesia, "amendment.declined", "order", kOrder.orderId));
    expect(mail.template).toBe("amendment_outcome");
    expect(mail.text_body).toContain(
      "We could not make the change to your order you asked for on order KAL-30001.",
    );
  });

  async function seedReturn(brandId: string, order: SeededOrder, rma: string, receivedAt: string | null) {
    const id = newId();
    const at = NOW.toISOString();
    await store.db
      .insertInto("returns")
      .values({
        id,
        brand_id: brandId,
        order_id: order.orderId,
        rma_number: rma,
        kind: "return",
        status: receivedAt ? "received" : "authorized",
        decision: "{}",
        refund_method: "original_payment",
        quoted_amount: brandId === castella ? 7500 : 12900,
        currency: brandId === castella ? "USD" : "GBP",
        return_courier: null,
        return_tracking_number: null,
        return_tracking_url: null,
        requested_at: at,
        authorized_at: at,
        shipped_at: null,
        received_at: receivedAt,
        inspected_at: null,
        closed_at: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await store.db
      .insertInto("return_lines")
      .values({
        id: newId(),
        return_id: id,
        order_line_id: order.lineIds.get("1") ?? "",
        quantity: 1,
        reason: "too small",
        wanted_sku: null,
        outcome: "accepted",
      })
      .execute();
    return id;
  }

  it("return authorised: the RMA, the items, the expected refund and packing steps", async () => {
    const id = await seedReturn(kallesia, kOrder, "RMA-K-0001", null);
    const mail = only(await mailFor(store.db, kallesia, "return.authorized", "return", id));
    expect(mail.text_body).toContain("Return number (RMA): RMA-K-0001");
    expect(mail.text_body).toContain("1 × Linen midi dress: GBP 129.00");
    expect(mail.text_body).toContain("Expected refund: GBP 129.00");
    expect(mail.text_body).toMatch(/1\. .+\n2\. .+RMA-K-0001.+\n3\. /);
  });

  it("return received (Kallesia): inspection and refund dates in working days past Christmas and New Year", async () => {
    // Arrived Thursday 24 December 2026: 25 and 28 December and 1 January are bank holidays in England.
    const id = await seedReturn(kallesia, kOrder, "RMA-K-0002", "2026-12-24T11:00:00.000Z");
    const mail = only(await mailFor(store.db, kallesia, "return.received", "return", id));
    expect(mail.text_body).toContain("Arrived: Thursday, 24 December 2026");
    expect(mail.text_body).toContain("Checked by: Tuesday, 12 January 2027");
    expect(mail.text_body).toContain("Refund expected by: Tuesday, 26 January 2027");
  });

  it("refund issued (Castélla): the amount in USD and the 7th business day after the return arrived", async () => {
    // Arrived Wednesday 25 November 2026; Thanksgiving (26th) and the weekend are not business days.
    const id = await seedReturn(castella, cOrder, "RMA-C-0001", "2026-11-25T15:00:00.000Z");
    const refundId = newId();
    await store.db
      .insertInto("refunds")
      .values({
        id: refundId,
        brand_id: castella,
        order_id: cOrder.orderId,
        return_id: id,
        claim_id: null,
        cancellation_id: null,
        kind: "refund",
        method: "original_payment",
        amount: 7500,
        currency: "USD",
        reason: null,
        status: "completed",
        idempotency_key: `t-${refundId}`,
        issued_by: null,
        created_at: NOW.toISOString(),
        completed_at: NOW.toISOString(),
      })
      .execute();
    const mail = only(await mailFor(store.db, castella, "refund.issued", "refund", refundId));
    expect(mail.text_body).toContain("Return number (RMA): RMA-C-0001");
    expect(mail.text_body).toContain("Refund: USD 75.00");
    expect(mail.text_body).toContain("Expected in your account by: Monday, 7 December 2026");
  });

  async function seedClaim(status: string, resolution: unknown = null) {
    const id = newId();
    await store.db
      .insertInto("claims")
      .values({
        id,
        brand_id: kallesia,
        order_id: kOrder.orderId,
        return_id: null,
        kind: "missing",
        status,
        details: "{}",
        decision: JSON.stringify({ reasons: [{ message: "A photo of what came in the parcel." }] }),
        qc_decision: null,
        qc_notes: null,
        resolution: resolution === null ? null : JSON.stringify(resolution),
        decided_by: null,
        decided_at: null,
        created_at: NOW.toISOString(),
        updated_at: NOW.toISOString(),
      })
      .execute();
    return id;
  }

  it("claim received, more information needed, and decided", async () => {
    const received = only(
      await mailFor(store.db, kallesia, "claim.filed", "claim", await seedClaim("investigating")),
    );
    expect(received.template).toBe("claim_received");
    expect(received.subject).toBe("Kallesia: we received your missing item report for order KAL-30001");
    const more = only(
      await mailFor(store.db, kallesia, "claim.filed", "claim", await seedClaim("needs_information")),
    );
    expect(more.template).toBe("claim_more_information");
    expect(more.text_body).toContain("A photo of what came in the parcel.");
    const decided = only(
      await mailFor(
        store.db,
        kallesia,
        "claim.resolved",
        "claim",
        await seedClaim("resolved", { type: "refund", amount: 3500 }),
      ),
    );
    expect(decided.template).toBe("claim_decided");
    expect(decided.text_body).toContain("Refund: GBP 35.00");
  });

  it("collaboration reply: from the partnerships address, with the platform and handle", async () => {
    const id = newId();
    await store.db
      .insertInto("collaboration_applications")
      .values({
        id,
        brand_id: kallesia,
        name: "Rosa",
        email: "rosa@example.org",
        platform: "Instagram",
        handle: "rosa.styles",
        followers: null,
        message: null,
        reply: "We would love to send you two pieces.",
        reviewed_by: null,
        reviewed_at: null,
        created_at: NOW.toISOString(),
      })
      .execute();
    const mail = only(
      await mailFor(store.db, kallesia, "collaboration.replied", "collaboration_application", id),
    );
    expect(mail.from_address).toBe('"Kallesia" <collaborations@kallesia.com>');
    expect(mail.text_body).toContain("Handle: @rosa.styles");
    expect(mail.text_body).toContain("> We would love to send you two pieces.");
  });

  it("satisfaction survey: five signed one-click links and List-Unsubscribe", async () => {
    const caseId = newId();
    await store.db
      .insertInto("support_cases")
      .values({
        id: caseId,
        brand_id: kallesia,
        order_id: kOrder.orderId,
        customer_email: "amelia@example.com",
        subject: "Late parcel",
        status: "resolved",
        priority: "normal",
        channel: "email",
        assignee_id: null,
        reply_token: `tok-${caseId}`,
        sla_due_at: null,
        first_response_at: null,
        resolved_at: NOW.toISOString(),
        csat_score: null,
        created_at: NOW.toISOString(),
        updated_at: NOW.toISOString(),
      })
      .execute();
    const mail = only(await mailFor(store.db, kallesia, "case.resolved", "support_case", caseId));
    const links = [
      ...mail.text_body.matchAll(/https:\/\/care\.example\/b\/kallesia\/rate\?token=([^&\s]+)&score=(\d)/g),
    ];
    expect(links.map((m) => m[2])).toEqual(["1", "2", "3", "4", "5"]);
    expect(verifyToken(SECRET, decodeURIComponent(links[0]?.[1] ?? ""), "rating", NOW)?.caseId).toBe(caseId);
    expect(JSON.parse(String(mail.headers))["List-Unsubscribe"]).toBe(
      "<mailto:help@kallesia.com?subject=unsubscribe>",
    );
  });
});
