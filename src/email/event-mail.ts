// Turns domain events from the outbox into emails to the shopper: the outbox relay hands every event to
// this subscriber, which renders the brand's template from the stored rows (never from the event alone,
// so the facts are the current ones) and queues one message per event and recipient.
import { signOrderLink, signRatingLink } from "../app/access/session-tokens.ts";
import type { OutboxEvent, OutboxSubscriber } from "../app/integrations/outbox-relay.ts";
import { loadOrderById } from "../app/orders/load-order.ts";
import { promiseDates } from "../app/returns/return-promises.ts";
import type { Db } from "../db/database.ts";
import { localDate } from "../domain/calendar.ts";
import { type BrandMail, brandMail, replyAddress } from "./brand-mail.ts";
import { queueEmail } from "./outgoing.ts";
import * as t from "./templates/catalogue.ts";
import { type MailContent, renderMail } from "./templates/layout.ts";

export interface EventMailSettings {
  readonly sessionSecret: string;
  readonly portalBaseUrl: string;
}

interface Draft {
  readonly to: string;
  readonly content: MailContent;
  readonly template: string;
  readonly caseId?: string | null;
  readonly orderId?: string | null;
  readonly fromPartnerships?: boolean;
  readonly replyTo?: string | null;
  readonly inReplyTo?: string | null;
  readonly references?: readonly string[];
  readonly headers?: Readonly<Record<string, string>>;
  /** Staff replies are written by a person; everything else is automatic (RFC 3834). */
  readonly human?: boolean;
  /** Stamped on this case message once queued, so replies to it thread by Message-ID. */
  readonly caseMessageId?: string;
}

type Ctx = { db: Db; event: OutboxEvent; now: Date; brand: BrandMail; settings: EventMailSettings };

const payloadOf = (event: OutboxEvent) => (event.payload ?? {}) as Record<string, unknown>;

function orderLink(ctx: Ctx, orderId: string, next: string): string {
  const { token } = signOrderLink(ctx.settings.sessionSecret, orderId, ctx.now);
  const base = ctx.settings.portalBaseUrl;
  return `${base}/b/${encodeURIComponent(ctx.brand.look.slug)}/link?token=${encodeURIComponent(token)}&next=${next}`;
}

async function orderRow(db: Db, orderId: string) {
  return db.selectFrom("orders").selectAll().where("id", "=", orderId).executeTakeFirst();
}

async function orderLines(db: Db, orderId: string): Promise<t.LineFact[]> {
  const lines = await db
    .selectFrom("order_lines")
    .select(["title", "quantity", "unit_price"])
    .where("order_id", "=", orderId)
    .execute();
  return lines.map((l) => ({ title: l.title, quantity: l.quantity, amount: l.unit_price * l.quantity }));
}

/** Imported history (an order placed or shipped long ago) is not news to the shopper: no mail for it. */
const RECENT_ORDER_MS = 2 * 86_400_000;
const RECENT_SHIPMENT_MS = 7 * 86_400_000;
const isRecent = (at: string | null, now: Date, ms: number) =>
  at !== null && now.getTime() - Date.parse(at) <= ms;

async function orderPlaced(ctx: Ctx): Promise<Draft[]> {
  // The event says when the order was placed, so history needs no read at all: an import of a year of
  // orders leaves as many of these events for the relay to go through.
  const placedAt = payloadOf(ctx.event).placedAt;
  if (typeof placedAt === "string" && !isRecent(placedAt, ctx.now, RECENT_ORDER_MS)) return [];
  const order = await orderRow(ctx.db, ctx.event.aggregateId);
  if (!order || !isRecent(order.placed_at, ctx.now, RECENT_ORDER_MS)) return [];
  const content = t.orderConfirmation(ctx.brand.look, {
    number: order.number,
    currency: order.currency,
    total: order.total,
    lines: await orderLines(ctx.db, order.id),
    modifyUrl: orderLink(ctx, order.id, "modify"),
  });
  return [{ to: order.email, content, template: "order_confirmation", orderId: order.id }];
}

async function orderDispatched(ctx: Ctx): Promise<Draft[]> {
  const order = await orderRow(ctx.db, ctx.event.aggregateId);
  if (!order) return [];
  const shipment = await ctx.db
    .selectFrom("shipments")
    .selectAll()
    .where("order_id", "=", order.id)
    .orderBy("created_at", "desc")
    .executeTakeFirst();
  if (!isRecent(shipment?.dispatched_at ?? order.dispatched_at, ctx.now, RECENT_SHIPMENT_MS)) return [];
  const content = t.shippingConfirmation(ctx.brand.look, {
    number: order.number,
    trackingNumber: shipment?.last_mile_tracking_number ?? shipment?.tracking_number ?? null,
    courier: shipment?.last_mile_courier ?? shipment?.courier ?? null,
    trackUrl: orderLink(ctx, order.id, "track"),
  });
  return [{ to: order.email, content, template: "shipping_confirmation", orderId: order.id }];
}

