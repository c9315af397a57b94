// What staff see of the mail side: outbound messages (held ones are what the demo would have sent),
// filtered by brand, status and case. Brand-bound staff see their brand's mail only.
import type { Actor } from "../app/kernel/actor.ts";
import { AppError } from "../app/kernel/errors.ts";
import type { Db } from "../db/database.ts";

export interface OutboundEmailView {
  readonly id: string;
  readonly brandId: string;
  readonly caseId: string | null;
  readonly orderId: string | null;
  readonly template: string;
  readonly to: string;
  readonly from: string;
  readonly replyTo: string | null;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly messageId: string;
  readonly inReplyTo: string | null;
  readonly status: string;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly sentAt: string | null;
}

export async function listOutboundEmails(
  db: Db,
  options: {
    actor: Actor;
    brandSlug?: string | undefined;
    status?: string | undefined;
    caseId?: string | undefined;
    limit?: number | undefined;
  },
): Promise<OutboundEmailView[]> {
  const { actor } = options;
  if (actor.type !== "staff" || !["admin", "agent"].includes(actor.role)) {
    throw new AppError("FORBIDDEN", "Only the care team can read outbound mail.");
  }
  let q = db
    .selectFrom("email_outbox")
    .innerJoin("brands", "brands.id", "email_outbox.brand_id")
    .selectAll("email_outbox");
  if (actor.brandId !== null) q = q.where("email_outbox.brand_id", "=", actor.brandId);
  if (options.brandSlug) q = q.where("brands.slug", "=", options.brandSlug);
  if (options.status) q = q.where("email_outbox.status", "=", options.status as "held");
  if (options.caseId) q = q.where("email_outbox.case_id", "=", options.caseId);
  const rows = await q
    .orderBy("email_outbox.created_at", "desc")
    .limit(Math.min(options.limit ?? 50, 200))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    brandId: r.brand_id,
    caseId: r.case_id,
    orderId: r.order_id,
    template: r.template,
    to: r.to_address,
    from: r.from_address,
    replyTo: r.reply_to,
    subject: r.subject,
    text: r.text_body,
    html: r.html_body,
    messageId: r.message_id,
    inReplyTo: r.in_reply_to,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  }));
}
