// The shopper's returns: quote, start, add the parcel's tracking, list. Signed in to one order only.

import { z } from "zod";
import type { Actor } from "../../app/kernel/actor.ts";
import { AppError } from "../../app/kernel/errors.ts";
import { addReturnTracking } from "../../app/returns/add-return-tracking.ts";
import { listReturns } from "../../app/returns/list-returns.ts";
import { quoteReturn } from "../../app/returns/quote-return.ts";
import { startReturn } from "../../app/returns/start-return.ts";
import type { ServerDeps } from "../deps.ts";
import { ZDecision } from "../public/policy.schema.ts";
import { defineRoute } from "../route.ts";
import {
  ZQuoteReturnBody,
  ZReturnSummary,
  ZReturnTrackingBody,
  ZRmaParams,
  ZStartReturnBody,
} from "./returns.schema.ts";

/** The order a shopper session is scoped to. */
export function shopperOrderId(actor: Actor): string {
  if (actor.type !== "shopper") throw new AppError("UNAUTHORIZED", "Sign in to your order first.");
  return actor.orderId;
}

export function returnsRoutes(deps: ServerDeps) {
  const db = deps.store.db;
  return [
    defineRoute({
      method: "POST",
      url: "/api/v1/shopper/returns/quote",
      summary: "Quote a return or exchange of the signed-in order, item by item",
      tags: ["shopper", "returns"],
      access: { kind: "shopper" },
      body: ZQuoteReturnBody,
      response: ZDecision,
      handler: async ({ body, actor }) =>
        quoteReturn(db, {
          actor,
          now: deps.now(),
          orderId: shopperOrderId(actor),
          kind: body.kind,
          items: body.items,
        }),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/shopper/returns",
      summary: "Start a return or exchange: return number, packing instructions and promised dates",
      tags: ["shopper", "returns"],
      access: { kind: "shopper" },
      body: ZStartReturnBody,
      status: 201,
      handler: async ({ body, actor }) => {
        const result = await startReturn(db, {
          actor,
          now: deps.now(),
          orderId: shopperOrderId(actor),
          kind: body.kind,
          items: body.items,
        });
        return {
          rma: result.return.rma_number,
          status: result.return.status,
          decision: result.decision,
          packingInstructions: result.packingInstructions,
          promises: result.promises,
        };
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/shopper/returns/:rma/tracking",
      summary: "Add the return parcel's courier and tracking number",
      tags: ["shopper", "returns"],
      access: { kind: "shopper" },
      params: ZRmaParams,
      body: ZReturnTrackingBody,
      response: ZReturnSummary,
      handler: async ({ params, body, actor }) =>
        addReturnTracking(db, {
          actor,
          now: deps.now(),
          rmaNumber: params.rma,
          courier: body.courier,
          trackingNumber: body.trackingNumber,
          trackingUrl: body.trackingUrl,
        }),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/shopper/returns",
      summary: "The returns and exchanges of the signed-in order",
      tags: ["shopper", "returns"],
      access: { kind: "shopper" },
      response: z.object({ returns: z.array(ZReturnSummary) }),
      handler: async ({ actor }) => {
        shopperOrderId(actor);
        return { returns: await listReturns(db, { actor }) };
      },
    }),
  ];
}
