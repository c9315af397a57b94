// Sends the replacements of an inspected exchange. No money moves: the engine's resolution for an
// exchange is amount 0, so this only announces the shipment and closes the return.
import type { Db } from "../../db/database.ts";
import type { Return } from "../../db/schema.ts";
import type { Actor } from "../kernel/actor.ts";
import { emitEvent, recordAudit } from "../kernel/audit.ts";
import { AppError } from "../kernel/errors.ts";
import { assertOrderAccess, findReturn, lockOrder, returnOrderRef } from "../orders/order-request.ts";

export interface FulfilExchangeOptions {
  readonly actor: Actor;
  readonly now: Date;
  readonly returnId: string;
}

export interface FulfilExchangeResult {
  readonly return: Return;
  /** What is sent: the wanted SKU of each accepted line (the same SKU when none was named). */
  readonly replacements: readonly {
    readonly returnLineId: string;
    readonly sku: string;
    readonly quantity: number;
  }[];
}

export async function fulfilExchange(db: Db, options: FulfilExchangeOptions): Promise<FulfilExchangeResult> {
  return db.transaction().execute(async (trx) => {
    const found = await findReturn(trx, { returnId: options.returnId });
    assertOrderAccess(options.actor, returnOrderRef(found), {
      shopper: false,
      roles: ["agent", "warehouse", "admin"],
    });
    await lockOrder(trx, found.order_id);
    const ret = await findReturn(trx, { returnId: found.id });
    if (ret.kind !== "exchange") {
      throw new AppError("CONFLICT", `Return ${ret.rma_number} is a return, not an exchange.`, {
        kind: ret.kind,
      });
    }
    if (ret.status !== "inspected") {
      throw new AppError(
        "CONFLICT",
        `Exchange ${ret.rma_number} is ${ret.status}; replacements go out after inspection.`,
        {
          status: ret.status,
        },
      );
    }
    const accepted = await trx
      .selectFrom("return_lines")
      .innerJoin("order_lines", "order_lines.id", "return_lines.order_line_id")
      .select([
        "return_lines.id as id",
        "return_lines.quantity as quantity",
        "return_lines.wanted_sku as wantedSku",
        "order_lines.sku as sku",
      ])
      .where("return_lines.return_id", "=", ret.id)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom("return_inspections")
            .select("return_inspections.id")
            .whereRef("return_inspections.return_line_id", "=", "return_lines.id")
            .where("return_inspections.outcome", "=", "accepted"),
        ),
      )
      .execute();
    const replacements = accepted.map((l) => ({
      returnLineId: l.id,
      sku: l.wantedSku ?? l.sku,
      quantity: l.quantity,
    }));
    const at = options.now.toISOString();
    await trx
      .updateTable("returns")
      .set({ status: "closed", closed_at: at, updated_at: at })
      .where("id", "=", ret.id)
      .execute();
    await recordAudit(
      trx,
      options.actor,
      {
        brandId: ret.brand_id,
        action: "exchange.shipped",
        entityType: "return",
        entityId: ret.id,
        before: { status: ret.status },
        after: { status: "closed", replacements, amount: 0 },
      },
      options.now,
    );
    await emitEvent(
      trx,
      {
        brandId: ret.brand_id,
        type: "exchange.shipped",
        aggregateType: "return",
        aggregateId: ret.id,
        payload: {
          rma: ret.rma_number,
          orderId: ret.order_id,
          replacements,
          amount: 0,
          currency: ret.currency,
        },
      },
      options.now,
    );
    return { return: { ...ret, status: "closed" as const, closed_at: at, updated_at: at }, replacements };
  });
}
