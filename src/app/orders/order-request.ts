// What every order-scoped use case of returns, money and order changes shares: who may act on an
// order, a row lock so money and status changes on one order happen one at a time, and asking the
// engine about a stored order.
import type { Kysely } from "kysely";
import type { Db } from "../../db/database.ts";
import { dialectOf } from "../../db/database.ts";
import { preparedQuery } from "../../db/prepared.ts";
import type { Return } from "../../db/schema.ts";
import type { Decision } from "../../domain/decision.ts";
import { evaluate } from "../../domain/policy/evaluate.ts";
import type { Order as PolicyOrder } from "../../domain/scenario.ts";
import { InvalidScenarioError, parseScenario } from "../../domain/scenario.ts";
import type { Actor, StaffRole } from "../kernel/actor.ts";
import { AppError, notFound } from "../kernel/errors.ts";
import type { LoadedOrder } from "./load-order.ts";

export interface OrderAccess {
  /** The shopper signed in to this very order may act. */
  readonly shopper: boolean;
  /** Staff roles that may act (staff bound to another brand never may). */
  readonly roles: readonly StaffRole[];
  /** API keys of the order's brand (or of every brand) may act. */
  readonly apiKey?: boolean;
}

/** Throws unless `actor` may act on an order of `brandId`; a shopper only on their own order. */
export function assertOrderAccess(
  actor: Actor,
  order: { readonly id: string; readonly brand_id: string },
  access: OrderAccess,
): void {
  switch (actor.type) {
    case "system":
      return;
    case "shopper":
      if (access.shopper && actor.orderId === order.id && actor.brandId === order.brand_id) return;
      throw new AppError("FORBIDDEN", "You can only act on the order you signed in with.");
    case "staff":
      if (actor.brandId !== null && actor.brandId !== order.brand_id) {
        throw new AppError("FORBIDDEN", "This order belongs to a brand you do not work for.");
      }
      if (access.roles.includes(actor.role)) return;
      throw new AppError("FORBIDDEN", `The ${actor.role} role cannot do this.`, { role: actor.role });
    case "api_key":
      if (access.apiKey && (actor.brandId === null || actor.brandId === order.brand_id)) return;
      throw new AppError("FORBIDDEN", "This API key cannot do this.");
    case "anonymous":
      throw new AppError("UNAUTHORIZED", "Sign in first.");
    default: {
      const never: never = actor;
      throw new Error(`unknown actor ${JSON.stringify(never)}`);
    }
  }
}

/**
 * Locks an order's row until the transaction ends, so two refunds or cancellations of one order
 * cannot both read "nothing refunded yet". SQLite transactions already run one at a time.
 */
export async function lockOrder(trx: Db, orderId: string): Promise<void> {
  if (dialectOf(trx as unknown as Kysely<unknown>) !== "postgres") return;
  await trx.selectFrom("orders").select("id").where("id", "=", orderId).forUpdate().execute();
}

/** Asks the engine about a stored order at `now`; a request naming lines the order lacks is VALIDATION. */
export function decideOnOrder(
  loaded: LoadedOrder,
  now: Date | string,
  request: unknown,
  order: PolicyOrder = loaded.policyOrder,
): Decision {
  try {
    const scenario = parseScenario({
      now: typeof now === "string" ? now : now.toISOString(),
      order,
      request,
    });
    return evaluate(loaded.policy, scenario);
  } catch (error) {
    if (error instanceof InvalidScenarioError) {
      throw new AppError("VALIDATION", error.message, { code: "INVALID_REQUEST" }, { cause: error });
    }
    throw error;
  }
}

/**
 * Units of each line (by store line key) already promised to returns that are still under way:
 * the engine treats them as returned, so the same dress cannot be sent back twice in parallel.
 */
export async function unitsInOpenReturns(
  db: Db,
  orderId: string,
  exceptReturnId?: string,
): Promise<Map<string, number>> {
  const rows =
    exceptReturnId === undefined
      ? await openReturnUnits(db, orderId)
      : await openReturnUnitsExcept(db, orderId, exceptReturnId);
  const units = new Map<string, number>();
  for (const row of rows) units.set(row.lineKey, (units.get(row.lineKey) ?? 0) + Number(row.quantity));
  return units;
}

// Every quote and request reads this; compiled once per dialect (see db/prepared.ts).
const openReturnUnitsQuery = (db: Db, orderId: string) =>
  db
    .selectFrom("return_lines")
    .innerJoin("returns", "returns.id", "return_lines.return_id")
    .innerJoin("order_lines", "order_lines.id", "return_lines.order_line_id")
    .select(["order_lines.line_key as lineKey", "return_lines.quantity as quantity"])
    .where("returns.order_id", "=", orderId)
    .where("returns.status", "in", ["requested", "authorized", "in_transit", "received"])
    .where("return_lines.outcome", "in", ["approved", "needs_review"]);
const openReturnUnits = preparedQuery((db, orderId: string) => openReturnUnitsQuery(db, orderId));
const openReturnUnitsExcept = preparedQuery((db, orderId: string, exceptReturnId: string) =>
  openReturnUnitsQuery(db, orderId).where("returns.id", "<>", exceptReturnId),
);

/** The order as the engine should see it when some units are already on their way back. */
export function withUnitsInReturn(order: PolicyOrder, units: ReadonlyMap<string, number>): PolicyOrder {
  if (units.size === 0) return order;
  return {
    ...order,
    lines: order.lines.map((l) => ({
      ...l,
      returnedQuantity: Math.min(l.quantity, l.returnedQuantity + (units.get(l.id) ?? 0)),
    })),
  };
}

/** What the order's payments brought in, and what refunds (of any status) already gave back. */
export async function paidAndRefunded(
  db: Db,
  orderId: string,
): Promise<{ paid: number; refunded: number; remaining: number }> {
  const paid = await db
    .selectFrom("payments")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("amount"), eb.lit(0)).as("total"))
    .where("order_id", "=", orderId)
    .executeTakeFirst();
  const refunded = await db
    .selectFrom("refunds")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("amount"), eb.lit(0)).as("total"))
    .where("order_id", "=", orderId)
    .where("status", "<>", "failed")
    .executeTakeFirst();
  const p = Number(paid?.total ?? 0);
  const r = Number(refunded?.total ?? 0);
  return { paid: p, refunded: r, remaining: Math.max(0, p - r) };
}

/** Unique-index violations on either database, for turning a lost race into the winner's answer. */
export function isUniqueViolation(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const code = (error as { code?: unknown }).code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

/** A return by id or by its return number; NOT_FOUND otherwise. */
export async function findReturn(
  db: Db,
  by: { readonly returnId: string } | { readonly rmaNumber: string },
): Promise<Return> {
  const query = db.selectFrom("returns").selectAll();
  const found =
    "returnId" in by
      ? await query.where("id", "=", by.returnId).executeTakeFirst()
      : await query.where("rma_number", "=", by.rmaNumber.trim().toUpperCase()).executeTakeFirst();
  if (!found) throw notFound("return", "returnId" in by ? by.returnId : by.rmaNumber);
  return found;
}

/** The brand-scope check for a return: access is judged on the order it belongs to. */
export function returnOrderRef(ret: { readonly order_id: string; readonly brand_id: string }) {
  return { id: ret.order_id, brand_id: ret.brand_id };
}
