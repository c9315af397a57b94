import type { FastifyRequest } from "fastify";
// The store's side of orders: push an order (create or update), record a parcel, report a tracking
// event, and receive the store platform's order webhook. All idempotent: stores retry.
import type { Actor } from "../../app/kernel/actor.ts";
import { AppError } from "../../app/kernel/errors.ts";
import { fromShopifyOrder, parseStoreJson } from "../../app/orders/formats/shopify.ts";
import { describeIssues, ZOrderInput } from "../../app/orders/order-input.ts";
import { recordShipment } from "../../app/orders/record-shipment.ts";
import { recordTrackingEvent } from "../../app/orders/record-tracking-event.ts";
import { upsertOrder } from "../../app/orders/upsert-order.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute, type RouteSpec, rawBodyOf } from "../route.ts";
import {
  ZOrderNumberParams,
  ZRecordShipmentBody,
  ZRecordShipmentResponse,
  ZShipmentParams,
  ZShopifyHookQuery,
  ZShopifyOrderDoc,
  ZTrackingEventBody,
  ZTrackingEventResponse,
  ZUpsertOrderBody,
  ZUpsertOrderResponse,
} from "./orders.schema.ts";

/** The brand a request is about: named in it, or the one brand the key belongs to (by slug). */
async function brandOf(deps: ServerDeps, actor: Actor, named: string | undefined): Promise<string> {
  if (named) return named;
  const brandId = actor.type === "api_key" || actor.type === "staff" ? actor.brandId : null;
  if (brandId) {
    const row = await deps.store.db
      .selectFrom("brands")
      .select("slug")
      .where("id", "=", brandId)
      .executeTakeFirst();
    if (row) return row.slug;
  }
  throw new AppError("VALIDATION", "Name the brand: this key serves more than one.", { field: "brand" });
}

export function ordersRoutes(deps: ServerDeps): RouteSpec[] {
  const db = deps.store.db;
  return [
    defineRoute({
      method: "POST",
      url: "/api/v1/integrations/orders",
      summary: "Create or update an order (idempotent by brand + order number)",
      tags: ["integrations"],
      access: { kind: "apiKey" },
      body: ZUpsertOrderBody,
      response: ZUpsertOrderResponse,
      handler: ({ body, actor }) => upsertOrder(db, { input: body, actor, now: deps.now(), source: "api" }),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/integrations/orders/:number/shipments",
      summary: "Record a parcel of an order (courier, tracking, last-mile courier); dispatches the order",
      tags: ["integrations"],
      access: { kind: "apiKey" },
      params: ZOrderNumberParams,
      body: ZRecordShipmentBody,
      response: ZRecordShipmentResponse,
      handler: async ({ params, body, actor }) => {
        const { brand, ...shipment } = body;
        return recordShipment(db, {
          brand: await brandOf(deps, actor, brand),
          orderNumber: params.number,
          shipment,
          actor,
          now: deps.now(),
        });
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/integrations/shipments/:id/events",
      summary: "Report a tracking event of a parcel; repeated events are stored once",
      tags: ["integrations"],
      access: { kind: "apiKey" },
      params: ZShipmentParams,
      body: ZTrackingEventBody,
      response: ZTrackingEventResponse,
      handler: ({ params, body, actor }) =>
        recordTrackingEvent(db, { shipmentId: params.id, event: body, actor, now: deps.now() }),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/hooks/shopify/orders",
      summary:
        "Store-platform order webhook (orders/create, orders/updated): upserts the order. When the brand " +
        "(?brand=slug) has a store webhook secret, X-Shopify-Hmac-Sha256 (base64 HMAC-SHA256 of the raw " +
        "body) is required; a brand without one needs x-api-key",
      tags: ["integrations"],
      // Signed by the platform when the brand stored its secret, else an API key (store-webhook-auth.ts).
      access: { kind: "storeWebhook" },
      query: ZShopifyHookQuery,
      // Mapped and validated inside, so problems are reported in Aftercare's order terms.
      bodyDoc: ZShopifyOrderDoc,
      response: ZUpsertOrderResponse,
      handler: async ({ query, actor, request }) => {
        const brand = await brandOf(deps, actor, query.brand);
        let mapped: unknown;
        try {
          // The signed raw bytes, read again without rounding the store's 64-bit ids.
          mapped = fromShopifyOrder(storeBody(request), brand);
        } catch (error) {
          throw new AppError("VALIDATION", error instanceof Error ? error.message : String(error));
        }
        const parsed = ZOrderInput.safeParse(mapped);
        if (!parsed.success) throw new AppError("VALIDATION", describeIssues(parsed.error));
        return upsertOrder(db, { input: parsed.data, actor, now: deps.now(), source: "webhook" });
      },
    }),
  ];
}

/** The webhook's body as the store sent it: the signed raw bytes read without rounding 64-bit ids. */
function storeBody(request: FastifyRequest): unknown {
  const raw = rawBodyOf(request);
  if (!raw) return request.body;
  try {
    return parseStoreJson(raw.toString("utf8"));
  } catch {
    // Valid JSON the strict reader refuses (a repeated key): what the JSON parser already read.
    return request.body;
  }
}