async function orderChange(
  ctx: Ctx,
  kind: "amendment" | "cancellation",
  approved: boolean,
): Promise<Draft[]> {
  const order = await orderRow(ctx.db, ctx.event.aggregateId);
  if (!order) return [];
  const p = payloadOf(ctx.event);
  let refundMethod: "store_credit" | "original_payment" | null = null;
  let amount: number | null = null;
  if (kind === "cancellation" && typeof p.cancellationId === "string") {
    const c = await ctx.db
      .selectFrom("cancellations")
      .selectAll()
      .where("id", "=", p.cancellationId)
      .executeTakeFirst();
    refundMethod = c?.resolution_method === "store_credit" ? "store_credit" : "original_payment";
    amount = c?.amount ?? null;
  }
  const content = t.orderChangeOutcome(ctx.brand.look, {
    number: order.number,
    kind,
    approved,
    refundMethod,
    amount,
    currency: order.currency,
    note: typeof p.note === "string" ? p.note : null,
    orderUrl: orderLink(ctx, order.id, "order"),
  });
  return [{ to: order.email, content, template: `${kind}_outcome`, orderId: order.id }];
}

async function returnRow(db: Db, returnId: string) {
  return db.selectFrom("returns").selectAll().where("id", "=", returnId).executeTakeFirst();
}

async function returnAuthorised(ctx: Ctx): Promise<Draft[]> {
  const ret = await returnRow(ctx.db, ctx.event.aggregateId);
  if (!ret) return [];
  const order = await orderRow(ctx.db, ret.order_id);
  if (!order) return [];
  const lines = await ctx.db
    .selectFrom("return_lines")
    .innerJoin("order_lines", "order_lines.id", "return_lines.order_line_id")
    .select(["order_lines.title", "return_lines.quantity", "order_lines.unit_price"])
    .where("return_lines.return_id", "=", ret.id)
    .execute();
  const content = t.returnAuthorised(ctx.brand.look, {
    rma: ret.rma_number,
    number: order.number,
    currency: ret.currency,
    quoted: ret.quoted_amount,
    lines: lines.map((l) => ({ title: l.title, quantity: l.quantity, amount: l.unit_price * l.quantity })),
    returnUrl: orderLink(ctx, order.id, "return"),
  });
  return [{ to: order.email, content, template: "return_authorised", orderId: order.id }];
}

async function returnReminder(ctx: Ctx): Promise<Draft[]> {
  const ret = await returnRow(ctx.db, ctx.event.aggregateId);
  if (ret?.status !== "authorized") return [];
  const order = await orderRow(ctx.db, ret.order_id);
  if (!order) return [];
  const zone = (await loadOrderById(ctx.db, order.id)).policy.file.brand.timeZone;
  const content = t.returnShipReminder(ctx.brand.look, {
    rma: ret.rma_number,
    number: order.number,
    authorisedOn: localDate(ret.authorized_at ?? ret.created_at, zone),
    returnUrl: orderLink(ctx, order.id, "return"),
  });
  return [{ to: order.email, content, template: "return_ship_reminder", orderId: order.id }];
}

async function returnReceived(ctx: Ctx): Promise<Draft[]> {
  const ret = await returnRow(ctx.db, ctx.event.aggregateId);
  if (!ret?.received_at) return [];
  const loaded = await loadOrderById(ctx.db, ret.order_id);
  const dates = promiseDates(loaded, ret, ctx.now);
  const content = t.returnReceived(ctx.brand.look, {
    rma: ret.rma_number,
    receivedOn: dates.arrivedAt ?? ret.received_at.slice(0, 10),
    inspectionBy: dates.inspectionBy,
    refundBy: dates.refundExpectedBy,
    returnUrl: orderLink(ctx, ret.order_id, "return"),
  });
  return [{ to: loaded.order.email, content, template: "return_received", orderId: ret.order_id }];
}

