// The webhook subscriptions an admin may see, newest first, without their secrets.

import type { Db } from "../../db/database.ts";
import { requireBrand } from "../brands/require-brand.ts";
import type { Actor } from "../kernel/actor.ts";
import {
  actorBrandLimit,
  type PublicWebhookSubscription,
  requireWebhookAdmin,
  toPublicSubscription,
} from "./webhook-subscription-view.ts";

export async function listWebhookSubscriptions(
  db: Db,
  options: { readonly brandSlug?: string },
  actor: Actor,
): Promise<PublicWebhookSubscription[]> {
  requireWebhookAdmin(actor);
  let query = db.selectFrom("webhook_subscriptions").selectAll().orderBy("created_at", "desc").orderBy("id");
  const limit = actorBrandLimit(actor);
  if (limit !== null) query = query.where("brand_id", "=", limit);
  if (options.brandSlug) query = query.where("brand_id", "=", (await requireBrand(db, options.brandSlug)).id);
  return (await query.execute()).map(toPublicSubscription);
}
