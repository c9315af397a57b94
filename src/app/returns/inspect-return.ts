// The warehouse inspects each authorised item. What it finds is judged again by the engine, exactly as
// a shopper's declaration was, so the refund follows the policy (fee once per return, shipping kept)
// and never the inspector's arithmetic.
import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import { newId } from "../../db/database.ts";
import type { Return } from "../../db/schema.ts";
import type { Decision } from "../../domain/decision.ts";
import type { Actor } from "../kernel/actor.ts";
import { emitEvent, recordAudit } from "../kernel/audit.ts";
import { AppError } from "../kernel/errors.ts";
import { loadOrderById } from "../orders/load-order.ts";
import {
  assertOrderAccess,
  decideOnOrder,
  findReturn,
  lockOrder,
  returnOrderRef,
  unitsInOpenReturns,
  withUnitsInReturn,
} from "../orders/order-request.ts";
import { WAREHOUSE_ACCESS } from "./receive-return.ts";

export interface LineInspection {
  readonly returnLineId: string;
  /** The condition the warehouse found, in the policy's condition fields. */
  readonly condition: Readonly<Record<string, boolean | null>>;
  /** Quality control confirmed a fault on this item. */
  readonly qcApprovedFault?: boolean | undefined;
  readonly notes?: string | undefined;
}

export interface InspectReturnOptions {
  readonly actor: Actor;
  readonly now: Date;
  readonly returnId: string;
  readonly lines: readonly LineInspection[];
}

export interface InspectedLine {
  readonly returnLineId: string;
  readonly accepted: boolean;
  readonly reasons: Decision["items"][number]["reasons"];
}

export interface InspectReturnResult {
  readonly return: Return;
  readonly decision: Decision;
  readonly lines: readonly InspectedLine[];
  /** What the refund will pay (0 for an exchange or when nothing passed). */
  readonly refundAmount: number;
}

/** A line whose fault quality control or a reviewer already confirmed keeps that at inspection. */
function faultConfirmedBefore(declared: string): boolean {
  try {
    return (JSON.parse(declared) as { qcApprovedFault?: unknown }).qcApprovedFault === true;
  } catch {
    return false;
  }
}

export async function inspectReturn(db: Db, options: InspectReturnOptions): Promise<InspectReturnResult> {
  const { actor, now } = options;
  return db.transaction().execute(async (trx) => {
    const found = await findReturn(trx, { returnId: options.returnId });
    assertOrderAccess(actor, returnOrderRef(found), WAREHOUSE_ACCESS);
    await lockOrder(trx, found.order_id);
    const ret = await findReturn(trx, { returnId: options.returnId });
    if (ret.status !== "received") {
      throw new AppError(
        "CONFLICT",
        `Return ${ret.rma_number} is ${ret.status}; only a received return is inspected.`,
        {
          status: ret.status,
        },
      );
    }
    const authorised = await trx
      .selectFrom("return_lines")
      .innerJoin("order_lines", "order_lines.id", "return_lines.order_line_id")
      .select([
        "return_lines.id as id",
        "return_lines.quantity as quantity",
        "return_lines.reason as reason",
        "return_lines.wanted_sku as wantedSku",
        "return_lines.condition as declared",
        "order_lines.id as orderLineId",
        "order_lines.line_key as lineKey",
      ])
      .where("return_lines.return_id", "=", ret.id)
      .where("return_lines.outcome", "=", "approved")
      .execute();
    const given = new Map(options.lines.map((l) => [l.returnLineId, l]));
    const unknown = options.lines.filter((l) => !authorised.some((a) => a.id === l.returnLineId));
    const missing = authorised.filter((a) => !given.has(a.id));
    if (unknown.length || missing.length) {
      throw new AppError("VALIDATION", "Inspect every authorised line of the return, and only those.", {
        missing: missing.map((m) => m.id),
        unknown: unknown.map((u) => u.returnLineId),
      });
    }

    const loaded = await loadOrderById(trx, ret.order_id);
    const others = await unitsInOpenReturns(trx, ret.order_id, ret.id);
    // Judged as of the request: the window was met then, and the warehouse's pace must not undo that.
    const decision = decideOnOrder(
      loaded,
      ret.requested_at,
      {
        type: ret.kind,
        items: authorised.map((a) => {
          const found = given.get(a.id);
          return {
            lineId: a.lineKey,
            quantity: a.quantity,
            reason: a.reason,
            condition: found?.condition ?? {},
            qcApprovedFault: found?.qcApprovedFault ?? faultConfirmedBefore(a.declared),
            ...(a.wantedSku ? { wantedSku: a.wantedSku } : {}),
          };
        }),
      },
      withUnitsInReturn(loaded.policyOrder, others),
    );

    const at = now.toISOString();
    const inspected: InspectedLine[] = [];
    for (const [index, line] of authorised.entries()) {
      const item = decision.items[index];
      const input = given.get(line.id);
      const accepted = item?.outcome === "approved";
      await trx
        .insertInto("return_inspections")
        .values({
          id: newId(),
          return_line_id: line.id,
          outcome: accepted ? "accepted" : "rejected",
          condition: JSON.stringify({
            ...(input?.condition ?? {}),
            qcApprovedFault: input?.qcApprovedFault ?? faultConfirmedBefore(line.declared),
          }),
          notes: input?.notes ?? null,
          decision: JSON.stringify({ item, resolution: decision.resolution, notices: decision.notices }),
          inspected_by: actor.type === "staff" ? actor.id : null,
          inspected_at: at,
        })
        .execute();
      if (accepted) {
        await trx
          .updateTable("order_lines")
          .set({ returned_quantity: sql<number>`returned_quantity + ${line.quantity}` })
          .where("id", "=", line.orderLineId)
          .where(sql<boolean>`returned_quantity + ${line.quantity} <= quantity`)
          .execute();
      }
      inspected.push({ returnLineId: line.id, accepted, reasons: item?.reasons ?? [] });
    }
    const anyAccepted = inspected.some((l) => l.accepted);
    const refundAmount = anyAccepted ? decision.resolution.amount : 0;
    const status = anyAccepted ? ("inspected" as const) : ("rejected" as const);
    const changes = {
      status,
      refund_amount: refundAmount,
      inspected_at: at,
      closed_at: anyAccepted ? null : at,
      updated_at: at,
    };
    await trx.updateTable("returns").set(changes).where("id", "=", ret.id).execute();
    await recordAudit(
      trx,
      actor,
      {
        brandId: ret.brand_id,
        action: "return.inspected",
        entityType: "return",
        entityId: ret.id,
        before: { status: ret.status },
        after: {
          status,
          refundAmount,
          lines: inspected.map((l) => ({ id: l.returnLineId, accepted: l.accepted })),
        },
      },
      now,
    );
    await emitEvent(
      trx,
      {
        brandId: ret.brand_id,
        type: anyAccepted ? "return.inspected" : "return.rejected",
        aggregateType: "return",
        aggregateId: ret.id,
        payload: { rma: ret.rma_number, orderId: ret.order_id, refundAmount, decision },
      },
      now,
    );
    return { return: { ...ret, ...changes }, decision, lines: inspected, refundAmount };
  });
}
