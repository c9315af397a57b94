// An admin stores the secret the brand's store platform signs its order webhooks with (the platform
// shows it in its webhook or app settings), or removes it. From then on the order webhook refuses any
// delivery without a matching X-Shopify-Hmac-Sha256; removing it goes back to the API key alone.
// The audit row records that the secret was set or removed, never its value.
import type { Db } from "../../db/database.ts";
import type { Actor } from "../kernel/actor.ts";
import { recordAudit } from "../kernel/audit.ts";
import { AppError } from "../kernel/errors.ts";
import { requireStoreWebhookBrand, type StoreWebhookSecretStatus } from "./get-store-webhook-secret.ts";

export interface SetStoreWebhookSecretOptions {
  readonly brandSlug: string;
  /** The platform's webhook signing secret; null removes it. */
  readonly secret: string | null;
}

/** Printable, no spaces: platform secrets are hex or token strings, and a pasted line break is a mistake. */
const SECRET = /^[\x21-\x7e]{16,256}$/;

export async function setStoreWebhookSecret(
  db: Db,
  options: SetStoreWebhookSecretOptions,
  actor: Actor,
  now: Date,
): Promise<StoreWebhookSecretStatus> {
  const secret = options.secret?.trim() ?? null;
  if (secret !== null && !SECRET.test(secret)) {
    throw new AppError(
      "VALIDATION",
      "the webhook secret must be 16 to 256 printable characters without spaces",
      { field: "secret" },
    );
  }
  const brand = await requireStoreWebhookBrand(db, options.brandSlug, actor);
  const stamp = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom("store_webhook_secrets")
      .select("updated_at")
      .where("brand_id", "=", brand.id)
      .executeTakeFirst();
    const before = { configured: existing !== undefined, updatedAt: existing?.updated_at ?? null };
    if (secret === null) {
      if (!existing) return { brand: brand.slug, ...before };
      await trx.deleteFrom("store_webhook_secrets").where("brand_id", "=", brand.id).execute();
    } else {
      await trx
        .insertInto("store_webhook_secrets")
        .values({ brand_id: brand.id, secret, created_at: stamp, updated_at: stamp })
        .onConflict((oc) => oc.column("brand_id").doUpdateSet({ secret, updated_at: stamp }))
        .execute();
    }
    const after =
      secret === null ? { configured: false, updatedAt: null } : { configured: true, updatedAt: stamp };
    await recordAudit(
      trx,
      actor,
      {
        brandId: brand.id,
        action: secret === null ? "store_webhook_secret.removed" : "store_webhook_secret.set",
        entityType: "brand",
        entityId: brand.id,
        before,
        after,
      },
      now,
    );
    return { brand: brand.slug, ...after };
  });
}
