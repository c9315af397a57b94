// Quality control judges a reported fault from its photos. Approval is what lets the shopper send the
// item back: it authorises a return of that line marked as an approved fault, so the engine waives the
// return fee and lets a final-sale item through. Rejection keeps the reason, which the shopper is told.
import type { Db } from "../../db/database.ts";
import { newId } from "../../db/database.ts";
import type { Return } from "../../db/schema.ts";
import type { Decision } from "../../domain/decision.ts";
import type { Actor } from "../kernel/actor.ts";
import { actorId } from "../kernel/actor.ts";
import { emitEvent, recordAudit } from "../kernel/audit.ts";
import { AppError } from "../kernel/errors.ts";
import { loadOrderById } from "../orders/load-order.ts";
import {
  assertOrderAccess,
  decideOnOrder,
  isUniqueViolation,
  lockOrder,
  unitsInOpenReturns,
  withUnitsInReturn,
} from "../orders/order-request.ts";
import { newRmaNumber } from "../returns/rma.ts";
import { assertStatus, type ClaimView, claimById, claimView, parseDetails } from "./claim-records.ts";

export const QC_ACCESS = { shopper: false, roles: ["admin", "warehouse"] } as const;

export interface DecideQcOptions {
  readonly actor: Actor;
  readonly now: Date;
  readonly claimId: string;
  readonly verdict: "approve" | "reject";
  /** Required to reject: the shopper is told why. */
  readonly notes?: string | undefined;
}

export interface DecideQcResult {
  readonly claim: ClaimView;
  /** The authorised return when the fault was approved. */
  readonly return: Return | null;
  /** The engine's decision on that return. */
  readonly returnDecision: Decision | null;
}

export async function decideQc(db: Db, options: DecideQcOptions): Promise<DecideQcResult> {
  const notes = options.notes?.trim() || null;
  if (options.verdict === "reject" && !notes) {
    throw new AppError("VALIDATION", "Say why the fault is not approved; the shopper is told.", {
      field: "notes",
    });
  }
  // A random return number can, very rarely, already exist: try again with a fresh one.
  for (let attempt = 0; ; attempt++) {
    try {
      return await decideOnce(db, options, notes);
    } catch (error) {
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

async function decideOnce(db: Db, options: DecideQcOptions, notes: string | null): Promise<DecideQcResult> {
  const { actor, now } = options;
  return db.transaction().execute(async (trx) => {
    const first = await claimById(trx, options.claimId);
    await lockOrder(trx, first.order_id);
    const claim = await claimById(trx, options.claimId);
    assertOrderAccess(actor, { id: claim.order_id, brand_id: claim.brand_id }, QC_ACCESS);
    if (claim.kind !== "faulty") {
      throw new AppError("CONFLICT", "Only fault reports go to quality control.", { kind: claim.kind });
    }
    assertStatus(claim, ["awaiting_qc"], "judged by quality control");
    const at = now.toISOString();
    const approved = options.verdict === "approve";
    const common = {
      qc_decision: approved ? "approved" : "rejected",
      qc_notes: notes,
      decided_by: actorId(actor),
      decided_at: at,
      updated_at: at,
    };

    let stored: Return | null = null;
    let returnDecision: Decision | null = null;
    if (approved) {
      const details = parseDetails(claim);
      if (details.kind !== "faulty") throw new AppError("CONFLICT", "This claim names no item.");
      const loaded = await loadOrderById(trx, claim.order_id);
      const pending = await unitsInOpenReturns(trx, claim.order_id);
      const item = {
        lineId: details.lineId,
        quantity: details.quantity,
        reason: "faulty",
        condition: {},
        qcApprovedFault: true,
      };
      // Judged as of the fault report: the shopper asked within the window and then waited for us.
      returnDecision = decideOnOrder(
        loaded,
        claim.created_at,
        { type: "return", items: [item] },
        withUnitsInReturn(loaded.policyOrder, pending),
      );
      const judged = returnDecision.items[0];
      const orderLineId = loaded.lineIds.get(details.lineId);
      if (judged?.outcome !== "approved" || !orderLineId) {
        const why = returnDecision.reasons.map((r) => r.message).join(" ");
        throw new AppError("CONFLICT", `The item cannot be taken back: ${why}`.trim(), {
          decision: returnDecision,
        });
      }
      const returnId = newId();
      const rma = newRmaNumber(loaded.brandSlug);
      await trx
        .insertInto("returns")
        .values({
          id: returnId,
          brand_id: claim.brand_id,
          order_id: claim.order_id,
          rma_number: rma,
          kind: "return",
          status: "authorized",
          decision: JSON.stringify(returnDecision),
          refund_method: returnDecision.resolution.method,
          quoted_amount: returnDecision.resolution.amount,
          currency: returnDecision.resolution.currency,
          return_courier: null,
          return_tracking_number: null,
          return_tracking_url: null,
          requested_at: claim.created_at,
          authorized_at: at,
          shipped_at: null,
          received_at: null,
          inspected_at: null,
          closed_at: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await trx
        .insertInto("return_lines")
        .values({
          id: newId(),
          return_id: returnId,
          order_line_id: orderLineId,
          quantity: item.quantity,
          reason: item.reason,
          condition: JSON.stringify({ qcApprovedFault: true }),
          wanted_sku: null,
          outcome: judged.outcome,
          reasons: JSON.stringify(judged.reasons),
        })
        .execute();
      await trx
        .updateTable("claims")
        .set({ ...common, status: "qc_approved", return_id: returnId })
        .where("id", "=", claim.id)
        .execute();
      stored = await trx
        .selectFrom("returns")
        .selectAll()
        .where("id", "=", returnId)
        .executeTakeFirstOrThrow();
      await emitEvent(
        trx,
        {
          brandId: claim.brand_id,
          type: "return.authorized",
          aggregateType: "return",
          aggregateId: returnId,
          payload: {
            rma,
            orderId: claim.order_id,
            orderNumber: loaded.order.number,
            email: loaded.order.email,
            kind: "return",
            status: "authorized",
            claimId: claim.id,
            decision: returnDecision,
          },
        },
        now,
      );
    } else {
      await trx
        .updateTable("claims")
        .set({ ...common, status: "qc_rejected" })
        .where("id", "=", claim.id)
        .execute();
    }

    const type = approved ? "claim.qc_approved" : "claim.qc_rejected";
    await recordAudit(
      trx,
      actor,
      {
        brandId: claim.brand_id,
        action: type,
        entityType: "claim",
        entityId: claim.id,
        before: { status: claim.status },
        after: { status: approved ? "qc_approved" : "qc_rejected", notes, returnId: stored?.id ?? null },
      },
      now,
    );
    await emitEvent(
      trx,
      {
        brandId: claim.brand_id,
        type,
        aggregateType: "claim",
        aggregateId: claim.id,
        payload: {
          claimId: claim.id,
          orderId: claim.order_id,
          notes,
          rma: stored?.rma_number ?? null,
          returnId: stored?.id ?? null,
          quotedAmount: stored?.quoted_amount ?? null,
        },
      },
      now,
    );
    return { claim: await claimView(trx, await claimById(trx, claim.id)), return: stored, returnDecision };
  });
}
