// What a shopper has asked of one order, for the desk's case view: change and cancellation requests
// (pending ones wait on a person's approve or decline) and claims (missing, faulty, lost) with their
// state. Staff of the order's brand only.
import type { Db } from "../../db/database.ts";
import type { Actor } from "../kernel/actor.ts";
import { notFound } from "../kernel/errors.ts";
import { assertOrderAccess } from "../orders/order-request.ts";

export interface OrderRequests {
  readonly amendments: readonly {
    id: string;
    status: string;
    changes: unknown;
    createdAt: string;
    resolvedAt: string | null;
  }[];
  readonly cancellations: readonly {
    id: string;
    status: string;
    reason: string | null;
    amount: number;
    currency: string;
    createdAt: string;
    resolvedAt: string | null;
  }[];
  readonly claims: readonly { id: string; kind: string; status: string; createdAt: string }[];
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export async function listOrderRequests(
  db: Db,
  options: { readonly orderId: string; readonly actor: Actor },
): Promise<OrderRequests> {
  const order = await db
    .selectFrom("orders")
    .select(["id", "brand_id"])
    .where("id", "=", options.orderId)
    .executeTakeFirst();
  if (!order) throw notFound("order", options.orderId);
  assertOrderAccess(options.actor, order, { shopper: false, roles: ["agent", "admin", "warehouse"] });
  const [amendments, cancellations, claims] = await Promise.all([
    db.selectFrom("amendments").selectAll().where("order_id", "=", order.id).orderBy("created_at").execute(),
    db
      .selectFrom("cancellations")
      .selectAll()
      .where("order_id", "=", order.id)
      .orderBy("created_at")
      .execute(),
    db
      .selectFrom("claims")
      .select(["id", "kind", "status", "created_at"])
      .where("order_id", "=", order.id)
      .orderBy("created_at")
      .execute(),
  ]);
  return {
    amendments: amendments.map((a) => ({
      id: a.id,
      status: a.status,
      changes: parse(a.changes),
      createdAt: a.created_at,
      resolvedAt: a.resolved_at,
    })),
    cancellations: cancellations.map((c) => ({
      id: c.id,
      status: c.status,
      reason: c.reason,
      amount: c.amount,
      currency: c.currency,
      createdAt: c.created_at,
      resolvedAt: c.resolved_at,
    })),
    claims: claims.map((c) => ({ id: c.id, kind: c.kind, status: c.status, createdAt: c.created_at })),
  };
}
