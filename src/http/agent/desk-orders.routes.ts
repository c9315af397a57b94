// An order worked from a case: what the shopper has asked of it (change and cancellation requests,
// claims), and changing or cancelling it on the shopper's behalf. The same use cases as the shopper's
// own routes decide, with the agent as the actor, so the policy, audit and events are the same.
import { amendOrder } from "../../app/order-changes/amend-order.ts";
import { cancelOrder } from "../../app/order-changes/cancel-order.ts";
import { listOrderRequests } from "../../app/order-changes/list-order-requests.ts";
import { cancellationAnswer } from "../customer/order-changes.routes.ts";
import { ZAmendOrderBody, ZCancelOrderBody } from "../customer/order-changes.schema.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute, type RouteSpec } from "../route.ts";
import { ZDeskOrderIdParams, ZOrderRequests } from "./desk-orders.schema.ts";

export function deskOrderRoutes(deps: ServerDeps): RouteSpec[] {
  const db = deps.store.db;
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/desk/orders/:id/requests",
      summary: "What the shopper asked of an order: change and cancellation requests, and claims",
      tags: ["desk", "orders"],
      access: { kind: "staff", roles: ["admin", "agent", "warehouse"] },
      params: ZDeskOrderIdParams,
      response: ZOrderRequests,
      handler: async ({ params, actor }) => listOrderRequests(db, { orderId: params.id, actor }),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/desk/orders/:id/amend",
      summary: "Change an order's delivery address, phone or email for the shopper (the policy decides)",
      tags: ["desk", "orders"],
      access: { kind: "staff", roles: ["admin", "agent"] },
      params: ZDeskOrderIdParams,
      body: ZAmendOrderBody,
      handler: async ({ params, body, actor }) => {
        const result = await amendOrder(db, { actor, now: deps.now(), orderId: params.id, changes: body });
        return { status: result.status, amendmentId: result.amendment.id, decision: result.decision };
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/desk/orders/:id/cancel",
      summary: "Cancel an order for the shopper (at once, or as a request to approve, as the policy says)",
      tags: ["desk", "orders"],
      access: { kind: "staff", roles: ["admin", "agent"] },
      params: ZDeskOrderIdParams,
      body: ZCancelOrderBody,
      handler: async ({ params, body, actor }) => {
        const result = await cancelOrder(db, {
          actor,
          now: deps.now(),
          orderId: params.id,
          reason: body.reason,
        });
        return cancellationAnswer(result);
      },
    }),
  ];
}
