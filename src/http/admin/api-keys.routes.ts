// Admin: API keys for the store's systems.
import { createApiKey, listApiKeys, revokeApiKey } from "../../app/access/api-keys.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute, type RouteSpec } from "../route.ts";
import {
  ZApiKeyList,
  ZApiKeyParams,
  ZApiKeyRow,
  ZCreateApiKeyBody,
  ZCreatedApiKey,
} from "./api-keys.schema.ts";

export function apiKeyRoutes(deps: ServerDeps): RouteSpec[] {
  const db = deps.store.db;
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/admin/api-keys",
      summary: "List API keys (never their secrets)",
      tags: ["admin"],
      access: { kind: "staff", roles: ["admin"] },
      response: ZApiKeyList,
      handler: async ({ actor }) => ({ apiKeys: await listApiKeys(db, actor) }),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/admin/api-keys",
      summary: "Create an API key; the secret is in this answer only",
      tags: ["admin"],
      access: { kind: "staff", roles: ["admin"] },
      body: ZCreateApiKeyBody,
      response: ZCreatedApiKey,
      status: 201,
      handler: async ({ body, actor }) =>
        createApiKey(
          db,
          { name: body.name, brandSlug: body.brand ?? null, scopes: body.scopes },
          actor,
          deps.now(),
        ),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/admin/api-keys/:id/revoke",
      summary: "Revoke an API key; it stops working at once",
      tags: ["admin"],
      access: { kind: "staff", roles: ["admin"] },
      params: ZApiKeyParams,
      response: ZApiKeyRow,
      handler: async ({ params, actor }) => revokeApiKey(db, { id: params.id }, actor, deps.now()),
    }),
  ];
}
