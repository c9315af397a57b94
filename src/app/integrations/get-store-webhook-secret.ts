// Whether a brand's order webhooks must be signed by its store platform, for the admin who sets it up.
// The secret itself never leaves the server: the answer says only whether one is stored, and since when.

import type { Db } from "../../db/database.ts";
import type { Brand } from "../../db/schema.ts";
import { requireBrand } from "../brands/require-brand.ts";
import type { Actor } from "../kernel/actor.ts";
import { AppError } from "../kernel/errors.ts";
import { actorBrandLimit, requireWebhookAdmin } from "./webhook-subscription-view.ts";

export interface StoreWebhookSecretStatus {
  readonly brand: string;
  /** True: order webhooks for the brand need a valid X-Shopify-Hmac-Sha256. */
  readonly configured: boolean;
  /** When the current secret was stored; null when there is none. */
  readonly updatedAt: string | null;
}

/** The brand an admin may manage the store webhook secret of: an install admin any, a brand admin theirs. */
export async function requireStoreWebhookBrand(db: Db, slug: string, actor: Actor): Promise<Brand> {
  requireWebhookAdmin(actor);
  const brand = await requireBrand(db, slug);
  const limit = actorBrandLimit(actor);
  if (limit !== null && limit !== brand.id) {
    throw new AppError("FORBIDDEN", "You can only manage webhooks of your own brand.");
  }
  return brand;
}

export async function getStoreWebhookSecret(
  db: Db,
  options: { readonly brandSlug: string },
  actor: Actor,
): Promise<StoreWebhookSecretStatus> {
  const brand = await requireStoreWebhookBrand(db, options.brandSlug, actor);
  const row = await db
    .selectFrom("store_webhook_secrets")
    .select("updated_at")
    .where("brand_id", "=", brand.id)
    .executeTakeFirst();
  return { brand: brand.slug, configured: row !== undefined, updatedAt: row?.updated_at ?? null };
}
