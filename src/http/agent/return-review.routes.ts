// The desk's answer to a return the policy left to a person: authorise the items in review, or refuse.
import { decideReturnReview } from "../../app/returns/decide-return-review.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute, type RouteSpec } from "../route.ts";
import {
  type TReturnReviewResponse,
  ZReturnReviewBody,
  ZReturnReviewParams,
  ZReturnReviewResponse,
} from "./return-review.schema.ts";

export function returnReviewRoutes(deps: ServerDeps): RouteSpec[] {
  const db = deps.store.db;
  return [
    defineRoute({
      method: "POST",
      url: "/api/v1/desk/returns/:id/decision",
      summary:
        "Approve or refuse a return waiting for review (e.g. a fault on a final-sale item), with a reason",
      tags: ["desk", "returns"],
      access: { kind: "staff", roles: ["agent", "admin"] },
      params: ZReturnReviewParams,
      body: ZReturnReviewBody,
      response: ZReturnReviewResponse,
      handler: async ({ params, body, actor }): Promise<TReturnReviewResponse> => {
        const result = await decideReturnReview(db, {
          actor,
          now: deps.now(),
          returnId: params.id,
          approve: body.approve,
          reason: body.reason,
        });
        return {
          id: result.return.id,
          rma: result.return.rma_number,
          status: result.return.status === "authorized" ? "authorized" : "rejected",
          quotedAmount: result.return.quoted_amount,
          currency: result.return.currency,
          review: { ...result.review, returnLineIds: [...result.review.returnLineIds] },
          authorizedLineIds: [...result.authorizedLineIds],
          packingInstructions: [...result.packingInstructions],
          decision: { ...result.decision },
        };
      },
    }),
  ];
}
