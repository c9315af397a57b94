// Stops deliveries to a subscriber: nothing new is queued for it, and deliveries already queued are
// dropped when their turn comes. Disabling twice is harmless.
import type { Db } from "../../db/database.ts";
import type { Actor } from "../kernel/actor.ts";
import { recordAudit } from "../kernel/audit.ts";
import { notFound } from "../kernel/errors.ts";
import {
  actorBrandLimit,
  type PublicWebhookSubscription,
  requireWebhookAdmin,
  toPublicSubscription,
} from "./webhook-subscription-view.ts";

export async function disableWebhookSubscription(
  db: Db,
  options: { readonly id: string },
  actor: Actor,
  now: Date,
): Promise<PublicWebhookSubscription> {
  requireWebhookAdmin(actor);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("webhook_subscriptions")
      .selectAll()
      .where("id", "=", options.id)
      .executeTakeFirst();
    const limit = actorBrandLimit(actor);
    // Another brand's subscription is reported as missing, so its ids leak nothing.
    if (!row || (limit !== null && row.brand_id !== limit))
      throw notFound("webhook subscription", options.id);
    if (row.active === 0) return toPublicSubscription(row);
    const disabled = { ...row, active: 0 as const };
    await trx.updateTable("webhook_subscriptions").set({ active: 0 }).where("id", "=", row.id).execute();
    await recordAudit(
      trx,
      actor,
      {
        brandId: row.brand_id,
        action: "webhook_subscription.disabled",
        entityType: "webhook_subscription",
        entityId: row.id,
        before: toPublicSubscription(row),
        after: toPublicSubscription(disabled),
      },
      now,
    );
    return toPublicSubscription(disabled);
  });
}
