// Gives a case to an agent (or back to the queue with null). The assignee must be an active desk user
// allowed to work the case's brand, so a case never sits with someone who cannot open it.
import type { Db } from "../../db/database.ts";
import type { Actor } from "../kernel/actor.ts";
import { emitEvent, recordAudit } from "../kernel/audit.ts";
import { AppError, notFound } from "../kernel/errors.ts";
import { type CaseSummary, caseSummary, loadCaseFor, requireDeskActor } from "./case-access.ts";

export interface AssignCaseOptions {
  readonly caseId: string;
  /** Staff user id, or null to return the case to the unassigned queue. */
  readonly assigneeId: string | null;
  readonly actor: Actor;
  readonly now: Date;
  readonly requestId?: string | null | undefined;
}

export async function assignCase(db: Db, options: AssignCaseOptions): Promise<CaseSummary> {
  const { actor, now } = options;
  return db.transaction().execute(async (trx) => {
    const supportCase = await loadCaseFor(trx, actor, options.caseId);
    requireDeskActor(actor, supportCase.brand_id);
    if (options.assigneeId !== null) {
      const assignee = await trx
        .selectFrom("staff_users")
        .select(["id", "role", "brand_id", "active"])
        .where("id", "=", options.assigneeId)
        .executeTakeFirst();
      if (assignee?.active !== 1) throw notFound("staff user", options.assigneeId);
      const worksDesk = assignee.role === "agent" || assignee.role === "admin";
      const worksBrand = assignee.brand_id === null || assignee.brand_id === supportCase.brand_id;
      if (!worksDesk || !worksBrand) {
        throw new AppError("VALIDATION", "the assignee does not work this brand's desk", {
          field: "assigneeId",
        });
      }
    }
    if (supportCase.assignee_id === options.assigneeId) return caseSummary(supportCase);

    const updated = { ...supportCase, assignee_id: options.assigneeId, updated_at: now.toISOString() };
    await trx
      .updateTable("support_cases")
      .set({ assignee_id: updated.assignee_id, updated_at: updated.updated_at })
      .where("id", "=", supportCase.id)
      .execute();
    await recordAudit(
      trx,
      actor,
      {
        brandId: supportCase.brand_id,
        action: "case.assign",
        entityType: "support_case",
        entityId: supportCase.id,
        before: { assigneeId: supportCase.assignee_id },
        after: { assigneeId: options.assigneeId },
        requestId: options.requestId ?? null,
      },
      now,
    );
    await emitEvent(
      trx,
      {
        brandId: supportCase.brand_id,
        type: "case.assigned",
        aggregateType: "support_case",
        aggregateId: supportCase.id,
        payload: { caseId: supportCase.id, assigneeId: options.assigneeId },
      },
      now,
    );
    return caseSummary(updated);
  });
}
