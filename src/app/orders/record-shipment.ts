// Records a parcel handed to a courier: courier, tracking number and link, and the last-mile courier
// who delivers it in the destination country (name, tracking number, contact). The first parcel moves
// the order from placed to dispatched and emits `order.dispatched`, the event behind the shipping
// confirmation email with its "track my order" link (the order confirmation comes from order.placed).
// Recording the same parcel again changes nothing.
import type { Insertable } from "kysely";
import { type Db, newId } from "../../db/database.ts";
import type { Shipment } from "../../db/schema.ts";
import type { OrderStatus } from "../../domain/scenario.ts";
import { requireBrand } from "../brands/require-brand.ts";
import type { Actor } from "../kernel/actor.ts";
import { emitEvent, recordAudit } from "../kernel/audit.ts";
import { AppError, notFound } from "../kernel/errors.ts";
import { assertBrandAccess, type TShipmentInput, trackingNumberFromUrl } from "./order-input.ts";

/** A shipment as events, emails and API answers show it. */
export interface ShipmentView {
  readonly id: string;
  readonly courier: string | null;
  readonly trackingNumber: string | null;
  readonly trackingUrl: string | null;
  readonly lastMileCourier: string | null;
  readonly lastMileTrackingNumber: string | null;
  readonly lastMileContact: string | null;
}

export function shipmentView(
  row: Pick<Shipment, "id" | Exclude<keyof ShipmentFields, "dispatched_at">>,
): ShipmentView {
  return {
    id: row.id,
    courier: row.courier,
    trackingNumber: row.tracking_number,
    trackingUrl: row.tracking_url,
    lastMileCourier: row.last_mile_courier,
    lastMileTrackingNumber: row.last_mile_tracking_number,
    lastMileContact: row.last_mile_contact,
  };
}

const FIELDS = [
  "courier",
  "tracking_number",
  "tracking_url",
  "last_mile_courier",
  "last_mile_tracking_number",
  "last_mile_contact",
  "dispatched_at",
] as const;
type ShipmentFields = Pick<Shipment, (typeof FIELDS)[number]>;

export interface ShipmentPlan {
  readonly inserts: Insertable<Shipment>[];
  readonly updates: { readonly id: string; readonly values: Partial<ShipmentFields> }[];
  /** Every shipment of the order once the plan is applied. */
  readonly all: ShipmentView[];
}

/**
 * Matches incoming parcels to stored ones by tracking number: new ones are inserted, known ones updated
 * only in the fields the input fills (a last-mile courier often becomes known later), so sending the
 * same parcel twice plans nothing.
 */
export function planShipments(
  orderId: string,
  stored: readonly Shipment[],
  incoming: readonly TShipmentInput[],
  now: Date,
): ShipmentPlan {
  const stamp = now.toISOString();
  const plan: ShipmentPlan = { inserts: [], updates: [], all: [] };
  const current = new Map(stored.map((s) => [s.tracking_number ?? s.id, { ...s }]));
  for (const input of incoming) {
    const trackingNumber = input.trackingNumber ?? trackingNumberFromUrl(input.trackingUrl);
    if (!trackingNumber)
      throw new AppError(
        "VALIDATION",
        "A shipment needs a tracking number, or a tracking URL with the 18-digit code after '='.",
      );
    const given: Partial<ShipmentFields> = {
      courier: input.courier,
      tracking_number: trackingNumber,
      tracking_url: input.trackingUrl,
      last_mile_courier: input.lastMileCourier,
      last_mile_tracking_number: input.lastMileTrackingNumber,
      last_mile_contact: input.lastMileContact,
      dispatched_at: input.dispatchedAt ? new Date(input.dispatchedAt).toISOString() : undefined,
    };
    const old = current.get(trackingNumber);
    if (!old) {
      const row = {
        id: newId(),
        order_id: orderId,
        courier: given.courier ?? null,
        tracking_number: trackingNumber,
        tracking_url: given.tracking_url ?? null,
        last_mile_courier: given.last_mile_courier ?? null,
        last_mile_tracking_number: given.last_mile_tracking_number ?? null,
        last_mile_contact: given.last_mile_contact ?? null,
        status: "in_transit",
        dispatched_at: given.dispatched_at ?? stamp,
        delivered_at: null,
        created_at: stamp,
        updated_at: stamp,
      };
      plan.inserts.push(row);
      current.set(trackingNumber, row);
      continue;
    }
    const values: Partial<ShipmentFields> = {};
    for (const f of FIELDS) {
      const v = given[f];
      if (v !== undefined && v !== old[f]) values[f] = v;
    }
    if (Object.keys(values).length) {
      plan.updates.push({ id: old.id, values });
      Object.assign(old, values);
    }
  }
  plan.all.push(...[...current.values()].map(shipmentView));
  return plan;
}

