// A person answers a return the policy left to them (a fault reported on a final-sale item waits for
// quality control). Approving asks the engine again with the fault confirmed, so the lines it now
// accepts, the refund quote and the fee follow the policy, not the reviewer; refusing closes the
// return. Either way the person, the answer and the reason are stored beside the engine's decision.
import type { Db } from "../../db/database.ts";
import type { Return } from "../../db/schema.ts";
import type { Decision } from "../../domain/decision.ts";
import { type Actor, actorId } from "../kernel/actor.ts";
import { emitEvent, recordAudit } from "../kernel/audit.ts";
import { AppError } from "../kernel/errors.ts";
import { loadOrderById } from "../orders/load-order.ts";
import {
  assertOrderAccess,
  decideOnOrder,
  findReturn,
  lockOrder,
  type OrderAccess,
  returnOrderRef,
  unitsInOpenReturns,
  withUnitsInReturn,
} from "../orders/order-request.ts";
import { packingInstructions, type ReturnPromises, returnPromises } from "./start-return.ts";

export const REVIEW_ACCESS: OrderAccess = { shopper: false, roles: ["agent", "admin"] };

export interface DecideReturnReviewOptions {
  readonly actor: Actor;
  readonly now: Date;
  readonly returnId: string;
  readonly approve: boolean;
  /** Why: shown to the shopper when refused, kept in the audit log either way. */
  readonly reason: string;
}

export interface ReturnReview {
  readonly decision: "approved" | "refused";
  readonly reason: string;
  readonly by: string | null;
  readonly at: string;
  /** The return lines the person decided on. */
  readonly returnLineIds: readonly string[];
}

export interface DecideReturnReviewResult {
  readonly return: Return;
  readonly review: ReturnReview;
  /** The engine's decision with the person's answer applied (the stored one when refused). */
  readonly decision: Decision;
  readonly authorizedLineIds: readonly string[];
  readonly packingInstructions: readonly string[];
  readonly promises: ReturnPromises;
}

interface StoredLine {
  readonly id: string;
  readonly lineKey: string;
  readonly title: string;
  readonly quantity: number;
  readonly reason: string;
  readonly condition: string;
  readonly wantedSku: string | null;
  readonly outcome: string;
}

async function linesOf(trx: Db, returnId: string): Promise<StoredLine[]> {
  const rows = await trx
    .selectFrom("return_lines")
    .innerJoin("order_lines", "order_lines.id", "return_lines.order_line_id")
    .select([
      "return_lines.id as id",
      "order_lines.line_key as lineKey",
      "order_lines.title as title",
      "return_lines.quantity as quantity",
      "return_lines.reason as reason",
      "return_lines.condition as condition",
      "return_lines.wanted_sku as wantedSku",
      "return_lines.outcome as outcome",
    ])
    .where("return_lines.return_id", "=", returnId)
    .orderBy("order_lines.position")
    .execute();
  return rows.map((r) => ({ ...r, quantity: Number(r.quantity) }));
}

