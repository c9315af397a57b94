// Who is sending a store-platform order webhook (access rule `storeWebhook`). The platform cannot add
// our x-api-key header, but it signs each delivery with a secret the brand's admin stores in Aftercare:
//   - the brand is named in the webhook URL (?brand=slug) or, without it, by the API key sent along;
//   - when that brand has a secret, a valid X-Shopify-Hmac-Sha256 over the exact body is required,
//     with or without an API key;
//   - when it has none, the API key alone decides, as before secrets existed.
// A wrong API key is refused even when the signature is right: a credential that is sent must be valid.
import type { FastifyRequest } from "fastify";
import { verifyApiKey } from "../app/access/api-keys.ts";
import { STORE_SIGNATURE_HEADER, verifyStoreWebhook } from "../app/integrations/verify-store-webhook.ts";
import type { Actor } from "../app/kernel/actor.ts";
import { AppError } from "../app/kernel/errors.ts";
import type { ServerDeps } from "./deps.ts";
import { rawBodyOf } from "./route.ts";

/** The actor of a webhook trusted by its signature alone: the store platform, on one brand's behalf. */
export const STORE_WEBHOOK_ACTOR: Actor = { type: "system", id: "store-webhook" };

export async function storeWebhookActor(deps: ServerDeps, request: FastifyRequest): Promise<Actor> {
  const key = request.headers["x-api-key"];
  const keyActor = typeof key === "string" ? await verifyApiKey(deps.store.db, key, deps.now()) : null;
  if (typeof key === "string" && !keyActor) {
    throw new AppError("UNAUTHORIZED", "A valid x-api-key header is required.");
  }
  const named = (request.query as { brand?: unknown } | undefined)?.brand;
  const brand =
    typeof named === "string" && named
      ? { slug: named }
      : keyActor?.brandId
        ? { id: keyActor.brandId }
        : null;
  const header = request.headers[STORE_SIGNATURE_HEADER];
  const check = brand
    ? await verifyStoreWebhook(deps.store.db, {
        brand,
        rawBody: rawBodyOf(request) ?? Buffer.alloc(0),
        signature: typeof header === "string" ? header : undefined,
      })
    : ({ kind: "unsigned" } as const);
  switch (check.kind) {
    case "verified":
      return keyActor ?? STORE_WEBHOOK_ACTOR;
    case "rejected":
      throw new AppError(
        "UNAUTHORIZED",
        check.reason === "missing"
          ? "This brand's order webhooks must be signed: send X-Shopify-Hmac-Sha256."
          : "The X-Shopify-Hmac-Sha256 signature does not match the body.",
      );
    case "unsigned":
      if (!keyActor) throw new AppError("UNAUTHORIZED", "A valid x-api-key header is required.");
      return keyActor;
    default: {
      const never: never = check;
      throw new Error(`unknown webhook check ${JSON.stringify(never)}`);
    }
  }
}
