// Adds a message to a case. A public reply from the care team goes out to the shopper and leaves the
// case waiting on them (pending); an internal note stays inside the team and changes nothing the
// shopper sees; a shopper's message puts the case back in the team's queue (open).
import type { Db } from "../../db/database.ts";
import { newId } from "../../db/database.ts";
import type { SupportCase } from "../../db/schema.ts";
import type { Actor } from "../kernel/actor.ts";
import { actorId } from "../kernel/actor.ts";
import { emitEvent, recordAudit } from "../kernel/audit.ts";
import { AppError } from "../kernel/errors.ts";
import { canWorkDesk, isCaseShopper, loadCaseFor, requireText } from "./case-access.ts";
import type { CaseMessageView } from "./get-case.ts";

export interface ReplyToCaseOptions {
  readonly caseId: string;
  readonly body: string;
  /** Staff only: an internal note, never shown or sent to the shopper. */
  readonly internal?: boolean | undefined;
  readonly actor: Actor;
  readonly now: Date;
  readonly requestId?: string | null | undefined;
}

export interface ReplyToCaseResult {
  readonly message: CaseMessageView;
  readonly status: string;
}

/**
 * Records a shopper's message on a case and reopens it, inside the caller's transaction. The chat
 * uses it directly: a conversation handed to the team routes the shopper's words to the case.
 */
export async function addCustomerMessage(
  trx: Db,
  actor: Actor,
  supportCase: SupportCase,
  body: string,
  now: Date,
  requestId?: string | null,
): Promise<ReplyToCaseResult> {
  const at = now.toISOString();
  const id = newId();
  const authorId = actorId(actor) ?? supportCase.customer_email;
  await trx
    .insertInto("case_messages")
    .values({
      id,
      case_id: supportCase.id,
      direction: "inbound",
      author_type: "customer",
      author_id: authorId,
      body,
      is_internal: 0,
      email_message_id: null,
      in_reply_to: null,
      created_at: at,
    })
    .execute();
  // A resolved or pending case the shopper writes to needs the team again.
  const status = supportCase.status === "closed" ? "closed" : "open";
  await trx
    .updateTable("support_cases")
    .set({ status, resolved_at: status === "open" ? null : supportCase.resolved_at, updated_at: at })
    .where("id", "=", supportCase.id)
    .execute();
  await recordAudit(
    trx,
    actor,
    {
      brandId: supportCase.brand_id,
      action: "case.customer_message",
      entityType: "support_case",
      entityId: supportCase.id,
      before: { status: supportCase.status },
      after: { status, messageId: id },
      requestId: requestId ?? null,
    },
    now,
  );
  await emitEvent(
    trx,
    {
      brandId: supportCase.brand_id,
      type: "case.customer_replied",
      aggregateType: "support_case",
      aggregateId: supportCase.id,
      payload: { caseId: supportCase.id, messageId: id },
    },
    now,
  );
  return {
    message: {
      id,
      direction: "inbound",
      authorType: "customer",
      authorId,
      body,
      internal: false,
      createdAt: at,
    },
    status,
  };
}

export async function replyToCase(db: Db, options: ReplyToCaseOptions): Promise<ReplyToCaseResult> {
  const { actor, now } = options;
  const body = requireText(options.body, "body");
  return db.transaction().execute(async (trx) => {
    const supportCase = await loadCaseFor(trx, actor, options.caseId);
    if (isCaseShopper(actor, supportCase)) {
      if (options.internal) throw new AppError("FORBIDDEN", "Only the care team can write internal notes.");
      if (supportCase.status === "closed") {
        throw new AppError("CONFLICT", "This case is closed; open a new one.", { status: "closed" });
      }
      return addCustomerMessage(trx, actor, supportCase, body, now, options.requestId);
    }
    if (!canWorkDesk(actor, supportCase.brand_id)) throw new AppError("FORBIDDEN", "Not allowed.");

    const at = now.toISOString();
    const id = newId();
    const internal = options.internal === true;
    await trx
      .insertInto("case_messages")
      .values({
        id,
        case_id: supportCase.id,
        direction: internal ? "internal" : "outbound",
        author_type: actor.type === "system" ? "system" : "staff",
        author_id: actorId(actor),
        body,
        is_internal: internal ? 1 : 0,
        email_message_id: null,
        in_reply_to: null,
        created_at: at,
      })
      .execute();
    // A public answer hands the turn to the shopper; a note leaves the case where it was.
    const status = internal ? supportCase.status : "pending";
    await trx
      .updateTable("support_cases")
      .set({
        status,
        first_response_at: internal ? supportCase.first_response_at : (supportCase.first_response_at ?? at),
        updated_at: at,
      })
      .where("id", "=", supportCase.id)
      .execute();
    await recordAudit(
      trx,
      actor,
      {
        brandId: supportCase.brand_id,
        action: internal ? "case.note" : "case.reply",
        entityType: "support_case",
        entityId: supportCase.id,
        before: { status: supportCase.status },
        after: { status, messageId: id },
        requestId: options.requestId ?? null,
      },
      now,
    );
    if (!internal) {
      // The mailer sends it from the outbox, with the case's reply token for threading.
      await emitEvent(
        trx,
        {
          brandId: supportCase.brand_id,
          type: "case.replied",
          aggregateType: "support_case",
          aggregateId: supportCase.id,
          payload: { caseId: supportCase.id, messageId: id, to: supportCase.customer_email },
        },
        now,
      );
    }
    return {
      message: {
        id,
        direction: internal ? "internal" : "outbound",
        authorType: actor.type === "system" ? "system" : "staff",
        authorId: actorId(actor),
        body,
        internal,
        createdAt: at,
      },
      status,
    };
  });
}
