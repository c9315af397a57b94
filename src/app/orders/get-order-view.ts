// What a shopper sees of their order: the lines, where the order stands with a dated timeline, every
// shipment with its tracking link and the last-mile courier's details, and the returns under way.
// A shopper session reaches its own order only; staff see orders of the brands they work for.
import type { Db } from "../../db/database.ts";
import { preparedQuery } from "../../db/prepared.ts";
import { readTogether } from "../../db/read-together.ts";
import type { OrderStatus, ReturnStatus } from "../../db/schema.ts";
import type { Actor } from "../kernel/actor.ts";
import { AppError, notFound } from "../kernel/errors.ts";
import { firstPayment } from "./load-order.ts";

export interface OrderTimelineEntry {
  readonly at: string;
  readonly status: string;
  readonly description: string | null;
  readonly location: string | null;
}

export interface OrderView {
  readonly brand: { readonly slug: string; readonly name: string };
  readonly number: string;
  readonly email: string;
  readonly phone: string | null;
  readonly status: OrderStatus;
  readonly currency: string;
  readonly placedAt: string;
  readonly shippingCountry: string | null;
  readonly shippingAddress: unknown;
  /** How the order was paid and whether the money has cleared (e-cheques clear before any refund). */
  readonly payment: {
    readonly method: string;
    readonly cleared: boolean;
    readonly clearedAt: string | null;
  } | null;
  readonly totals: {
    readonly subtotal: number;
    readonly shipping: number;
    readonly discount: number;
    readonly tax: number;
    readonly total: number;
  };
  readonly lines: readonly {
    readonly id: string;
    readonly sku: string;
    readonly title: string;
    readonly category: string;
    readonly unitPrice: number;
    readonly quantity: number;
    readonly returnedQuantity: number;
    readonly finalSale: boolean;
    readonly onSale: boolean;
  }[];
  readonly timeline: readonly OrderTimelineEntry[];
  readonly shipments: readonly {
    readonly courier: string | null;
    readonly trackingNumber: string | null;
    readonly trackingUrl: string | null;
    readonly status: string;
    readonly dispatchedAt: string | null;
    readonly deliveredAt: string | null;
    readonly lastMile: {
      readonly courier: string;
      readonly trackingNumber: string | null;
      readonly contact: string | null;
    } | null;
  }[];
  readonly returns: readonly {
    readonly rmaNumber: string;
    readonly kind: "return" | "exchange";
    readonly status: ReturnStatus;
    readonly quotedAmount: number;
    readonly currency: string;
    readonly requestedAt: string;
    readonly returnTrackingNumber: string | null;
    readonly returnTrackingUrl: string | null;
  }[];
}

