// A shopper's one-click rating from the survey email: the signed link names the case; the first rating
// counts and the link is spent (one rating per case), a later click is told it was already used. The
// rating keeps who handled the case and what the request was about, for results by agent and type.

import type { Db } from "../../db/database.ts";
import { newId } from "../../db/database.ts";
import { verifyToken } from "../access/session-tokens.ts";
import { SYSTEM } from "../kernel/actor.ts";
import { emitEvent, recordAudit } from "../kernel/audit.ts";
import { AppError } from "../kernel/errors.ts";

export interface RecordRatingOptions {
  readonly secret: string;
  readonly token: string;
  readonly score: number;
  readonly comment?: string | undefined;
  readonly now: Date;
}

export interface RatingReceipt {
  readonly caseId: string;
  readonly score: number;
  readonly brand: string;
}

export async function recordRating(db: Db, options: RecordRatingOptions): Promise<RatingReceipt> {
  const claims = verifyToken(options.secret, options.token, "rating", options.now);
  if (!claims) throw new AppError("UNAUTHORIZED", "This rating link is not valid or has expired.");
  if (!Number.isInteger(options.score) || options.score < 1 || options.score > 5) {
    throw new AppError("VALIDATION", "The score is a whole number from 1 to 5.", { field: "score" });
  }
  const comment = options.comment?.trim().slice(0, 2000) || null;
  return db.transaction().execute(async (trx) => {
    const supportCase = await trx
      .selectFrom("support_cases")
      .innerJoin("brands", "brands.id", "support_cases.brand_id")
      .select([
        "support_cases.id",
        "support_cases.brand_id",
        "support_cases.assignee_id",
        "support_cases.request_type",
        "brands.slug",
      ])
      .where("support_cases.id", "=", claims.caseId)
      .executeTakeFirst();
    if (!supportCase) throw new AppError("UNAUTHORIZED", "This rating link is not valid or has expired.");
    const inserted = await trx
      .insertInto("satisfaction_ratings")
      .values({
        id: newId(),
        brand_id: supportCase.brand_id,
        case_id: supportCase.id,
        agent_id: supportCase.assignee_id,
        request_type: supportCase.request_type,
        score: options.score,
        comment,
        created_at: options.now.toISOString(),
      })
      .onConflict((oc) => oc.column("case_id").doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
      throw new AppError("CONFLICT", "This case has already been rated. Thank you!", {
        code: "ALREADY_RATED",
      });
    }
    await trx
      .updateTable("support_cases")
      .set({ csat_score: options.score })
      .where("id", "=", supportCase.id)
      .execute();
    await recordAudit(
      trx,
      SYSTEM,
      {
        brandId: supportCase.brand_id,
        action: "case.rated",
        entityType: "support_case",
        entityId: supportCase.id,
        after: { score: options.score, comment: comment !== null },
      },
      options.now,
    );
    await emitEvent(
      trx,
      {
        brandId: supportCase.brand_id,
        type: "case.rated",
        aggregateType: "support_case",
        aggregateId: supportCase.id,
        payload: { caseId: supportCase.id, score: options.score },
      },
      options.now,
    );
    return { caseId: supportCase.id, score: options.score, brand: supportCase.slug };
  });
}
