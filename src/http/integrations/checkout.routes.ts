// Checks the store's checkout calls with its API key: customs details per destination, and what a
// discount code takes off a cart.
import { checkCustoms } from "../../app/brands/check-customs.ts";
import { quoteDiscount } from "../../app/discounts/quote-discount.ts";
import type { ServerDeps } from "../deps.ts";
import { ZDecision } from "../public/policy.schema.ts";
import { defineRoute, type RouteSpec } from "../route.ts";
import { ZCustomsCheckBody, ZDiscountQuote, ZDiscountQuoteBody } from "./checkout.schema.ts";

export function checkoutRoutes(deps: ServerDeps): RouteSpec[] {
  const db = deps.store.db;
  return [
    defineRoute({
      method: "POST",
      url: "/api/v1/integrations/customs-check",
      summary:
        "Check the customs details a destination needs (approved, or needs_information saying what is missing or malformed)",
      tags: ["integrations", "checkout"],
      access: { kind: "apiKey" },
      body: ZCustomsCheckBody,
      response: ZDecision,
      handler: async ({ body, actor }) => checkCustoms(db, { actor, now: deps.now(), ...body }),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/integrations/discount-quote",
      summary: "Quote what a discount code takes off a cart, line by line, under the brand's policy",
      tags: ["integrations", "checkout"],
      access: { kind: "apiKey" },
      body: ZDiscountQuoteBody,
      response: ZDiscountQuote,
      handler: async ({ body, actor }) => quoteDiscount(db, { actor, now: deps.now(), ...body }),
    }),
  ];
}
