// A shopper (or an agent for them) asks to add a code to an order already placed. The brand's policy
// decides: a brand that never adds codes afterwards says the code still works on a future order; a
// policy that leaves it to a person sends it to the desk. The decision is kept in the audit log, and
// one a person must take is announced to the desk through the outbox.
import type { Db } from "../../db/database.ts";
import type { Decision } from "../../domain/decision.ts";
import type { Actor } from "../kernel/actor.ts";
import { emitEvent, recordAudit } from "../kernel/audit.ts";
import { AppError } from "../kernel/errors.ts";
import { loadOrderById } from "../orders/load-order.ts";
import { assertOrderAccess, decideOnOrder } from "../orders/order-request.ts";
import { codeProblem, findDiscountCode, normaliseCode } from "./discount-codes.ts";

export interface ApplyDiscountOptions {
  readonly actor: Actor;
  readonly now: Date;
  readonly orderId: string;
  readonly code: string;
}

export async function applyDiscount(db: Db, options: ApplyDiscountOptions): Promise<Decision> {
  const { actor, now } = options;
  const code = normaliseCode(options.code);
  return db.transaction().execute(async (trx) => {
    const loaded = await loadOrderById(trx, options.orderId);
    assertOrderAccess(actor, loaded.order, { shopper: true, roles: ["admin", "agent"] });
    const row = await findDiscountCode(trx, loaded.order.brand_id, code);
    const problem = codeProblem(row, now, code);
    // A mistyped code is answered as such; asking the policy about a code that does not exist helps nobody.
    if (problem?.problem === "UNKNOWN_CODE") {
      throw new AppError("VALIDATION", problem.message, { field: "code", problem: problem.problem });
    }
    const decision = decideOnOrder(loaded, now, { type: "apply_discount", code });
    const entry = {
      brandId: loaded.order.brand_id,
      action: "discount.apply_requested",
      entityType: "order",
      entityId: loaded.order.id,
      after: { code, codeProblem: problem, decision },
    };
    await recordAudit(trx, actor, entry, now);
    if (decision.outcome === "needs_review") {
      await emitEvent(
        trx,
        {
          brandId: loaded.order.brand_id,
          type: "discount.apply_requested",
          aggregateType: "order",
          aggregateId: loaded.order.id,
          payload: {
            orderId: loaded.order.id,
            orderNumber: loaded.order.number,
            code,
            codeProblem: problem,
            decision,
          },
        },
        now,
      );
    }
    return decision;
  });
}
