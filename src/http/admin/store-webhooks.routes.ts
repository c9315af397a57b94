// Admin: the secret a brand's store platform signs its order webhooks with. It can be stored, replaced
// or removed, and its presence checked; it is never read back.
import { getStoreWebhookSecret } from "../../app/integrations/get-store-webhook-secret.ts";
import { setStoreWebhookSecret } from "../../app/integrations/set-store-webhook-secret.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute, type RouteSpec } from "../route.ts";
import {
  ZSetStoreWebhookSecretBody,
  ZStoreWebhookSecretParams,
  ZStoreWebhookSecretStatus,
} from "./store-webhooks.schema.ts";

const SECRET_PATH = "/api/v1/admin/brands/:brand/store-webhook-secret";

export function storeWebhookRoutes(deps: ServerDeps): RouteSpec[] {
  const db = deps.store.db;
  return [
    defineRoute({
      method: "GET",
      url: SECRET_PATH,
      summary: "Whether the brand's order webhooks must be signed by its store platform (never the secret)",
      tags: ["admin"],
      access: { kind: "staff", roles: ["admin"] },
      params: ZStoreWebhookSecretParams,
      response: ZStoreWebhookSecretStatus,
      handler: ({ params, actor }) => getStoreWebhookSecret(db, { brandSlug: params.brand }, actor),
    }),
    defineRoute({
      method: "PUT",
      url: SECRET_PATH,
      summary:
        "Store or replace the store platform's webhook signing secret; from then on order webhooks need " +
        "a matching X-Shopify-Hmac-Sha256",
      tags: ["admin"],
      access: { kind: "staff", roles: ["admin"] },
      params: ZStoreWebhookSecretParams,
      body: ZSetStoreWebhookSecretBody,
      response: ZStoreWebhookSecretStatus,
      handler: ({ params, body, actor }) =>
        setStoreWebhookSecret(db, { brandSlug: params.brand, secret: body.secret }, actor, deps.now()),
    }),
    defineRoute({
      method: "DELETE",
      url: SECRET_PATH,
      summary: "Remove the webhook signing secret: order webhooks go back to needing an API key",
      tags: ["admin"],
      access: { kind: "staff", roles: ["admin"] },
      params: ZStoreWebhookSecretParams,
      response: ZStoreWebhookSecretStatus,
      handler: ({ params, actor }) =>
        setStoreWebhookSecret(db, { brandSlug: params.brand, secret: null }, actor, deps.now()),
    }),
  ];
}
