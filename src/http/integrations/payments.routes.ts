// An e-cheque clearing, reported by the store's system (API key) or by an agent reading the bank
// statement: both complete the refunds the policy held back until the money was real.
import {
  type MarkPaymentClearedOptions,
  type MarkPaymentClearedResult,
  markPaymentCleared,
} from "../../app/money/mark-payment-cleared.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute, type RouteSpec } from "../route.ts";
import {
  type TPaymentClearedResponse,
  ZIntegrationPaymentClearedBody,
  ZPaymentClearedBody,
  ZPaymentClearedResponse,
  ZPaymentOrderIdParams,
  ZPaymentOrderNumberParams,
} from "./payments.schema.ts";

function toResponse(result: MarkPaymentClearedResult): TPaymentClearedResponse {
  return {
    orderId: result.orderId,
    orderNumber: result.orderNumber,
    clearedPaymentIds: [...result.clearedPaymentIds],
    completedRefunds: result.completedRefunds.map((r) => ({
      id: r.id,
      amount: r.amount,
      currency: r.currency,
      method: r.method,
      status: r.status,
    })),
    alreadyCleared: result.alreadyCleared,
  };
}

export function paymentRoutes(deps: ServerDeps): RouteSpec[] {
  const db = deps.store.db;
  const clear = async (options: Omit<MarkPaymentClearedOptions, "now">) =>
    toResponse(await markPaymentCleared(db, { ...options, now: deps.now() }));
  return [
    defineRoute({
      method: "POST",
      url: "/api/v1/integrations/orders/:number/payment-cleared",
      summary: "Report that an order's e-cheque cleared; completes the refunds waiting for it (idempotent)",
      tags: ["integrations", "money"],
      access: { kind: "apiKey" },
      params: ZPaymentOrderNumberParams,
      body: ZIntegrationPaymentClearedBody,
      response: ZPaymentClearedResponse,
      handler: ({ params, body, actor }) =>
        clear({ actor, order: { orderNumber: params.number, brand: body.brand }, clearedAt: body.clearedAt }),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/desk/orders/:id/payment-cleared",
      summary: "Record that an order's e-cheque cleared; completes the refunds waiting for it (idempotent)",
      tags: ["desk", "money"],
      access: { kind: "staff", roles: ["agent", "admin"] },
      params: ZPaymentOrderIdParams,
      body: ZPaymentClearedBody,
      response: ZPaymentClearedResponse,
      handler: ({ params, body, actor }) =>
        clear({ actor, order: { orderId: params.id }, clearedAt: body.clearedAt }),
    }),
  ];
}
