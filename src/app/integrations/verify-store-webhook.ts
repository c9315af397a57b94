// Checks that an order webhook really comes from the brand's store platform. The platform signs the
// exact bytes it sends with the secret the brand's admin stored here, and puts the base64 HMAC-SHA256
// in X-Shopify-Hmac-Sha256. A brand that has not stored a secret keeps the API-key check alone, so an
// install that pushes orders through its own middleware goes on working unchanged.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Db } from "../../db/database.ts";

export const STORE_SIGNATURE_HEADER = "x-shopify-hmac-sha256";

/** The header value the store platform sends with `body`: base64 of HMAC-SHA256 keyed by `secret`. */
export function storeWebhookSignature(secret: string, body: Buffer | string): string {
  return createHmac("sha256", secret).update(body).digest("base64");
}

/** Base64 of a 32-byte digest: 43 characters and one pad. Anything else cannot be a signature. */
const SIGNATURE = /^[A-Za-z0-9+/]{43}=$/;

/** Compares the digest bytes in constant time, so a forger learns nothing from how long a no takes. */
export function isStoreWebhookSignature(secret: string, body: Buffer, given: string): boolean {
  const trimmed = given.trim();
  if (!SIGNATURE.test(trimmed)) return false;
  const expected = createHmac("sha256", secret).update(body).digest();
  const presented = Buffer.from(trimmed, "base64");
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

export type StoreWebhookCheck =
  /** The brand stored no secret (or is unknown here): the API key alone decides. */
  | { readonly kind: "unsigned" }
  | { readonly kind: "verified"; readonly brandId: string }
  | { readonly kind: "rejected"; readonly reason: "missing" | "mismatch" };

export interface VerifyStoreWebhookOptions {
  /** The brand named in the webhook URL (?brand=), else the brand of the API key sent with it. */
  readonly brand: { readonly slug: string } | { readonly id: string };
  /** The request body exactly as received: re-serialised JSON would not match the signature. */
  readonly rawBody: Buffer;
  /** The X-Shopify-Hmac-Sha256 header, when sent. */
  readonly signature: string | undefined;
}

export async function verifyStoreWebhook(
  db: Db,
  options: VerifyStoreWebhookOptions,
): Promise<StoreWebhookCheck> {
  let query = db
    .selectFrom("store_webhook_secrets")
    .innerJoin("brands", "brands.id", "store_webhook_secrets.brand_id")
    .select(["store_webhook_secrets.brand_id", "store_webhook_secrets.secret"]);
  query =
    "slug" in options.brand
      ? query.where("brands.slug", "=", options.brand.slug)
      : query.where("brands.id", "=", options.brand.id);
  const row = await query.executeTakeFirst();
  if (!row) return { kind: "unsigned" };
  if (options.signature === undefined) return { kind: "rejected", reason: "missing" };
  return isStoreWebhookSignature(row.secret, options.rawBody, options.signature)
    ? { kind: "verified", brandId: row.brand_id }
    : { kind: "rejected", reason: "mismatch" };
}
