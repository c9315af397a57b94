// Admin: a brand's discount codes.
import { createDiscountCode } from "../../app/discounts/create-discount-code.ts";
import { listDiscountCodes } from "../../app/discounts/list-discount-codes.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute, type RouteSpec } from "../route.ts";
import {
  ZCreateDiscountCodeBody,
  ZDiscountCode,
  ZDiscountCodeList,
  ZDiscountCodesQuery,
} from "./discounts.schema.ts";

export function discountCodeRoutes(deps: ServerDeps): RouteSpec[] {
  const db = deps.store.db;
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/admin/discount-codes",
      summary: "A brand's discount codes, newest first",
      tags: ["admin", "discounts"],
      access: { kind: "staff", roles: ["admin"] },
      query: ZDiscountCodesQuery,
      response: ZDiscountCodeList,
      handler: async ({ query, actor }) => ({
        discountCodes: await listDiscountCodes(db, { actor, brand: query.brand }),
      }),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/admin/discount-codes",
      summary: "Create a discount code (percent or amount, optional validity window and use limit)",
      tags: ["admin", "discounts"],
      access: { kind: "staff", roles: ["admin"] },
      body: ZCreateDiscountCodeBody,
      response: ZDiscountCode,
      status: 201,
      handler: async ({ body, actor }) => createDiscountCode(db, { actor, now: deps.now(), ...body }),
    }),
  ];
}