function mayRead(actor: Actor, order: { id: string; brand_id: string }): boolean {
  switch (actor.type) {
    case "shopper":
      return actor.orderId === order.id;
    case "staff":
    case "api_key":
      return actor.brandId === null || actor.brandId === order.brand_id;
    case "system":
      return true;
    case "anonymous":
      return false;
    default: {
      const never: never = actor;
      return never;
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

// The reads of every order view, compiled once (see db/prepared.ts). The order comes with its brand's
// name in one read; payments are few per order, so all are read and the first is picked here (a LIMIT
// on an ordered read costs SQLite a sort step per call).
const orderWithBrand = preparedQuery((db, id: string) =>
  db
    .selectFrom("orders")
    .innerJoin("brands", "brands.id", "orders.brand_id")
    .selectAll("orders")
    .select(["brands.slug as brand_slug", "brands.name as brand_name"])
    .where("orders.id", "=", id),
);
const linesOf = preparedQuery((db, orderId: string) =>
  db.selectFrom("order_lines").selectAll().where("order_id", "=", orderId).orderBy("position"),
);
const shipmentsOf = preparedQuery((db, orderId: string) =>
  db.selectFrom("shipments").selectAll().where("order_id", "=", orderId).orderBy("created_at"),
);
const returnsOf = preparedQuery((db, orderId: string) =>
  db.selectFrom("returns").selectAll().where("order_id", "=", orderId).orderBy("requested_at"),
);
const paymentsOf = preparedQuery((db, orderId: string) =>
  db
    .selectFrom("payments")
    .select(["method", "cleared", "cleared_at", "created_at"])
    .where("order_id", "=", orderId),
);
const eventsOfShipment = preparedQuery((db, shipmentId: string) =>
  db.selectFrom("tracking_events").selectAll().where("shipment_id", "=", shipmentId).orderBy("occurred_at"),
);

export async function getOrderView(
  db: Db,
  options: { readonly orderId: string },
  actor: Actor,
): Promise<OrderView> {
  // Six or seven reads by key: one read transaction (see db/read-together.ts).
  return readTogether(db, (reader) => readOrderView(reader, options.orderId, actor));
}

async function readOrderView(db: Db, orderId: string, actor: Actor): Promise<OrderView> {
  const [found] = await orderWithBrand(db, orderId);
  // Someone else's order is reported as missing, so its existence is not revealed either.
  if (!found) throw notFound("order", orderId);
  const { brand_slug, brand_name, ...order } = found;
  if (!mayRead(actor, order)) {
    if (actor.type === "anonymous") throw new AppError("UNAUTHORIZED", "Sign in first.");
    throw notFound("order", orderId);
  }
  const brand = { slug: brand_slug, name: brand_name };
  const [lines, shipments, returns, payments] = await Promise.all([
    linesOf(db, order.id),
    shipmentsOf(db, order.id),
    returnsOf(db, order.id),
    paymentsOf(db, order.id),
  ]);
  const payment = firstPayment(payments);
  // Most orders travel in one parcel: that read is compiled once; several parcels take one read of all.
  const events =
    shipments.length === 0
      ? []
      : shipments.length === 1
        ? await eventsOfShipment(db, shipments[0]?.id ?? "")
        : await db
            .selectFrom("tracking_events")
            .selectAll()
            .where(
              "shipment_id",
              "in",
              shipments.map((s) => s.id),
            )
            .orderBy("occurred_at")
            .execute();

  const timeline: OrderTimelineEntry[] = [
    { at: order.placed_at, status: "placed", description: null, location: null },
  ];
  if (order.dispatched_at)
    timeline.push({ at: order.dispatched_at, status: "dispatched", description: null, location: null });
  for (const e of events) {
    timeline.push({ at: e.occurred_at, status: e.status, description: e.description, location: e.location });
  }
  if (order.delivered_at)
    timeline.push({ at: order.delivered_at, status: "delivered", description: null, location: null });
  if (order.cancelled_at)
    timeline.push({ at: order.cancelled_at, status: "cancelled", description: null, location: null });
  // Courier events repeat the milestones the order records itself; keep one of each status per moment.
  const seen = new Set<string>();
  const ordered = timeline
    .sort((a, b) => a.at.localeCompare(b.at))
    .filter((entry) => {
      const key = `${entry.at}|${entry.status}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });

  return {
    brand,
    number: order.number,
    email: order.email,
    phone: order.phone,
    status: order.status,
    currency: order.currency,
    placedAt: order.placed_at,
    shippingCountry: order.shipping_country,
    shippingAddress: parseJson(order.shipping_address),
    payment: payment
      ? { method: payment.method, cleared: payment.cleared === 1, clearedAt: payment.cleared_at }
      : null,
    totals: {
      subtotal: order.subtotal,
      shipping: order.shipping_charged,
      discount: order.discount_total,
      tax: order.tax_total,
      total: order.total,
    },
    lines: lines.map((l) => ({
      id: l.line_key,
      sku: l.sku,
      title: l.title,
      category: l.category,
      unitPrice: l.unit_price,
      quantity: l.quantity,
      returnedQuantity: l.returned_quantity,
      finalSale: l.final_sale === 1,
      onSale: l.on_sale === 1,
    })),
    timeline: ordered,
    shipments: shipments.map((s) => ({
      courier: s.courier,
      trackingNumber: s.tracking_number,
      trackingUrl: s.tracking_url,
      status: s.status,
      dispatchedAt: s.dispatched_at,
      deliveredAt: s.delivered_at,
      lastMile: s.last_mile_courier
        ? {
            courier: s.last_mile_courier,
            trackingNumber: s.last_mile_tracking_number,
            contact: s.last_mile_contact,
          }
        : null,
    })),
    returns: returns.map((r) => ({
      rmaNumber: r.rma_number,
      kind: r.kind,
      status: r.status,
      quotedAmount: r.quoted_amount,
      currency: r.currency,
      requestedAt: r.requested_at,
      returnTrackingNumber: r.return_tracking_number,
      returnTrackingUrl: r.return_tracking_url,
    })),
  };
}
