// The signed-in shopper's store credit with the brand: balance and the credits behind it.
import { getShopperStoreCredit } from "../../app/money/get-shopper-store-credit.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute, type RouteSpec } from "../route.ts";
import { ZShopperStoreCredit } from "./store-credit.schema.ts";

export function shopperStoreCreditRoutes(deps: ServerDeps): RouteSpec[] {
  const db = deps.store.db;
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/shopper/store-credit",
      summary: "The signed-in shopper's store-credit balance with this brand, and each credit behind it",
      tags: ["shopper", "money"],
      access: { kind: "shopper" },
      response: ZShopperStoreCredit,
      handler: ({ actor }) => getShopperStoreCredit(db, { actor }),
    }),
  ];
}
