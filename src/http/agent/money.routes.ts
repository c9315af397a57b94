// Money and order-change decisions at the desk: refunds, store credit, goodwill, and the answers to
// cancellation and change requests the policy left to a person.
import type { FastifyRequest } from "fastify";
import { AppError } from "../../app/kernel/errors.ts";
import { goodwillRefund } from "../../app/money/goodwill-refund.ts";
import { issueRefund } from "../../app/money/issue-refund.ts";
import { issueStoreCredit } from "../../app/money/issue-store-credit.ts";
import { resolveAmendment } from "../../app/order-changes/resolve-amendment.ts";
import { resolveCancellation } from "../../app/order-changes/resolve-cancellation.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute } from "../route.ts";
import { ZGoodwillRefundBody, ZIdParams, ZResolveBody, ZStoreCreditBody } from "./money.schema.ts";

/** The `Idempotency-Key` header, or the body's key; money routes refuse to run without one. */
function idempotencyKey(request: FastifyRequest, fromBody?: string): string {
  const header = request.headers["idempotency-key"];
  const key = typeof header === "string" ? header : fromBody;
  if (!key) throw new AppError("VALIDATION", "Send an Idempotency-Key header.", { field: "Idempotency-Key" });
  return key;
}

const MONEY_ROLES = ["agent", "admin"] as const;

export function moneyRoutes(deps: ServerDeps) {
  const db = deps.store.db;
  return [
    defineRoute({
      method: "POST",
      url: "/api/v1/desk/returns/:id/refund",
      summary: "Refund an inspected return, once (Idempotency-Key header)",
      tags: ["desk", "money"],
      access: { kind: "staff", roles: MONEY_ROLES },
      params: ZIdParams,
      handler: async ({ params, actor, request }) =>
        issueRefund(db, {
          actor,
          now: deps.now(),
          returnId: params.id,
          idempotencyKey: idempotencyKey(request),
        }),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/desk/orders/:id/store-credit",
      summary: "Give store credit to the order's shopper (Idempotency-Key header)",
      tags: ["desk", "money"],
      access: { kind: "staff", roles: MONEY_ROLES },
      params: ZIdParams,
      body: ZStoreCreditBody,
      status: 201,
      handler: async ({ params, body, actor, request }) =>
        issueStoreCredit(db, {
          actor,
          now: deps.now(),
          orderId: params.id,
          amount: body.amount,
          reason: body.reason,
          idempotencyKey: idempotencyKey(request, body.idempotencyKey),
        }),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/desk/orders/:id/goodwill-refund",
      summary: "Refund an amount as goodwill, with a reason, within the role's limit",
      tags: ["desk", "money"],
      access: { kind: "staff", roles: MONEY_ROLES },
      params: ZIdParams,
      body: ZGoodwillRefundBody,
      status: 201,
      handler: async ({ params, body, actor, request }) =>
        goodwillRefund(db, {
          actor,
          now: deps.now(),
          orderId: params.id,
          amount: body.amount,
          reason: body.reason,
          method: body.method,
          idempotencyKey: idempotencyKey(request, body.idempotencyKey),
        }),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/desk/cancellations/:id/resolve",
      summary: "Approve (cancel and refund) or decline a cancellation request",
      tags: ["desk", "orders"],
      access: { kind: "staff", roles: MONEY_ROLES },
      params: ZIdParams,
      body: ZResolveBody,
      handler: async ({ params, body, actor }) =>
        resolveCancellation(db, {
          actor,
          now: deps.now(),
          cancellationId: params.id,
          approve: body.approve,
          note: body.note,
        }),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/desk/amendments/:id/resolve",
      summary: "Apply or decline a change request on an order not yet dispatched",
      tags: ["desk", "orders"],
      access: { kind: "staff", roles: MONEY_ROLES },
      params: ZIdParams,
      body: ZResolveBody,
      handler: async ({ params, body, actor }) =>
        resolveAmendment(db, {
          actor,
          now: deps.now(),
          amendmentId: params.id,
          approve: body.approve,
          note: body.note,
        }),
    }),
  ];
}
