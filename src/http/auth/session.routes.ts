// Signing in: staff (cookie session), shoppers (order number + email, or a mailed link), API key check.

import { getStaffUser } from "../../app/access/get-staff-user.ts";
import { loginStaff } from "../../app/access/login-staff.ts";
import { startShopperSession, startShopperSessionFromLink } from "../../app/access/start-shopper-session.ts";
import { getOrderView } from "../../app/orders/get-order-view.ts";
import { clearStaffSessionCookies, sessionSecretOf, setStaffSessionCookies } from "../auth.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute, type RouteSpec, STAFF_ROLES } from "../route.ts";
import {
  ZApiKeyIdentity,
  ZBrandParams,
  ZShopperLinkBody,
  ZShopperSession,
  ZShopperSessionBody,
  ZStaffLoginBody,
  ZStaffSession,
  ZStaffUser,
} from "./session.schema.ts";

export function sessionRoutes(deps: ServerDeps): RouteSpec[] {
  const db = deps.store.db;
  const secret = sessionSecretOf(deps);
  return [
    defineRoute({
      method: "POST",
      url: "/api/v1/staff/login",
      summary: "Sign a staff member in; sets the session and CSRF cookies",
      tags: ["auth"],
      access: { kind: "public" },
      body: ZStaffLoginBody,
      response: ZStaffSession,
      handler: async ({ body, request, reply }) => {
        const login = await loginStaff(db, { ...body, sessionSecret: secret }, deps.now());
        setStaffSessionCookies(request, reply, login);
        return { user: login.user, csrfToken: login.csrf, expiresAt: login.expiresAt.toISOString() };
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/staff/logout",
      summary: "Sign out: clears the session cookies",
      tags: ["auth"],
      access: { kind: "staff", roles: STAFF_ROLES },
      status: 204,
      handler: async ({ request, reply }) => {
        clearStaffSessionCookies(request, reply);
        return undefined;
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/staff/me",
      summary: "The signed-in staff member",
      tags: ["auth"],
      access: { kind: "staff", roles: STAFF_ROLES },
      response: ZStaffUser,
      handler: async ({ actor }) => getStaffUser(db, actor),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/brands/:brand/shopper-session",
      summary: "Find an order by number and email; returns a session token for that order",
      tags: ["shopper"],
      access: { kind: "public" },
      params: ZBrandParams,
      body: ZShopperSessionBody,
      response: ZShopperSession,
      status: 201,
      handler: async ({ params, body }) => {
        const session = await startShopperSession(
          db,
          {
            brandSlug: params.brand,
            orderNumber: body.orderNumber,
            email: body.email,
            sessionSecret: secret,
          },
          deps.now(),
        );
        return {
          token: session.token,
          expiresAt: session.expiresAt.toISOString(),
          orderNumber: session.orderNumber,
        };
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/brands/:brand/shopper-session/link",
      summary: "Exchange the token of a 'modify order' email link for a session token",
      tags: ["shopper"],
      access: { kind: "public" },
      params: ZBrandParams,
      body: ZShopperLinkBody,
      response: ZShopperSession,
      status: 201,
      handler: async ({ params, body }) => {
        const session = await startShopperSessionFromLink(
          db,
          { brandSlug: params.brand, linkToken: body.token, sessionSecret: secret },
          deps.now(),
        );
        return {
          token: session.token,
          expiresAt: session.expiresAt.toISOString(),
          orderNumber: session.orderNumber,
        };
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/shopper/order",
      summary: "The shopper's order: lines, timeline, shipments with tracking, returns",
      tags: ["shopper"],
      access: { kind: "shopper" },
      handler: async ({ actor }) => {
        if (actor.type !== "shopper") throw new Error("the guard admits shoppers only here");
        return getOrderView(db, { orderId: actor.orderId }, actor);
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/integrations/whoami",
      summary: "Check an API key: the key's id and the brand it acts for",
      tags: ["integrations"],
      access: { kind: "apiKey" },
      response: ZApiKeyIdentity,
      handler: async ({ actor }) => {
        if (actor.type !== "api_key") throw new Error("the guard admits API keys only here");
        return { id: actor.id, brandId: actor.brandId };
      },
    }),
  ];
}
