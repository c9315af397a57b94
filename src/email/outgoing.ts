// Outbound mail: every message is first a row of email_outbox (one per event and recipient: the
// idempotency key is unique), then a job that hands it to the SMTP relay. Without a relay the message is
// kept as "held" and shown to staff, so an install with no mail server still shows what it would send.
// A job that runs again (a retry, a second worker after a crash) finds the row already sent and stops.
import { randomBytes } from "node:crypto";
import nodemailer, { type Transporter } from "nodemailer";
import { z } from "zod";
import { type Db, newId } from "../db/database.ts";
import { defineJob, type JobDefinition, PermanentJobError } from "../jobs/definition.ts";
import { enqueue } from "../jobs/queue.ts";

export const EMAIL_SEND_JOB = "email.send";

export interface OutgoingEmail {
  readonly brandId: string;
  readonly caseId?: string | null | undefined;
  readonly orderId?: string | null | undefined;
  readonly template: string;
  readonly to: string;
  /** "Brand name <address>" */
  readonly from: string;
  readonly replyTo?: string | null | undefined;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** Made here when not given; the angle-bracketed form, e.g. <abc@kallesia.com>. */
  readonly messageId?: string | undefined;
  readonly inReplyTo?: string | null | undefined;
  readonly references?: readonly string[] | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** One message per key: e.g. `${eventId}:${recipient}`. */
  readonly idempotencyKey: string;
}

export function newMessageId(fromAddress: string): string {
  const domain =
    fromAddress.slice(fromAddress.lastIndexOf("@") + 1).replace(/[>\s]/g, "") || "aftercare.invalid";
  return `<${randomBytes(16).toString("hex")}@${domain}>`;
}

export interface QueuedEmail {
  readonly id: string;
  readonly messageId: string;
  readonly created: boolean;
}

/** Stores the message and queues its sending, in the caller's transaction when `db` is one. */
export async function queueEmail(db: Db, email: OutgoingEmail, now: Date): Promise<QueuedEmail> {
  const id = newId();
  const messageId = email.messageId ?? newMessageId(email.from);
  const inserted = await db
    .insertInto("email_outbox")
    .values({
      id,
      brand_id: email.brandId,
      case_id: email.caseId ?? null,
      order_id: email.orderId ?? null,
      template: email.template,
      to_address: email.to,
      from_address: email.from,
      reply_to: email.replyTo ?? null,
      subject: email.subject,
      text_body: email.text,
      html_body: email.html,
      message_id: messageId,
      in_reply_to: email.inReplyTo ?? null,
      references_header: email.references?.length ? email.references.join(" ") : null,
      headers: JSON.stringify(email.headers ?? {}),
      idempotency_key: email.idempotencyKey,
      last_error: null,
      created_at: now.toISOString(),
      sent_at: null,
    })
    .onConflict((oc) => oc.column("idempotency_key").doNothing())
    .returning(["id", "message_id"])
    .executeTakeFirst();
  if (!inserted) {
    const existing = await db
      .selectFrom("email_outbox")
      .select(["id", "message_id"])
      .where("idempotency_key", "=", email.idempotencyKey)
      .executeTakeFirstOrThrow();
    return { id: existing.id, messageId: existing.message_id, created: false };
  }
  await enqueue(db, emailSendJob, { emailId: id }, { now, dedupeKey: `email:${id}` });
  return { id, messageId, created: true };
}

/** The relay from SMTP_URL (smtp://user:pass@host:587, smtps://… for TLS), or null to hold mail. */
export function createTransport(smtpUrl: string | null | undefined): Transporter | null {
  return smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
}

let currentTransport: Transporter | null = null;

/** Set once per process at start-up (serve, worker); tests set their sink. */
export function setMailTransport(transport: Transporter | null): void {
  currentTransport = transport;
}

export function mailTransport(): Transporter | null {
  return currentTransport;
}

export const ZEmailSendPayload = z.object({ emailId: z.string().min(1) });

export function createEmailSendJob(
  transportOf: () => Transporter | null = mailTransport,
): JobDefinition<z.infer<typeof ZEmailSendPayload>> {
  return defineJob({
    name: EMAIL_SEND_JOB,
    version: 1,
    payload: ZEmailSendPayload,
    maxAttempts: 8,
    backoff: { baseMs: 30_000, maxMs: 2 * 60 * 60_000 },
    async handler(payload, ctx) {
      const row = await ctx.db
        .selectFrom("email_outbox")
        .selectAll()
        .where("id", "=", payload.emailId)
        .executeTakeFirst();
      if (!row) throw new PermanentJobError(`email ${payload.emailId} no longer exists`);
      if (row.status === "sent") return;
      const transport = transportOf();
      if (!transport) {
        await ctx.db
          .updateTable("email_outbox")
          .set({ status: "held", last_error: "no SMTP relay configured (SMTP_URL)" })
          .where("id", "=", row.id)
          .where("status", "=", "queued")
          .execute();
        return;
      }
      try {
        await transport.sendMail({
          from: row.from_address,
          to: row.to_address,
          ...(row.reply_to ? { replyTo: row.reply_to } : {}),
          subject: row.subject,
          text: row.text_body,
          html: row.html_body,
          messageId: row.message_id,
          ...(row.in_reply_to ? { inReplyTo: row.in_reply_to } : {}),
          ...(row.references_header ? { references: row.references_header } : {}),
          headers: JSON.parse(row.headers) as Record<string, string>,
        });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await ctx.db
          .updateTable("email_outbox")
          .set((eb) => ({
            attempts: eb("attempts", "+", 1),
            last_error: message.slice(0, 2000),
            status: ctx.attempt >= ctx.maxAttempts ? "failed" : row.status,
          }))
          .where("id", "=", row.id)
          .execute();
        throw error;
      }
      await ctx.db
        .updateTable("email_outbox")
        .set((eb) => ({
          status: "sent",
          sent_at: ctx.now.toISOString(),
          attempts: eb("attempts", "+", 1),
          last_error: null,
        }))
        .where("id", "=", row.id)
        .execute();
      ctx.logger.info({ jobId: ctx.jobId, emailId: row.id, template: row.template }, "email sent");
    },
  });
}

export const emailSendJob = createEmailSendJob();
