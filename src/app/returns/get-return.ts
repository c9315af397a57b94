// One return as the desk sees it: the order it belongs to and every item asked for, each with the id
// the warehouse names when it records an inspection, what the shopper declared, and what the policy
// said. Without it the desk could list returns but not inspect one over the API.
import type { Db } from "../../db/database.ts";
import type { Return } from "../../db/schema.ts";
import type { Actor } from "../kernel/actor.ts";
import { assertOrderAccess, findReturn, returnOrderRef } from "../orders/order-request.ts";

export interface GetReturnOptions {
  readonly actor: Actor;
  readonly returnId: string;
}

export interface ReturnLineView {
  /** Named as `returnLineId` when the warehouse inspects the item. */
  readonly id: string;
  /** The store's line id on the order. */
  readonly lineId: string;
  readonly sku: string;
  readonly title: string;
  readonly quantity: number;
  readonly reason: string;
  readonly declaredCondition: Record<string, unknown>;
  readonly wantedSku: string | null;
  /** The policy's answer when the return was asked for: only `approved` lines are sent back. */
  readonly outcome: string;
  readonly reasons: unknown[];
  /** The latest inspection of this item, if any. */
  readonly inspection: { readonly outcome: string; readonly inspectedAt: string } | null;
}

export interface ReturnDetail {
  readonly return: Return;
  readonly orderNumber: string;
  readonly lines: readonly ReturnLineView[];
}

export const RETURN_DESK_ACCESS = { shopper: false, roles: ["agent", "warehouse", "admin"] } as const;

export async function getReturn(db: Db, options: GetReturnOptions): Promise<ReturnDetail> {
  const ret = await findReturn(db, { returnId: options.returnId });
  assertOrderAccess(options.actor, returnOrderRef(ret), RETURN_DESK_ACCESS);
  const order = await db
    .selectFrom("orders")
    .select("number")
    .where("id", "=", ret.order_id)
    .executeTakeFirstOrThrow();
  const lines = await db
    .selectFrom("return_lines")
    .innerJoin("order_lines", "order_lines.id", "return_lines.order_line_id")
    .select([
      "return_lines.id as id",
      "order_lines.line_key as lineId",
      "order_lines.sku as sku",
      "order_lines.title as title",
      "order_lines.position as position",
      "return_lines.quantity as quantity",
      "return_lines.reason as reason",
      "return_lines.condition as condition",
      "return_lines.wanted_sku as wantedSku",
      "return_lines.outcome as outcome",
      "return_lines.reasons as reasons",
    ])
    .where("return_lines.return_id", "=", ret.id)
    .orderBy("order_lines.position")
    .execute();
  const inspections =
    lines.length === 0
      ? []
      : await db
          .selectFrom("return_inspections")
          .select(["return_line_id", "outcome", "inspected_at"])
          .where(
            "return_line_id",
            "in",
            lines.map((l) => l.id),
          )
          .orderBy("inspected_at")
          .execute();
  // Ordered oldest first, so the last write per line is the latest finding.
  const latest = new Map(inspections.map((i) => [i.return_line_id, i]));
  return {
    return: ret,
    orderNumber: order.number,
    lines: lines.map((l) => {
      const found = latest.get(l.id);
      return {
        id: l.id,
        lineId: l.lineId,
        sku: l.sku,
        title: l.title,
        quantity: Number(l.quantity),
        reason: l.reason,
        declaredCondition: JSON.parse(l.condition) as Record<string, unknown>,
        wantedSku: l.wantedSku,
        outcome: l.outcome,
        reasons: JSON.parse(l.reasons) as unknown[],
        inspection: found ? { outcome: found.outcome, inspectedAt: found.inspected_at } : null,
      };
    }),
  };
}
