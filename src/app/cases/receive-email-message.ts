// A shopper's email, parsed and checked by the receiver (src/email), becomes a message on a case:
// threaded into the case it answers (In-Reply-To / References naming a message of the case, or the
// case's reply token in the address it was sent to), else a new case. A new case is linked to an order
// only when the order's number appears in the subject or body AND the sender is the order's own email;
// a number alone proves nothing, so the desk gets an internal note instead of the order's details.
// A Message-ID is stored once: a mail server's redelivery finds the first copy.
import type { Db } from "../../db/database.ts";
import { newId } from "../../db/database.ts";
import type { SupportCase } from "../../db/schema.ts";
import { SYSTEM } from "../kernel/actor.ts";
import { emitEvent, recordAudit } from "../kernel/audit.ts";
import type { RequestType } from "../service-levels/service-settings.ts";
import { MAX_MESSAGE_CHARS } from "./case-access.ts";
import { classifyRequest } from "./classify-request.ts";
import { insertCase } from "./create-case.ts";

export interface EmailAttachmentRecord {
  readonly name: string | null;
  /** From the bytes, not the name or the declared type. */
  readonly contentType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  /** Set for images kept as evidence under the data folder. */
  readonly storageName: string | null;
  readonly evidence: boolean;
}

export interface InboundEmail {
  readonly brandId: string;
  readonly mailbox: "support" | "partnerships";
  readonly from: string;
  readonly fromName: string | null;
  readonly subject: string;
  readonly text: string;
  readonly messageId: string;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
  /** Taken from a recipient address such as help+r-TOKEN@brand.example. */
  readonly replyToken: string | null;
  readonly attachments: readonly EmailAttachmentRecord[];
  readonly requestType?: RequestType | undefined;
  readonly now: Date;
}

export interface ReceivedEmail {
  readonly caseId: string;
  readonly messageRowId: string;
  readonly outcome: "new_case" | "threaded" | "duplicate";
  readonly orderId: string | null;
  readonly requestType: string;
}

/**
 * Words that could be an order number: a run of letters and digits, hyphens allowed inside, with at
 * least one digit (KAL-10001, #10001, CA-C1, 2026-0042-A). Only numbers of the sender's own orders
 * link the mail, so a date or a price that happens to match nothing costs one lookup.
 */
export function orderNumberCandidates(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/#?\b([A-Za-z0-9]+(?:[-_/][A-Za-z0-9]+)*)\b/g)) {
    const word = m[1];
    if (!word || word.length < 3 || word.length > 40 || !/\d/.test(word)) continue;
    found.add(word);
    found.add(word.toUpperCase());
    if (found.size >= 80) break;
  }
  return [...found];
}

async function findThread(trx: Db, email: InboundEmail): Promise<SupportCase | null> {
  const ids = [email.inReplyTo, ...email.references].filter((x): x is string => Boolean(x)).slice(0, 50);
  if (ids.length) {
    const byMessage = await trx
      .selectFrom("case_messages")
      .innerJoin("support_cases", "support_cases.id", "case_messages.case_id")
      .selectAll("support_cases")
      .where("case_messages.email_message_id", "in", ids)
      .where("support_cases.brand_id", "=", email.brandId)
      .orderBy("case_messages.created_at", "desc")
      .executeTakeFirst();
    if (byMessage) return byMessage;
    const bySent = await trx
      .selectFrom("email_outbox")
      .innerJoin("support_cases", "support_cases.id", "email_outbox.case_id")
      .selectAll("support_cases")
      .where("email_outbox.message_id", "in", ids)
      .where("support_cases.brand_id", "=", email.brandId)
      .executeTakeFirst();
    if (bySent) return bySent;
  }
  if (email.replyToken) {
    const byToken = await trx
      .selectFrom("support_cases")
      .selectAll()
      .where("reply_token", "=", email.replyToken)
      .where("brand_id", "=", email.brandId)
      .executeTakeFirst();
    // A duplicate merged away still owns its old reply address: follow it to the case that stayed.
    if (byToken?.merged_into) {
      const kept = await trx
        .selectFrom("support_cases")
        .selectAll()
        .where("id", "=", byToken.merged_into)
        .executeTakeFirst();
      if (kept) return kept;
    }
    if (byToken) return byToken;
  }
  return null;
}

