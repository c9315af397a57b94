// A courier's tracking update for one parcel. Couriers resend events, so the same status at the same
// moment is stored once and the second copy changes nothing. Events move the parcel and its order
// forward only: the first sign of movement dispatches a placed order (`order.dispatched`), and the
// order is delivered (`order.delivered`) once every parcel of it has been delivered.
import { z } from "zod";
import type { Db } from "../../db/database.ts";
import { newId } from "../../db/database.ts";
import type { Actor } from "../kernel/actor.ts";
import { emitEvent, recordAudit } from "../kernel/audit.ts";
import { notFound } from "../kernel/errors.ts";
import { assertBrandAccess } from "./order-input.ts";
import { shipmentView } from "./record-shipment.ts";

export const TRACKING_STATUSES = [
  "info_received",
  "in_transit",
  "out_for_delivery",
  "attempted_delivery",
  "delivered",
  "exception",
  "returned_to_sender",
] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];

export const ZTrackingEventInput = z.object({
  status: z.enum(TRACKING_STATUSES),
  occurredAt: z.iso.datetime({ offset: true, message: "expected an ISO 8601 date-time" }),
  description: z.string().trim().min(1).max(500).optional(),
  location: z.string().trim().min(1).max(200).optional(),
});
export type TTrackingEventInput = z.infer<typeof ZTrackingEventInput>;

export interface RecordTrackingEventOptions {
  readonly shipmentId: string;
  readonly event: TTrackingEventInput;
  readonly actor: Actor;
  readonly now: Date;
}

export interface RecordTrackingEventResult {
  /** False when this event was already stored: nothing was written. */
  readonly recorded: boolean;
  readonly shipmentStatus: string;
  readonly orderStatus: string;
}

export async function recordTrackingEvent(
  db: Db,
  options: RecordTrackingEventOptions,
): Promise<RecordTrackingEventResult> {
  const { actor, now, event } = options;
  const stamp = now.toISOString();
  const occurredAt = new Date(event.occurredAt).toISOString();
  return db.transaction().execute(async (trx) => {
    const shipment = await trx
      .selectFrom("shipments")
      .selectAll()
      .where("id", "=", options.shipmentId)
      .executeTakeFirst();
    if (!shipment) throw notFound("shipment", options.shipmentId);
    const order = await trx
      .selectFrom("orders")
      .selectAll()
      .where("id", "=", shipment.order_id)
      .executeTakeFirstOrThrow();
    try {
      assertBrandAccess(actor, order.brand_id);
    } catch {
      // A key of another brand learns nothing about this parcel, not even that it exists.
      throw notFound("shipment", options.shipmentId);
    }
    const inserted = await trx
      .insertInto("tracking_events")
      .values({
        id: newId(),
        shipment_id: shipment.id,
        status: event.status,
        description: event.description ?? null,
        location: event.location ?? null,
        occurred_at: occurredAt,
        created_at: stamp,
      })
      .onConflict((oc) => oc.columns(["shipment_id", "status", "occurred_at"]).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0)
      return { recorded: false, shipmentStatus: shipment.status, orderStatus: order.status };

    // The parcel's status follows its newest event; a delivered parcel stays delivered even when an
    // earlier scan arrives late.
    const newer = await trx
      .selectFrom("tracking_events")
      .select("id")
      .where("shipment_id", "=", shipment.id)
      .where("occurred_at", ">", occurredAt)
      .executeTakeFirst();
    let shipmentStatus = shipment.status;
    if (shipment.status !== "delivered" && (event.status === "delivered" || !newer))
      shipmentStatus = event.status;
    const deliveredAt = shipmentStatus === "delivered" ? (shipment.delivered_at ?? occurredAt) : null;
    if (shipmentStatus !== shipment.status) {
      await trx
        .updateTable("shipments")
        .set({ status: shipmentStatus, delivered_at: deliveredAt, updated_at: stamp })
        .where("id", "=", shipment.id)
        .execute();
    }

    let orderStatus = order.status;
    const moving = event.status !== "info_received";
    const audit = (action: string, before: unknown, after: unknown) =>
      recordAudit(
        trx,
        actor,
        { brandId: order.brand_id, action, entityType: "order", entityId: order.id, before, after },
        now,
      );
    const emit = (type: string, payload: Record<string, unknown>) =>
      emitEvent(
        trx,
        {
          brandId: order.brand_id,
          type,
          aggregateType: "order",
          aggregateId: order.id,
          payload: { orderId: order.id, number: order.number, email: order.email, ...payload },
        },
        now,
      );
    if (order.status === "cancelled") {
      // A parcel of a cancelled order is the warehouse's matter; its status is not revived by a scan.
    } else if (shipmentStatus === "delivered" && order.status !== "delivered") {
      const others = await trx
        .selectFrom("shipments")
        .select("id")
        .where("order_id", "=", order.id)
        .where("id", "!=", shipment.id)
        .where("status", "!=", "delivered")
        .executeTakeFirst();
      if (!others) {
        const dispatchedAt = order.dispatched_at ?? shipment.dispatched_at ?? occurredAt;
        await trx
          .updateTable("orders")
          .set({
            status: "delivered",
            dispatched_at: dispatchedAt,
            delivered_at: deliveredAt,
            updated_at: stamp,
          })
          .where("id", "=", order.id)
          .execute();
        await audit(
          "order.delivered",
          { status: order.status, delivered_at: order.delivered_at },
          { status: "delivered", delivered_at: deliveredAt },
        );
        await emit("order.delivered", { deliveredAt, shipment: shipmentView(shipment) });
        orderStatus = "delivered";
      }
    } else if (order.status === "placed" && moving) {
      const dispatchedAt = shipment.dispatched_at ?? occurredAt;
      await trx
        .updateTable("orders")
        .set({ status: "dispatched", dispatched_at: dispatchedAt, updated_at: stamp })
        .where("id", "=", order.id)
        .execute();
      await audit(
        "order.dispatched",
        { status: order.status },
        { status: "dispatched", dispatched_at: dispatchedAt },
      );
      await emit("order.dispatched", { dispatchedAt, shipment: shipmentView(shipment) });
      orderStatus = "dispatched";
    }
    if (event.status === "exception" && shipmentStatus === "exception") {
      // Care agents watch for stuck parcels; the event lets a job open a case or alert the shopper.
      await emit("shipment.exception", {
        shipment: shipmentView(shipment),
        description: event.description ?? null,
      });
    }
    return { recorded: true, shipmentStatus, orderStatus };
  });
}