async function refundIssued(ctx: Ctx): Promise<Draft[]> {
  const refund = await ctx.db
    .selectFrom("refunds")
    .selectAll()
    .where("id", "=", ctx.event.aggregateId)
    .executeTakeFirst();
  if (!refund) return [];
  const loaded = await loadOrderById(ctx.db, refund.order_id);
  let rma: string | null = null;
  let expectedBy: string | null = null;
  if (refund.return_id) {
    const ret = await returnRow(ctx.db, refund.return_id);
    if (ret) {
      rma = ret.rma_number;
      expectedBy = promiseDates(loaded, ret, ctx.now).refundExpectedBy;
    }
  }
  const content = t.refundIssued(ctx.brand.look, {
    number: loaded.order.number,
    rma,
    amount: refund.amount,
    currency: refund.currency,
    method: refund.method,
    expectedBy,
    url: orderLink(ctx, refund.order_id, rma ? "return" : "order"),
  });
  return [{ to: loaded.order.email, content, template: "refund_issued", orderId: refund.order_id }];
}

async function claimMail(ctx: Ctx, kind: "filed" | "changed" | "resolved"): Promise<Draft[]> {
  const claim = await ctx.db
    .selectFrom("claims")
    .selectAll()
    .where("id", "=", ctx.event.aggregateId)
    .executeTakeFirst();
  if (!claim) return [];
  const order = await orderRow(ctx.db, claim.order_id);
  if (!order) return [];
  const url = orderLink(ctx, order.id, "cases");
  const base = { to: order.email, orderId: order.id };
  if (kind === "resolved") {
    const r = JSON.parse(claim.resolution ?? "{}") as { type?: string; amount?: number; reason?: string };
    if (r.type !== "reship" && r.type !== "refund" && r.type !== "decline") return [];
    const content = t.claimDecided(ctx.brand.look, {
      kind: claim.kind,
      number: order.number,
      outcome: r.type,
      amount: r.amount ?? null,
      currency: order.currency,
      reason: r.reason ?? null,
      url,
    });
    return [{ ...base, content, template: "claim_decided" }];
  }
  if (claim.status === "needs_information") {
    const decision = JSON.parse(claim.decision) as { reasons?: { message?: string }[] };
    const needed =
      (decision.reasons ?? [])
        .map((r) => r.message)
        .filter(Boolean)
        .join(" ") || "Photos of the item and of the parcel.";
    const content = t.claimMoreInformation(ctx.brand.look, {
      kind: claim.kind,
      number: order.number,
      needed,
      url,
    });
    return [{ ...base, content, template: "claim_more_information" }];
  }
  if (kind === "changed") return [];
  const content = t.claimReceived(ctx.brand.look, { kind: claim.kind, number: order.number, url });
  return [{ ...base, content, template: "claim_received" }];
}

async function caseReplied(ctx: Ctx): Promise<Draft[]> {
  const p = payloadOf(ctx.event);
  if (typeof p.messageId !== "string") return [];
  const supportCase = await ctx.db
    .selectFrom("support_cases")
    .selectAll()
    .where("id", "=", ctx.event.aggregateId)
    .executeTakeFirst();
  const message = await ctx.db
    .selectFrom("case_messages")
    .selectAll()
    .where("id", "=", p.messageId)
    .executeTakeFirst();
  if (!supportCase || !message || message.is_internal === 1) return [];
  // The thread so far, oldest first: In-Reply-To is the shopper's latest mail, References all of them.
  const earlier = await ctx.db
    .selectFrom("case_messages")
    .select(["email_message_id", "direction"])
    .where("case_id", "=", supportCase.id)
    .where("email_message_id", "is not", null)
    .where("created_at", "<=", message.created_at)
    .orderBy("created_at")
    .execute();
  const references = earlier.map((m) => m.email_message_id).filter((x): x is string => Boolean(x));
  const lastInbound = [...earlier].reverse().find((m) => m.direction === "inbound")?.email_message_id ?? null;
  const url = supportCase.order_id ? orderLink(ctx, supportCase.order_id, "cases") : null;
  // Signed by the agent who wrote it, for the brand: the shopper sees who answered.
  const author = message.author_id
    ? await ctx.db
        .selectFrom("staff_users")
        .select("name")
        .where("id", "=", message.author_id)
        .executeTakeFirst()
    : undefined;
  const content = t.staffReply(ctx.brand.look, {
    subject: supportCase.subject,
    body: message.body,
    url,
    agentName: author?.name ?? null,
  });
  return [
    {
      to: supportCase.customer_email,
      content,
      template: "staff_reply",
      caseId: supportCase.id,
      orderId: supportCase.order_id,
      replyTo: replyAddress(ctx.brand.look.supportEmail, supportCase.reply_token),
      inReplyTo: lastInbound ?? references.at(-1) ?? null,
      references,
      human: true,
      caseMessageId: message.id,
      fromPartnerships: supportCase.mailbox === "partnerships",
    },
  ];
}