async function insertMessage(trx: Db, caseId: string, email: InboundEmail): Promise<string> {
  const id = newId();
  await trx
    .insertInto("case_messages")
    .values({
      id,
      case_id: caseId,
      direction: "inbound",
      author_type: "customer",
      author_id: email.from,
      body: email.text.slice(0, MAX_MESSAGE_CHARS) || "(no text)",
      is_internal: 0,
      email_message_id: email.messageId,
      in_reply_to: email.inReplyTo,
      references_header: email.references.join(" ") || null,
      from_address: email.from,
      attachments: JSON.stringify(email.attachments),
      created_at: email.now.toISOString(),
    })
    .execute();
  return id;
}

export async function receiveEmailMessage(db: Db, email: InboundEmail): Promise<ReceivedEmail> {
  const now = email.now;
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const seen = await trx
      .selectFrom("case_messages")
      .innerJoin("support_cases", "support_cases.id", "case_messages.case_id")
      .select([
        "case_messages.id",
        "case_messages.case_id",
        "support_cases.order_id",
        "support_cases.request_type",
      ])
      .where("case_messages.email_message_id", "=", email.messageId)
      .executeTakeFirst();
    if (seen) {
      return {
        caseId: seen.case_id,
        messageRowId: seen.id,
        outcome: "duplicate",
        orderId: seen.order_id,
        requestType: seen.request_type,
      };
    }
    const thread = await findThread(trx, email);
    if (thread && thread.status !== "closed") {
      const messageRowId = await insertMessage(trx, thread.id, email);
      await trx
        .updateTable("support_cases")
        .set({ status: "open", resolved_at: null, updated_at: at })
        .where("id", "=", thread.id)
        .execute();
      await recordAudit(
        trx,
        SYSTEM,
        {
          brandId: thread.brand_id,
          action: "case.customer_message",
          entityType: "support_case",
          entityId: thread.id,
          before: { status: thread.status },
          after: { status: "open", messageId: messageRowId, channel: "email" },
        },
        now,
      );
      await emitEvent(
        trx,
        {
          brandId: thread.brand_id,
          type: "case.customer_replied",
          aggregateType: "support_case",
          aggregateId: thread.id,
          payload: { caseId: thread.id, messageId: messageRowId, channel: "email" },
        },
        now,
      );
      return {
        caseId: thread.id,
        messageRowId,
        outcome: "threaded",
        orderId: thread.order_id,
        requestType: thread.request_type,
      };
    }

    const candidates = orderNumberCandidates(`${email.subject}\n${email.text.slice(0, 20_000)}`);
    const orders = candidates.length
      ? await trx
          .selectFrom("orders")
          .select(["id", "number", "email"])
          .where("brand_id", "=", email.brandId)
          .where("number", "in", candidates)
          .execute()
      : [];
    const own = orders.find((o) => o.email.trim().toLowerCase() === email.from);
    const strangers = orders.filter((o) => o !== own);
    const requestType =
      email.requestType ??
      (email.mailbox === "partnerships" ? "collaboration" : classifyRequest(email.subject, email.text));
    const row = await insertCase(
      trx,
      SYSTEM,
      {
        brandId: email.brandId,
        orderId: own?.id ?? null,
        customerEmail: email.from,
        subject: email.subject.trim() || "(no subject)",
        channel: "email",
        priority: "normal",
        messages: [],
        requestType,
        mailbox: email.mailbox,
      },
      now,
    );
    const messageRowId = await insertMessage(trx, row.id, email);
    if (!own && strangers.length) {
      // Told to the team only: the sender quoted an order that is not under their address.
      await trx
        .insertInto("case_messages")
        .values({
          id: newId(),
          case_id: row.id,
          direction: "internal",
          author_type: "system",
          author_id: null,
          body:
            `The message quotes order ${strangers.map((o) => o.number).join(", ")}, but the sender is not ` +
            "the order's email address, so the case is not linked to it. Check who is writing before sharing details.",
          is_internal: 1,
          email_message_id: null,
          in_reply_to: null,
          created_at: at,
        })
        .execute();
    }
    return { caseId: row.id, messageRowId, outcome: "new_case", orderId: own?.id ?? null, requestType };
  });
}
