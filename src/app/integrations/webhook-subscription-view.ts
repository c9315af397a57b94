// What admins see of a webhook subscription: everything but the signing secret, which leaves the server
// once, in the answer that creates the subscription.
import type { Selectable } from "kysely";
import type { WebhookSubscriptionsTable } from "../../db/schema.ts";
import type { Actor } from "../kernel/actor.ts";
import { AppError } from "../kernel/errors.ts";

export interface PublicWebhookSubscription {
  readonly id: string;
  readonly brand_id: string;
  readonly url: string;
  readonly events: string[];
  readonly active: boolean;
  readonly created_at: string;
}

export function toPublicSubscription(row: Selectable<WebhookSubscriptionsTable>): PublicWebhookSubscription {
  return {
    id: row.id,
    brand_id: row.brand_id,
    url: row.url,
    events: JSON.parse(row.events) as string[],
    active: row.active === 1,
    created_at: row.created_at,
  };
}

export function requireWebhookAdmin(actor: Actor): void {
  if (actor.type === "system" || (actor.type === "staff" && actor.role === "admin")) return;
  throw new AppError("FORBIDDEN", "Only an admin can manage webhooks.");
}

/** A brand-bound admin works on their own brand's subscriptions only. */
export function actorBrandLimit(actor: Actor): string | null {
  return actor.type === "staff" ? actor.brandId : null;
}