async function collaborationReplied(ctx: Ctx): Promise<Draft[]> {
  const app = await ctx.db
    .selectFrom("collaboration_applications")
    .selectAll()
    .where("id", "=", ctx.event.aggregateId)
    .executeTakeFirst();
  if (!app?.reply) return [];
  const content = t.collaborationReply(ctx.brand.look, {
    name: app.name,
    platform: app.platform,
    handle: app.handle,
    body: app.reply,
  });
  return [{ to: app.email, content, template: "collaboration_reply", fromPartnerships: true, human: true }];
}

async function caseResolved(ctx: Ctx): Promise<Draft[]> {
  const supportCase = await ctx.db
    .selectFrom("support_cases")
    .selectAll()
    .where("id", "=", ctx.event.aggregateId)
    .executeTakeFirst();
  if (!supportCase || supportCase.mailbox === "partnerships") return [];
  const { token } = signRatingLink(ctx.settings.sessionSecret, supportCase.id, ctx.now);
  const slug = encodeURIComponent(ctx.brand.look.slug);
  const rateUrl = (score: number) =>
    `${ctx.settings.portalBaseUrl}/b/${slug}/rate?token=${encodeURIComponent(token)}&score=${score}`;
  const content = t.satisfactionSurvey(ctx.brand.look, { subject: supportCase.subject, rateUrl });
  return [
    {
      to: supportCase.customer_email,
      content,
      template: "satisfaction_survey",
      caseId: supportCase.id,
      orderId: supportCase.order_id,
      headers: { "List-Unsubscribe": `<mailto:${ctx.brand.look.supportEmail}?subject=unsubscribe>` },
    },
  ];
}

const HANDLERS: Readonly<Record<string, (ctx: Ctx) => Promise<Draft[]>>> = {
  "order.placed": orderPlaced,
  "order.dispatched": orderDispatched,
  "order.amended": (ctx) => orderChange(ctx, "amendment", true),
  "amendment.declined": (ctx) => orderChange(ctx, "amendment", false),
  "order.cancelled": (ctx) => orderChange(ctx, "cancellation", true),
  "cancellation.declined": (ctx) => orderChange(ctx, "cancellation", false),
  "return.authorized": returnAuthorised,
  "return.received": returnReceived,
  "return.ship_reminder": returnReminder,
  "refund.issued": refundIssued,
  "claim.filed": (ctx) => claimMail(ctx, "filed"),
  "claim.status_changed": (ctx) => claimMail(ctx, "changed"),
  "claim.resolved": (ctx) => claimMail(ctx, "resolved"),
  "case.replied": caseReplied,
  "collaboration.replied": collaborationReplied,
  "case.resolved": caseResolved,
};

export const MAILED_EVENTS: readonly string[] = Object.keys(HANDLERS);

/** The outbox subscriber that mails shoppers; pass it to the relay beside the webhook subscriber. */
export function createEmailSubscriber(settings: EventMailSettings): OutboxSubscriber {
  return async (db, event, now, pass) => {
    const handler = HANDLERS[event.type];
    const brandId = event.brandId;
    if (!handler || brandId === null) return;
    const brand = await pass.memo(`brand-mail:${brandId}`, () =>
      brandMail(db, brandId, settings.portalBaseUrl),
    );
    const drafts = await handler({ db, event, now, brand, settings });
    const own = new Set(
      [brand.look.supportEmail, brand.look.partnershipsEmail].filter(Boolean).map((a) => a?.toLowerCase()),
    );
    for (const draft of drafts) {
      const to = draft.to.trim().toLowerCase();
      // Never mail our own addresses: that is how loops start.
      if (own.has(to)) continue;
      const rendered = renderMail(brand.look, draft.content);
      const fromAddress =
        draft.fromPartnerships && brand.look.partnershipsEmail
          ? brand.look.partnershipsEmail
          : brand.look.supportEmail;
      const queued = await queueEmail(
        db,
        {
          brandId: brand.brandId,
          caseId: draft.caseId ?? null,
          orderId: draft.orderId ?? null,
          template: draft.template,
          to,
          from: `"${brand.look.name.replaceAll('"', "")}" <${fromAddress}>`,
          replyTo: draft.replyTo ?? null,
          subject: rendered.subject,
          text: rendered.text,
          html: rendered.html,
          inReplyTo: draft.inReplyTo ?? null,
          references: draft.references ?? [],
          headers: {
            ...(draft.human ? {} : { "Auto-Submitted": "auto-generated" }),
            ...(draft.headers ?? {}),
          },
          idempotencyKey: `${event.id}:${to}`,
        },
        now,
      );
      if (draft.caseMessageId && queued.created) {
        await db
          .updateTable("case_messages")
          .set({ email_message_id: queued.messageId })
          .where("id", "=", draft.caseMessageId)
          .where("email_message_id", "is", null)
          .execute();
      }
    }
  };
}
