// An admin subscribes a URL to some of a brand's events. The secret that signs every delivery is made
// here and returned once; the receiver keeps it to check the Standard Webhooks signature (webhook-signature).
import { randomBytes } from "node:crypto";
import { type Db, newId } from "../../db/database.ts";
import { requireBrand } from "../brands/require-brand.ts";
import type { Actor } from "../kernel/actor.ts";
import { recordAudit } from "../kernel/audit.ts";
import { AppError } from "../kernel/errors.ts";
import {
  actorBrandLimit,
  type PublicWebhookSubscription,
  requireWebhookAdmin,
  toPublicSubscription,
} from "./webhook-subscription-view.ts";

export interface AddWebhookSubscriptionOptions {
  readonly brandSlug: string;
  readonly url: string;
  /** Exact event types, families ("return.*") or "*"; default everything. */
  readonly events?: readonly string[];
}

export const EVENT_FILTER = /^(\*|[a-z][a-z_]*(\.[a-z][a-z_]*)*(\.\*)?)$/;

export async function addWebhookSubscription(
  db: Db,
  options: AddWebhookSubscriptionOptions,
  actor: Actor,
  now: Date,
): Promise<{ subscription: PublicWebhookSubscription; secret: string }> {
  requireWebhookAdmin(actor);
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new AppError("VALIDATION", "the webhook URL is not a valid URL", { field: "url" });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new AppError("VALIDATION", "the webhook URL must use http or https", { field: "url" });
  }
  const events = [...new Set(options.events?.length ? options.events : ["*"])];
  const bad = events.filter((e) => !EVENT_FILTER.test(e));
  if (bad.length) throw new AppError("VALIDATION", "unknown event filter", { field: "events", values: bad });
  const brand = await requireBrand(db, options.brandSlug);
  const limit = actorBrandLimit(actor);
  if (limit !== null && limit !== brand.id) {
    throw new AppError("FORBIDDEN", "You can only add webhooks for your own brand.");
  }
  const secret = `whsec_${randomBytes(24).toString("base64")}`;
  const row = {
    id: newId(),
    brand_id: brand.id,
    url: url.toString(),
    secret,
    events: JSON.stringify(events),
    active: 1 as const,
    created_at: now.toISOString(),
  };
  const subscription = toPublicSubscription(row);
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("webhook_subscriptions").values(row).execute();
    await recordAudit(
      trx,
      actor,
      {
        brandId: brand.id,
        action: "webhook_subscription.created",
        entityType: "webhook_subscription",
        entityId: row.id,
        after: subscription,
      },
      now,
    );
  });
  return { subscription, secret };
}