export interface RecordShipmentOptions {
  readonly brand: string;
  readonly orderNumber: string;
  readonly shipment: TShipmentInput;
  readonly actor: Actor;
  readonly now: Date;
}

export interface RecordShipmentResult {
  readonly shipment: ShipmentView;
  readonly created: boolean;
  readonly changed: boolean;
  readonly orderStatus: OrderStatus;
}

export async function recordShipment(db: Db, options: RecordShipmentOptions): Promise<RecordShipmentResult> {
  const { actor, now } = options;
  const stamp = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const brand = await requireBrand(trx, options.brand);
    assertBrandAccess(actor, brand.id);
    const order = await trx
      .selectFrom("orders")
      .selectAll()
      .where("brand_id", "=", brand.id)
      .where("number", "=", options.orderNumber)
      .executeTakeFirst();
    if (!order) throw notFound("order", `${options.brand}/${options.orderNumber}`);
    if (order.status === "cancelled")
      throw new AppError("CONFLICT", `order ${order.number} is cancelled; nothing can be shipped`);
    const stored = await trx.selectFrom("shipments").selectAll().where("order_id", "=", order.id).execute();
    const plan = planShipments(order.id, stored, [options.shipment], now);
    const trackingNumber =
      options.shipment.trackingNumber ?? trackingNumberFromUrl(options.shipment.trackingUrl) ?? "";
    const view = plan.all.find((s) => s.trackingNumber === trackingNumber);
    if (!view) throw new Error("planned shipment missing from its own plan");

    const inserted = plan.inserts[0];
    const update = plan.updates[0];
    if (inserted) await trx.insertInto("shipments").values(inserted).execute();
    if (update)
      await trx
        .updateTable("shipments")
        .set({ ...update.values, updated_at: stamp })
        .where("id", "=", update.id)
        .execute();
    if (inserted || update) {
      await recordAudit(
        trx,
        actor,
        {
          brandId: brand.id,
          action: inserted ? "shipment.created" : "shipment.updated",
          entityType: "shipment",
          entityId: view.id,
          before: update ? stored.find((s) => s.id === update.id) : undefined,
          after: view,
        },
        now,
      );
    }

    let orderStatus = order.status;
    if (order.status === "placed") {
      // The first parcel handed over is the dispatch: from now on the order can no longer be changed.
      const dispatchedAt = inserted?.dispatched_at ?? stamp;
      await trx
        .updateTable("orders")
        .set({ status: "dispatched", dispatched_at: dispatchedAt, updated_at: stamp })
        .where("id", "=", order.id)
        .execute();
      await recordAudit(
        trx,
        actor,
        {
          brandId: brand.id,
          action: "order.dispatched",
          entityType: "order",
          entityId: order.id,
          before: { status: order.status, dispatched_at: order.dispatched_at },
          after: { status: "dispatched", dispatched_at: dispatchedAt },
        },
        now,
      );
      await emitEvent(
        trx,
        {
          brandId: brand.id,
          type: "order.dispatched",
          aggregateType: "order",
          aggregateId: order.id,
          payload: {
            orderId: order.id,
            brand: brand.slug,
            number: order.number,
            email: order.email,
            dispatchedAt,
            shipment: view,
          },
        },
        now,
      );
      orderStatus = "dispatched";
    }
    return { shipment: view, created: inserted !== undefined, changed: !!(inserted || update), orderStatus };
  });
}