export async function decideReturnReview(
  db: Db,
  options: DecideReturnReviewOptions,
): Promise<DecideReturnReviewResult> {
  const { actor, now } = options;
  const why = options.reason.trim();
  if (!why) throw new AppError("VALIDATION", "Give the reason for the decision.", { field: "reason" });
  return db.transaction().execute(async (trx) => {
    const found = await findReturn(trx, { returnId: options.returnId });
    assertOrderAccess(actor, returnOrderRef(found), REVIEW_ACCESS);
    await lockOrder(trx, found.order_id);
    const ret = await findReturn(trx, { returnId: found.id });
    if (ret.status !== "requested") {
      throw new AppError(
        "CONFLICT",
        `Return ${ret.rma_number} is ${ret.status}; only a return waiting for review is decided.`,
        { status: ret.status },
      );
    }
    const lines = await linesOf(trx, ret.id);
    const inReview = lines.filter((l) => l.outcome === "needs_review");
    if (inReview.length === 0) {
      throw new AppError("CONFLICT", `Return ${ret.rma_number} has nothing waiting for a person.`);
    }
    const loaded = await loadOrderById(trx, ret.order_id);
    const at = now.toISOString();
    const review: ReturnReview = {
      decision: options.approve ? "approved" : "refused",
      reason: why,
      by: actorId(actor),
      at,
      returnLineIds: inReview.map((l) => l.id),
    };

    if (!options.approve) {
      await trx
        .updateTable("return_lines")
        .set({ outcome: "rejected" })
        .where(
          "id",
          "in",
          inReview.map((l) => l.id),
        )
        .execute();
      const changes = {
        status: "rejected" as const,
        review: JSON.stringify(review),
        closed_at: at,
        updated_at: at,
      };
      await trx.updateTable("returns").set(changes).where("id", "=", ret.id).execute();
      const decision = JSON.parse(ret.decision) as Decision;
      await recordAudit(
        trx,
        actor,
        {
          brandId: ret.brand_id,
          action: "return.review_refused",
          entityType: "return",
          entityId: ret.id,
          before: { status: ret.status },
          after: { status: changes.status, review },
        },
        now,
      );
      await emitEvent(
        trx,
        {
          brandId: ret.brand_id,
          type: "return.rejected",
          aggregateType: "return",
          aggregateId: ret.id,
          payload: {
            rma: ret.rma_number,
            orderId: ret.order_id,
            orderNumber: loaded.order.number,
            email: loaded.order.email,
            reason: why,
          },
        },
        now,
      );
      return {
        return: { ...ret, ...changes },
        review,
        decision,
        authorizedLineIds: [],
        packingInstructions: [],
        promises: returnPromises(loaded, decision),
      };
    }

    // Judged as of the request, like the inspection: the time a person took must not close the window.
    const reviewed = new Set(review.returnLineIds);
    const others = await unitsInOpenReturns(trx, ret.order_id, ret.id);
    const decision = decideOnOrder(
      loaded,
      ret.requested_at,
      {
        type: ret.kind,
        items: lines.map((l) => ({
          lineId: l.lineKey,
          quantity: l.quantity,
          reason: l.reason,
          condition: JSON.parse(l.condition) as Record<string, boolean | null>,
          qcApprovedFault: reviewed.has(l.id),
          ...(l.wantedSku ? { wantedSku: l.wantedSku } : {}),
        })),
      },
      withUnitsInReturn(loaded.policyOrder, others),
    );
    const authorized: StoredLine[] = [];
    for (const [index, line] of lines.entries()) {
      const judged = decision.items[index];
      if (!judged || !reviewed.has(line.id)) continue;
      // The person confirmed the fault: the line carries that, so the warehouse's inspection and the
      // refund judge it as an approved fault too (no fee, final sale overridden).
      const condition = { ...(JSON.parse(line.condition) as Record<string, unknown>), qcApprovedFault: true };
      await trx
        .updateTable("return_lines")
        .set({
          outcome: judged.outcome,
          reasons: JSON.stringify(judged.reasons),
          condition: JSON.stringify(condition),
        })
        .where("id", "=", line.id)
        .execute();
      if (judged.outcome === "approved") authorized.push(line);
    }
    if (authorized.length === 0) {
      const reasons = decision.reasons.map((r) => r.message).join(" ");
      throw new AppError("CONFLICT", `The policy still refuses these items. ${reasons}`.trim(), { decision });
    }
    const changes = {
      status: "authorized" as const,
      decision: JSON.stringify(decision),
      refund_method: decision.resolution.method,
      quoted_amount: decision.resolution.amount,
      review: JSON.stringify(review),
      authorized_at: at,
      updated_at: at,
    };
    await trx.updateTable("returns").set(changes).where("id", "=", ret.id).execute();
    const promises = returnPromises(loaded, decision);
    const instructions = packingInstructions(
      loaded,
      ret.rma_number,
      authorized.map((l) => `${l.quantity} × ${l.title || l.lineKey}`),
    );
    await recordAudit(
      trx,
      actor,
      {
        brandId: ret.brand_id,
        action: "return.authorized",
        entityType: "return",
        entityId: ret.id,
        before: { status: ret.status, quotedAmount: ret.quoted_amount },
        after: { status: changes.status, quotedAmount: changes.quoted_amount, review },
      },
      now,
    );
    await emitEvent(
      trx,
      {
        brandId: ret.brand_id,
        type: "return.authorized",
        aggregateType: "return",
        aggregateId: ret.id,
        payload: {
          rma: ret.rma_number,
          orderId: ret.order_id,
          orderNumber: loaded.order.number,
          email: loaded.order.email,
          kind: ret.kind,
          status: changes.status,
          decision,
          review,
          promises,
          packingInstructions: instructions,
        },
      },
      now,
    );
    return {
      return: { ...ret, ...changes },
      review,
      decision,
      authorizedLineIds: authorized.map((l) => l.id),
      packingInstructions: instructions,
      promises,
    };
  });
}
