// Opens a support case. Shoppers open one about the order they are signed in to; agents open one for
// any order or email of their brand (a phone call, a walk-in). The chat handoff opens one from inside
// its own transaction through insertCase, so the case and the conversation link are stored together.
import { randomBytes } from "node:crypto";
import type { Db } from "../../db/database.ts";
import { newId } from "../../db/database.ts";
import type { SupportCase } from "../../db/schema.ts";
import { requireBrand } from "../brands/require-brand.ts";
import type { Actor } from "../kernel/actor.ts";
import { actorId } from "../kernel/actor.ts";
import { emitEvent, recordAudit } from "../kernel/audit.ts";
import { AppError, notFound } from "../kernel/errors.ts";
import { caseDueDates } from "../service-levels/case-service-levels.ts";
import { brandServiceLevels, type RequestType } from "../service-levels/service-settings.ts";
import {
  type CaseChannel,
  type CasePriority,
  type CaseSummary,
  caseSummary,
  requireDeskActor,
  requireText,
} from "./case-access.ts";
import { classifyRequest } from "./classify-request.ts";

export interface CreateCaseOptions {
  /** Needed for staff; a shopper's case is always under the brand of their order. */
  readonly brandSlug?: string | undefined;
  readonly subject: string;
  /** The shopper's request, or the agent's account of it (kept as an internal note). */
  readonly body: string;
  readonly channel: CaseChannel;
  readonly priority?: CasePriority | undefined;
  /** Staff only: the order the case is about, by its number. */
  readonly orderNumber?: string | undefined;
  /** Staff only; defaults to the order's email. */
  readonly customerEmail?: string | undefined;
  readonly actor: Actor;
  readonly now: Date;
  readonly requestId?: string | null | undefined;
}

export interface NewCaseMessage {
  readonly direction: "inbound" | "outbound" | "internal";
  readonly authorType: "customer" | "staff" | "assistant" | "system";
  readonly authorId: string | null;
  readonly body: string;
  /** When the message was written; defaults to the case's creation time. */
  readonly createdAt?: string | undefined;
}

export interface NewCase {
  readonly brandId: string;
  readonly orderId: string | null;
  readonly customerEmail: string;
  readonly subject: string;
  readonly channel: CaseChannel;
  readonly priority: CasePriority;
  readonly messages: readonly NewCaseMessage[];
  readonly requestId?: string | null | undefined;
  /** What the request is about; read from the first message when not given. */
  readonly requestType?: RequestType | undefined;
  /** The brand address an emailed case came in on. */
  readonly mailbox?: "support" | "partnerships" | undefined;
}

const MAX_SUBJECT_CHARS = 200;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Inserts a case with its first messages, its audit row and its event, inside the caller's transaction. */
export async function insertCase(trx: Db, actor: Actor, input: NewCase, now: Date): Promise<SupportCase> {
  const at = now.toISOString();
  const firstText = input.messages[0]?.body ?? "";
  const requestType = input.requestType ?? classifyRequest(input.subject, firstText);
  // Service-level clocks start when the case opens, in the brand's business hours.
  const due = caseDueDates(await brandServiceLevels(trx, input.brandId), requestType, now);
  const row: SupportCase = {
    id: newId(),
    brand_id: input.brandId,
    order_id: input.orderId,
    customer_email: input.customerEmail,
    subject: input.subject.slice(0, MAX_SUBJECT_CHARS),
    status: "open",
    priority: input.priority,
    channel: input.channel,
    assignee_id: null,
    // Goes into outbound mail so a reply threads back here even when the mail client drops headers.
    reply_token: randomBytes(18).toString("base64url"),
    sla_due_at: due.resolutionDueAt,
    first_response_at: null,
    resolved_at: null,
    csat_score: null,
    request_type: requestType,
    mailbox: input.mailbox ?? null,
    first_response_due_at: due.firstResponseDueAt,
    closed_at: null,
    merged_into: null,
    created_at: at,
    updated_at: at,
  };
  await trx.insertInto("support_cases").values(row).execute();
  if (input.messages.length > 0) {
    await trx
      .insertInto("case_messages")
      .values(
        input.messages.map((m) => ({
          id: newId(),
          case_id: row.id,
          direction: m.direction,
          author_type: m.authorType,
          author_id: m.authorId,
          body: m.body,
          is_internal: m.direction === "internal" ? (1 as const) : (0 as const),
          email_message_id: null,
          in_reply_to: null,
          created_at: m.createdAt ?? at,
        })),
      )
      .execute();
  }
  const summary = caseSummary(row);
  await recordAudit(
    trx,
    actor,
    {
      brandId: row.brand_id,
      action: "case.create",
      entityType: "support_case",
      entityId: row.id,
      after: summary,
      requestId: input.requestId ?? null,
    },
    now,
  );
  await emitEvent(
    trx,
    {
      brandId: row.brand_id,
      type: "case.created",
      aggregateType: "support_case",
      aggregateId: row.id,
      payload: {
        caseId: row.id,
        channel: row.channel,
        orderId: row.order_id,
        subject: row.subject,
        requestType: row.request_type,
      },
    },
    now,
  );
  return row;
}

export async function createCase(db: Db, options: CreateCaseOptions): Promise<CaseSummary> {
  const { actor, now } = options;
  const subject = requireText(options.subject, "subject", MAX_SUBJECT_CHARS);
  const body = requireText(options.body, "body");

  return db.transaction().execute(async (trx) => {
    const brand =
      actor.type === "shopper" && options.brandSlug === undefined
        ? await trx.selectFrom("brands").selectAll().where("id", "=", actor.brandId).executeTakeFirstOrThrow()
        : await requireBrand(trx, options.brandSlug ?? "");
    let orderId: string | null = null;
    let customerEmail: string;
    let message: NewCaseMessage;

    if (actor.type === "shopper") {
      // A shopper's session is scoped to one order: the case is about that order, under its email.
      if (actor.brandId !== brand.id) throw notFound("brand", brand.slug);
      if (options.orderNumber !== undefined || options.customerEmail !== undefined) {
        throw new AppError("FORBIDDEN", "A shopper opens cases about their own order only.");
      }
      orderId = actor.orderId;
      customerEmail = actor.email;
      message = { direction: "inbound", authorType: "customer", authorId: actor.email, body };
    } else {
      requireDeskActor(actor, brand.id);
      let orderEmail: string | undefined;
      if (options.orderNumber !== undefined) {
        const order = await trx
          .selectFrom("orders")
          .select(["id", "email"])
          .where("brand_id", "=", brand.id)
          .where("number", "=", options.orderNumber)
          .executeTakeFirst();
        if (!order) throw notFound("order", `${brand.slug}/${options.orderNumber}`);
        orderId = order.id;
        orderEmail = order.email;
      }
      const email = (options.customerEmail ?? orderEmail ?? "").trim().toLowerCase();
      if (!EMAIL.test(email)) {
        throw new AppError("VALIDATION", "a customer email (or an order) is needed to open a case", {
          field: "customerEmail",
        });
      }
      customerEmail = email;
      // The agent's account of the request is theirs, not the shopper's words: keep it off the thread.
      message = { direction: "internal", authorType: "staff", authorId: actorId(actor), body };
    }

    const row = await insertCase(
      trx,
      actor,
      {
        brandId: brand.id,
        orderId,
        customerEmail,
        subject,
        channel: options.channel,
        priority: options.priority ?? "normal",
        messages: [message],
        requestId: options.requestId,
      },
      now,
    );
    return caseSummary(row);
  });
}
