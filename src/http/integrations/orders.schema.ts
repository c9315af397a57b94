import { z } from "zod";
import { ZOrderInput, ZShipmentInput } from "../../app/orders/order-input.ts";
import { ZTrackingEventInput } from "../../app/orders/record-tracking-event.ts";
import { ORDER_STATUSES } from "../../domain/scenario.ts";

export const ZUpsertOrderBody = ZOrderInput;
export type TUpsertOrderBody = z.infer<typeof ZUpsertOrderBody>;

export const ZOrderNumberParams = z.object({ number: z.string().min(1).max(100) });
export type TOrderNumberParams = z.infer<typeof ZOrderNumberParams>;

export const ZRecordShipmentBody = ZShipmentInput.extend({
  /** Needed when the API key serves several brands. */
  brand: z.string().min(1).max(40).optional(),
});
export type TRecordShipmentBody = z.infer<typeof ZRecordShipmentBody>;

export const ZShipmentParams = z.object({ id: z.string().min(1).max(100) });
export type TShipmentParams = z.infer<typeof ZShipmentParams>;

export const ZTrackingEventBody = ZTrackingEventInput;
export type TTrackingEventBody = z.infer<typeof ZTrackingEventBody>;

export const ZShopifyHookQuery = z.object({ brand: z.string().min(1).max(40).optional() });
export type TShopifyHookQuery = z.infer<typeof ZShopifyHookQuery>;

/** The store-platform order JSON; only the fields Aftercare reads are described. */
export const ZShopifyOrderDoc = z
  .object({
    name: z.string(),
    email: z.string(),
    created_at: z.string(),
    currency: z.string(),
    financial_status: z.string(),
    line_items: z.array(
      z.object({ id: z.number(), sku: z.string(), price: z.string(), quantity: z.number() }),
    ),
    fulfillments: z.array(z.object({ tracking_company: z.string(), tracking_numbers: z.array(z.string()) })),
  })
  .partial();

export const ZUpsertOrderResponse = z.object({
  orderId: z.string(),
  brand: z.string(),
  number: z.string(),
  outcome: z.enum(["created", "updated", "unchanged"]),
  status: z.enum(ORDER_STATUSES),
  staleStatus: z.boolean(),
});

const ZShipmentView = z.object({
  id: z.string(),
  courier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  trackingUrl: z.string().nullable(),
  lastMileCourier: z.string().nullable(),
  lastMileTrackingNumber: z.string().nullable(),
  lastMileContact: z.string().nullable(),
});

export const ZRecordShipmentResponse = z.object({
  shipment: ZShipmentView,
  created: z.boolean(),
  changed: z.boolean(),
  orderStatus: z.enum(ORDER_STATUSES),
});

export const ZTrackingEventResponse = z.object({
  recorded: z.boolean(),
  shipmentStatus: z.string(),
  orderStatus: z.string(),
});
