// The shopper cancels or changes the signed-in order; the policy decides what happens.
import { amendOrder } from "../../app/order-changes/amend-order.ts";
import { type CancelOrderResult, cancelOrder } from "../../app/order-changes/cancel-order.ts";
import { previewOrderChange } from "../../app/order-changes/preview-order-change.ts";
import type { ServerDeps } from "../deps.ts";
import { ZDecision } from "../public/policy.schema.ts";
import { defineRoute } from "../route.ts";
import { ZAmendOrderBody, ZCancelOrderBody, ZPreviewChangeQuery } from "./order-changes.schema.ts";
import { shopperOrderId } from "./returns.routes.ts";

export function orderChangesRoutes(deps: ServerDeps) {
  const db = deps.store.db;
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/shopper/changes/preview",
      summary: "What cancelling or changing the signed-in order now would lead to, without doing it",
      tags: ["shopper", "orders"],
      access: { kind: "shopper" },
      query: ZPreviewChangeQuery,
      response: ZDecision,
      handler: async ({ query, actor }) =>
        previewOrderChange(db, {
          actor,
          now: deps.now(),
          orderId: shopperOrderId(actor),
          change: query.change,
        }),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/shopper/cancel",
      summary: "Cancel the signed-in order (at once, or as a request the team decides)",
      tags: ["shopper", "orders"],
      access: { kind: "shopper" },
      body: ZCancelOrderBody,
      handler: async ({ body, actor }) => {
        const result = await cancelOrder(db, {
          actor,
          now: deps.now(),
          orderId: shopperOrderId(actor),
          reason: body.reason,
        });
        return cancellationAnswer(result);
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/shopper/amend",
      summary: "Change the delivery address, phone or email of the signed-in order",
      tags: ["shopper", "orders"],
      access: { kind: "shopper" },
      body: ZAmendOrderBody,
      handler: async ({ body, actor }) => {
        const result = await amendOrder(db, {
          actor,
          now: deps.now(),
          orderId: shopperOrderId(actor),
          changes: body,
        });
        return { status: result.status, amendmentId: result.amendment.id, decision: result.decision };
      },
    }),
  ];
}

/** A cancellation as the API answers it, to the shopper and to the desk alike. */
export function cancellationAnswer(result: CancelOrderResult) {
  return {
    status: result.status,
    cancellationId: result.cancellation.id,
    decision: result.decision,
    refund: result.refund && {
      amount: result.refund.amount,
      currency: result.refund.currency,
      method: result.refund.method,
    },
  };
}
