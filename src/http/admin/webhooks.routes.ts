// Admin: outbound webhooks, signed deliveries of a brand's events to the store's systems.
import { addWebhookSubscription } from "../../app/integrations/add-webhook-subscription.ts";
import { disableWebhookSubscription } from "../../app/integrations/disable-webhook-subscription.ts";
import { listWebhookSubscriptions } from "../../app/integrations/list-webhook-subscriptions.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute, type RouteSpec } from "../route.ts";
import {
  ZCreatedWebhook,
  ZCreateWebhookBody,
  ZListWebhooksQuery,
  ZWebhookList,
  ZWebhookParams,
  ZWebhookRow,
} from "./webhooks.schema.ts";

export function webhookRoutes(deps: ServerDeps): RouteSpec[] {
  const db = deps.store.db;
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/admin/webhooks",
      summary: "List webhook subscriptions (never their secrets)",
      tags: ["admin"],
      access: { kind: "staff", roles: ["admin"] },
      query: ZListWebhooksQuery,
      response: ZWebhookList,
      handler: async ({ query, actor }) => ({
        webhooks: await listWebhookSubscriptions(db, { brandSlug: query.brand }, actor),
      }),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/admin/webhooks",
      summary: "Subscribe a URL to a brand's events; the signing secret is in this answer only",
      tags: ["admin"],
      access: { kind: "staff", roles: ["admin"] },
      body: ZCreateWebhookBody,
      response: ZCreatedWebhook,
      status: 201,
      handler: async ({ body, actor }) => {
        const { subscription, secret } = await addWebhookSubscription(
          db,
          { brandSlug: body.brand, url: body.url, events: body.events },
          actor,
          deps.now(),
        );
        return { webhook: subscription, secret };
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/admin/webhooks/:id/disable",
      summary: "Stop deliveries to a webhook subscription",
      tags: ["admin"],
      access: { kind: "staff", roles: ["admin"] },
      params: ZWebhookParams,
      response: ZWebhookRow,
      handler: async ({ params, actor }) =>
        disableWebhookSubscription(db, { id: params.id }, actor, deps.now()),
    }),
  ];
}
