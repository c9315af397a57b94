// Moves a case between open, pending (waiting on the shopper), resolved and closed. Resolving stamps
// the time and announces it, which is what asks the shopper for a satisfaction score; reopening clears
// the stamp so reports count the case once, when it is finally resolved.
import type { Db } from "../../db/database.ts";
import type { Actor } from "../kernel/actor.ts";
import { emitEvent, recordAudit } from "../kernel/audit.ts";
import {
  type CaseStatus,
  type CaseSummary,
  caseSummary,
  loadCaseFor,
  requireDeskActor,
} from "./case-access.ts";

export interface SetCaseStatusOptions {
  readonly caseId: string;
  readonly status: CaseStatus;
  readonly actor: Actor;
  readonly now: Date;
  readonly requestId?: string | null | undefined;
}

export async function setCaseStatus(db: Db, options: SetCaseStatusOptions): Promise<CaseSummary> {
  const { actor, now } = options;
  return db.transaction().execute(async (trx) => {
    const supportCase = await loadCaseFor(trx, actor, options.caseId);
    requireDeskActor(actor, supportCase.brand_id);
    if (supportCase.status === options.status) return caseSummary(supportCase);

    const at = now.toISOString();
    const finished = options.status === "resolved" || options.status === "closed";
    const resolvedAt = finished ? (supportCase.resolved_at ?? at) : null;
    const updated = { ...supportCase, status: options.status, resolved_at: resolvedAt, updated_at: at };
    await trx
      .updateTable("support_cases")
      .set({ status: updated.status, resolved_at: updated.resolved_at, updated_at: at })
      .where("id", "=", supportCase.id)
      .execute();
    await recordAudit(
      trx,
      actor,
      {
        brandId: supportCase.brand_id,
        action: "case.status",
        entityType: "support_case",
        entityId: supportCase.id,
        before: { status: supportCase.status },
        after: { status: updated.status },
        requestId: options.requestId ?? null,
      },
      now,
    );
    await emitEvent(
      trx,
      {
        brandId: supportCase.brand_id,
        type: options.status === "resolved" ? "case.resolved" : "case.status_changed",
        aggregateType: "support_case",
        aggregateId: supportCase.id,
        payload: { caseId: supportCase.id, from: supportCase.status, to: updated.status },
      },
      now,
    );
    return caseSummary(updated);
  });
}
