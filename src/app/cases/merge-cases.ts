// Two cases about one thing (the shopper wrote twice, or mailed and chatted): the duplicate's messages
// move into the case that stays, the duplicate is closed pointing at it, and both get an internal note.
// Mail already sent from the duplicate keeps threading: its Message-IDs now sit in the kept case, and
// its reply address is followed through `merged_into`.
import type { Db } from "../../db/database.ts";
import { newId } from "../../db/database.ts";
import type { Actor } from "../kernel/actor.ts";
import { actorId } from "../kernel/actor.ts";
import { emitEvent, recordAudit } from "../kernel/audit.ts";
import { AppError } from "../kernel/errors.ts";
import { type CaseSummary, caseSummary, loadCaseFor, requireDeskActor } from "./case-access.ts";

export interface MergeCasesOptions {
  /** The case that stays. */
  readonly caseId: string;
  /** The duplicate, closed and emptied into the one that stays. */
  readonly duplicateId: string;
  readonly actor: Actor;
  readonly now: Date;
  readonly requestId?: string | null | undefined;
}

export async function mergeCases(db: Db, options: MergeCasesOptions): Promise<CaseSummary> {
  const { actor, now } = options;
  if (options.caseId === options.duplicateId) {
    throw new AppError("VALIDATION", "A case cannot be merged into itself.", { field: "duplicateId" });
  }
  return db.transaction().execute(async (trx) => {
    const kept = await loadCaseFor(trx, actor, options.caseId);
    requireDeskActor(actor, kept.brand_id);
    const duplicate = await loadCaseFor(trx, actor, options.duplicateId);
    requireDeskActor(actor, duplicate.brand_id);
    if (duplicate.brand_id !== kept.brand_id) {
      throw new AppError("VALIDATION", "Only cases of the same brand can be merged.", {
        field: "duplicateId",
      });
    }
    if (duplicate.merged_into) {
      throw new AppError("CONFLICT", "That case was already merged into another.", {
        mergedInto: duplicate.merged_into,
      });
    }
    if (kept.merged_into) {
      throw new AppError("CONFLICT", "This case was merged into another; merge into that one instead.", {
        mergedInto: kept.merged_into,
      });
    }

    const at = now.toISOString();
    await trx
      .updateTable("case_messages")
      .set({ case_id: kept.id })
      .where("case_id", "=", duplicate.id)
      .execute();
    await trx
      .updateTable("email_outbox")
      .set({ case_id: kept.id })
      .where("case_id", "=", duplicate.id)
      .execute();
    const by = actorId(actor);
    const note = (caseId: string, body: string) =>
      trx
        .insertInto("case_messages")
        .values({
          id: newId(),
          case_id: caseId,
          direction: "internal",
          author_type: "staff",
          author_id: by,
          body,
          is_internal: 1,
          email_message_id: null,
          in_reply_to: null,
          created_at: at,
        })
        .execute();
    await note(
      kept.id,
      `Merged in the duplicate case "${duplicate.subject}" (${duplicate.id}) with its messages.`,
    );
    await note(duplicate.id, `Merged into case "${kept.subject}" (${kept.id}); its messages are there now.`);
    await trx
      .updateTable("support_cases")
      .set({
        merged_into: kept.id,
        status: "closed",
        closed_at: at,
        resolved_at: duplicate.resolved_at ?? at,
        updated_at: at,
      })
      .where("id", "=", duplicate.id)
      .execute();
    // The kept case takes the order link if it had none.
    const orderId = kept.order_id ?? duplicate.order_id;
    await trx
      .updateTable("support_cases")
      .set({ order_id: orderId, updated_at: at })
      .where("id", "=", kept.id)
      .execute();
    await recordAudit(
      trx,
      actor,
      {
        brandId: kept.brand_id,
        action: "case.merged",
        entityType: "support_case",
        entityId: kept.id,
        before: { duplicateId: duplicate.id, duplicateStatus: duplicate.status },
        after: { mergedInto: kept.id },
        requestId: options.requestId ?? null,
      },
      now,
    );
    await emitEvent(
      trx,
      {
        brandId: kept.brand_id,
        type: "case.merged",
        aggregateType: "support_case",
        aggregateId: kept.id,
        payload: { caseId: kept.id, duplicateId: duplicate.id },
      },
      now,
    );
    return caseSummary({ ...kept, order_id: orderId, updated_at: at });
  });
}
