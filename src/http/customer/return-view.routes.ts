// One return as its shopper follows it: each item's answer, a reviewer's reason, the refund, and the
// dates the brand promises in business days.
import { getReturnPromises } from "../../app/returns/return-promises.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute, type RouteSpec } from "../route.ts";
import { ZShopperReturnView, ZShopperRmaParams } from "./return-view.schema.ts";

export function shopperReturnViewRoutes(deps: ServerDeps): RouteSpec[] {
  const db = deps.store.db;
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/shopper/returns/:rma",
      summary: "One return of the signed-in order with its promised inspection and refund dates",
      tags: ["shopper", "returns"],
      access: { kind: "shopper" },
      params: ZShopperRmaParams,
      response: ZShopperReturnView,
      handler: ({ params, actor }) =>
        getReturnPromises(db, { actor, now: deps.now(), rmaNumber: params.rma }),
    }),
  ];
}
