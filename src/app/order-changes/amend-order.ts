// A shopper changes the delivery address, phone or email of an order. The engine decides: applied at
// once where the brand offers self-service before dispatch, a best-effort request for the
// desk elsewhere, refused after dispatch with what to do instead.
import type { Selectable } from "kysely";
import type { Db } from "../../db/database.ts";
import { newId } from "../../db/database.ts";
import type { AmendmentsTable, Order } from "../../db/schema.ts";
import type { Decision } from "../../domain/decision.ts";
import { type Actor, actorId } from "../kernel/actor.ts";
import { emitEvent, recordAudit } from "../kernel/audit.ts";
import { AppError } from "../kernel/errors.ts";
import { loadOrderById } from "../orders/load-order.ts";
import { assertOrderAccess, decideOnOrder, lockOrder } from "../orders/order-request.ts";
import { ORDER_CHANGE_ACCESS, refusal } from "./cancel-order.ts";

export type Amendment = Selectable<AmendmentsTable>;

export interface OrderChanges {
  readonly shippingAddress?: Readonly<Record<string, unknown>> | undefined;
  readonly phone?: string | undefined;
  readonly email?: string | undefined;
}

export interface AmendOrderOptions {
  readonly actor: Actor;
  readonly now: Date;
  readonly orderId: string;
  readonly changes: OrderChanges;
}

export interface AmendOrderResult {
  /** `applied`: the order already shows the change; `pending`: the desk will try. */
  readonly status: "applied" | "pending";
  readonly amendment: Amendment;
  readonly decision: Decision;
  readonly order: Order;
}

function checkChanges(changes: OrderChanges): OrderChanges {
  const out: { -readonly [K in keyof OrderChanges]: OrderChanges[K] } = {};
  if (changes.email !== undefined) {
    const email = changes.email.trim().toLowerCase();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      throw new AppError("VALIDATION", "That email address does not look right.", { field: "email" });
    }
    out.email = email;
  }
  if (changes.phone !== undefined) {
    const phone = changes.phone.trim();
    if (!/^\+?[\d\s().-]{6,24}$/.test(phone)) {
      throw new AppError("VALIDATION", "That phone number does not look right.", { field: "phone" });
    }
    out.phone = phone;
  }
  if (changes.shippingAddress !== undefined) out.shippingAddress = changes.shippingAddress;
  if (Object.keys(out).length === 0) {
    throw new AppError("VALIDATION", "Name at least one of shippingAddress, phone or email to change.");
  }
  return out;
}

/** The order fields a change touches, before and after, for the audit log. */
function fieldsOf(order: Order, changes: OrderChanges) {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  if (changes.email !== undefined) {
    before.email = order.email;
    after.email = changes.email;
  }
  if (changes.phone !== undefined) {
    before.phone = order.phone;
    after.phone = changes.phone;
  }
  if (changes.shippingAddress !== undefined) {
    before.shippingAddress = JSON.parse(order.shipping_address) as unknown;
    after.shippingAddress = changes.shippingAddress;
  }
  return { before, after };
}

/** Writes the changes onto the order (inside the caller's transaction) and returns the new row. */
export async function applyOrderChanges(
  trx: Db,
  order: Order,
  changes: OrderChanges,
  now: Date,
): Promise<Order> {
  const country = changes.shippingAddress?.country;
  const set = {
    ...(changes.email !== undefined ? { email: changes.email } : {}),
    ...(changes.phone !== undefined ? { phone: changes.phone } : {}),
    ...(changes.shippingAddress !== undefined
      ? {
          shipping_address: JSON.stringify(changes.shippingAddress),
          ...(typeof country === "string" && /^[A-Za-z]{2}$/.test(country)
            ? { shipping_country: country.toUpperCase() }
            : {}),
        }
      : {}),
    updated_at: now.toISOString(),
  };
  await trx.updateTable("orders").set(set).where("id", "=", order.id).execute();
  return { ...order, ...set };
}

export async function amendOrder(db: Db, options: AmendOrderOptions): Promise<AmendOrderResult> {
  const { actor, now } = options;
  const changes = checkChanges(options.changes);
  return db.transaction().execute(async (trx) => {
    await lockOrder(trx, options.orderId);
    const loaded = await loadOrderById(trx, options.orderId);
    assertOrderAccess(actor, loaded.order, ORDER_CHANGE_ACCESS);
    const decision = decideOnOrder(loaded, now, { type: "amend", changes });
    if (decision.outcome !== "approved" && decision.outcome !== "needs_review") {
      throw refusal(decision, "This order can no longer be changed.");
    }
    const applied = decision.outcome === "approved";
    const at = now.toISOString();
    const { before, after } = fieldsOf(loaded.order, changes);
    const amendment: Amendment = {
      id: newId(),
      order_id: loaded.order.id,
      changes: JSON.stringify(changes),
      before: JSON.stringify(before),
      status: applied ? "applied" : "pending",
      decision: JSON.stringify(decision),
      requested_by: actorId(actor),
      created_at: at,
      resolved_at: applied ? at : null,
    };
    await trx.insertInto("amendments").values(amendment).execute();
    const order = applied ? await applyOrderChanges(trx, loaded.order, changes, now) : loaded.order;
    await recordAudit(
      trx,
      actor,
      {
        brandId: loaded.order.brand_id,
        action: applied ? "order.amended" : "amendment.requested",
        entityType: "order",
        entityId: loaded.order.id,
        before,
        after: applied ? after : { requested: after, amendmentId: amendment.id },
      },
      now,
    );
    await emitEvent(
      trx,
      {
        brandId: loaded.order.brand_id,
        type: applied ? "order.amended" : "amendment.requested",
        aggregateType: "order",
        aggregateId: loaded.order.id,
        payload: {
          orderNumber: loaded.order.number,
          email: order.email,
          amendmentId: amendment.id,
          changes,
          decision,
        },
      },
      now,
    );
    return { status: applied ? "applied" : "pending", amendment, decision, order };
  });
}
