// Starts a return or exchange: the engine judges every item, the approved ones are authorised under a
// return number, and the shopper gets packing instructions and the dates the brand promises.
import type { Db } from "../../db/database.ts";
import { newId } from "../../db/database.ts";
import type { Return } from "../../db/schema.ts";
import type { Decision } from "../../domain/decision.ts";
import type { Actor } from "../kernel/actor.ts";
import { emitEvent, recordAudit } from "../kernel/audit.ts";
import { AppError } from "../kernel/errors.ts";
import { type LoadedOrder, loadOrderById } from "../orders/load-order.ts";
import {
  assertOrderAccess,
  decideOnOrder,
  isUniqueViolation,
  lockOrder,
  unitsInOpenReturns,
  withUnitsInReturn,
} from "../orders/order-request.ts";
import { RETURN_ACCESS, type ReturnItemRequest } from "./quote-return.ts";
import { newRmaNumber } from "./rma.ts";

export interface StartReturnOptions {
  readonly actor: Actor;
  readonly now: Date;
  readonly orderId: string;
  readonly kind: "return" | "exchange";
  readonly items: readonly ReturnItemRequest[];
}

export interface PromisedStage {
  readonly name: string;
  readonly businessDays: number;
  readonly clause: string;
}

export interface ReturnPromises {
  /** Last day to ask for the return (the brand's time zone), when the policy has a window. */
  readonly deadline: string | null;
  /** What happens after the parcel reaches the warehouse, in business days per stage. */
  readonly stages: readonly PromisedStage[];
  /** Business days from arrival at the warehouse to the last promised stage. */
  readonly totalBusinessDays: number;
}

export interface StartReturnResult {
  readonly return: Return;
  readonly decision: Decision;
  readonly authorizedLineIds: readonly string[];
  readonly packingInstructions: readonly string[];
  readonly promises: ReturnPromises;
}

export function returnPromises(loaded: LoadedOrder, decision: Decision): ReturnPromises {
  const stages = loaded.policy.file.refunds.timeline.map((s) => ({
    name: s.name,
    businessDays: s.businessDays,
    clause: s.clause,
  }));
  return {
    deadline: decision.timeline.deadline,
    stages,
    totalBusinessDays: stages.reduce((sum, s) => sum + s.businessDays, 0),
  };
}

/** Built from the policy's own condition checks, so the instructions ask for what inspection checks. */
export function packingInstructions(loaded: LoadedOrder, rma: string, titles: readonly string[]): string[] {
  const checks = loaded.policy.file.returns?.conditions ?? [];
  const wants = (field: string, expect: boolean) =>
    checks.some((c) => c.field === field && c.expect === expect && !c.categories);
  const steps = [`Pack only these items: ${titles.join(", ")}.`];
  if (wants("originalPackaging", true)) steps.push("Use the original packaging the items came in.");
  if (wants("tagsAttached", true)) steps.push("Leave every tag attached.");
  if (wants("worn", false) || wants("washed", false)) {
    steps.push("Send the items unworn and unwashed, as they arrived.");
  }
  if (checks.some((c) => c.field === "hygieneStripIntact")) {
    steps.push("Swimwear must keep its hygiene strip in place.");
  }
  steps.push(
    `Write the return number ${rma} clearly on the outside of the parcel and keep your proof of postage.`,
  );
  return steps;
}

export async function startReturn(db: Db, options: StartReturnOptions): Promise<StartReturnResult> {
  // A random return number can, very rarely, already exist: try again with a fresh one.
  for (let attempt = 0; ; attempt++) {
    try {
      return await startOnce(db, options);
    } catch (error) {
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

async function startOnce(db: Db, options: StartReturnOptions): Promise<StartReturnResult> {
  const { actor, now } = options;
  return db.transaction().execute(async (trx) => {
    await lockOrder(trx, options.orderId);
    const loaded = await loadOrderById(trx, options.orderId);
    assertOrderAccess(actor, loaded.order, RETURN_ACCESS);
    const pending = await unitsInOpenReturns(trx, loaded.order.id);
    const decision = decideOnOrder(
      loaded,
      now,
      { type: options.kind, items: options.items },
      withUnitsInReturn(loaded.policyOrder, pending),
    );
    const approved = decision.items.filter((i) => i.outcome === "approved");
    if (approved.length === 0 && decision.outcome !== "needs_review") {
      const why = decision.reasons.map((r) => r.message).join(" ");
      throw new AppError("VALIDATION", `Nothing in this request can be returned. ${why}`.trim(), {
        decision,
      });
    }
    const status = approved.length > 0 ? "authorized" : "requested";
    const at = now.toISOString();
    const rma = newRmaNumber(loaded.brandSlug);
    const returnId = newId();
    await trx
      .insertInto("returns")
      .values({
        id: returnId,
        brand_id: loaded.order.brand_id,
        order_id: loaded.order.id,
        rma_number: rma,
        kind: options.kind,
        status,
        decision: JSON.stringify(decision),
        refund_method: decision.resolution.method,
        quoted_amount: decision.resolution.amount,
        currency: decision.resolution.currency,
        return_courier: null,
        return_tracking_number: null,
        return_tracking_url: null,
        requested_at: at,
        authorized_at: status === "authorized" ? at : null,
        shipped_at: null,
        received_at: null,
        inspected_at: null,
        closed_at: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    const authorizedLineIds: string[] = [];
    const titles: string[] = [];
    for (const [index, item] of options.items.entries()) {
      const judged = decision.items[index];
      const orderLineId = loaded.lineIds.get(item.lineId);
      if (!judged || !orderLineId) throw new AppError("VALIDATION", `no line '${item.lineId}' on this order`);
      const id = newId();
      await trx
        .insertInto("return_lines")
        .values({
          id,
          return_id: returnId,
          order_line_id: orderLineId,
          quantity: item.quantity,
          reason: item.reason,
          condition: JSON.stringify(item.condition ?? {}),
          wanted_sku: item.wantedSku ?? null,
          outcome: judged.outcome,
          reasons: JSON.stringify(judged.reasons),
        })
        .execute();
      if (judged.outcome === "approved") {
        authorizedLineIds.push(id);
        const line = loaded.policyOrder.lines.find((l) => l.id === item.lineId);
        titles.push(`${item.quantity} × ${line?.title || line?.sku || item.lineId}`);
      }
    }
    const stored = await trx
      .selectFrom("returns")
      .selectAll()
      .where("id", "=", returnId)
      .executeTakeFirstOrThrow();
    const promises = returnPromises(loaded, decision);
    await recordAudit(
      trx,
      actor,
      {
        brandId: loaded.order.brand_id,
        action: status === "authorized" ? "return.authorized" : "return.requested",
        entityType: "return",
        entityId: returnId,
        after: { rma, status, outcome: decision.outcome, quotedAmount: decision.resolution.amount },
      },
      now,
    );
    await emitEvent(
      trx,
      {
        brandId: loaded.order.brand_id,
        type: status === "authorized" ? "return.authorized" : "return.requested",
        aggregateType: "return",
        aggregateId: returnId,
        payload: {
          rma,
          orderId: loaded.order.id,
          orderNumber: loaded.order.number,
          email: loaded.order.email,
          kind: options.kind,
          status,
          decision,
          promises,
        },
      },
      now,
    );
    return {
      return: stored,
      decision,
      authorizedLineIds,
      packingInstructions: status === "authorized" ? packingInstructions(loaded, rma, titles) : [],
      promises,
    };
  });
}
