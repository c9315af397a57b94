// What the portal reads before a shopper signs in: the brands of this install with their look, one
// brand's profile (addresses, the return checklist, customs needs), and a customs check of the details
// a shopper is typing, decided by the brand's policy so the form and the order rules never disagree.
import { getBrandProfile, themeOf } from "../../app/brands/brand-profile.ts";
import { checkCustoms } from "../../app/brands/check-customs.ts";
import { listBrands } from "../../app/brands/list-brands.ts";
import { SYSTEM } from "../../app/kernel/actor.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute, type RouteSpec } from "../route.ts";
import { ZBrandListing, ZBrandProfile, ZBrandSlugParams, ZCustomsCheckBody } from "./brands.schema.ts";
import { ZDecision } from "./policy.schema.ts";

export function publicBrandRoutes(deps: ServerDeps): RouteSpec[] {
  const db = deps.store.db;
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/brands",
      summary: "The brands of this install, with their name and theme",
      tags: ["brands"],
      access: { kind: "public" },
      response: ZBrandListing,
      handler: async () => {
        const brands = await listBrands(db);
        return {
          brands: await Promise.all(
            brands.map(async (b) => ({ slug: b.slug, name: b.name, theme: await themeOf(db, b.slug) })),
          ),
        };
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/brands/:brand",
      summary: "One brand's public profile: theme, addresses, return conditions, customs needs",
      tags: ["brands"],
      access: { kind: "public" },
      params: ZBrandSlugParams,
      response: ZBrandProfile,
      handler: async ({ params }) => getBrandProfile(db, params.brand),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/brands/:brand/customs-check",
      summary: "Check the customs details a destination needs (phone, tax id) against the brand's policy",
      tags: ["brands"],
      access: { kind: "public" },
      params: ZBrandSlugParams,
      body: ZCustomsCheckBody,
      response: ZDecision,
      handler: async ({ params, body }) =>
        // A pure rule check that reads no order: the same answer for anyone who asks.
        checkCustoms(db, { actor: SYSTEM, now: deps.now(), brand: params.brand, ...body }),
    }),
  ];
}
