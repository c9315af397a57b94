import { z } from "zod";

export const ZStoreWebhookSecretParams = z.object({ brand: z.string().min(1).max(100) });
export type TStoreWebhookSecretParams = z.infer<typeof ZStoreWebhookSecretParams>;

export const ZSetStoreWebhookSecretBody = z.object({
  /** The signing secret from the store platform's webhook settings; never shown again. */
  secret: z.string().trim().min(16).max(256),
});
export type TSetStoreWebhookSecretBody = z.infer<typeof ZSetStoreWebhookSecretBody>;

export const ZStoreWebhookSecretStatus = z.object({
  brand: z.string(),
  /** True: the brand's order webhooks need a valid X-Shopify-Hmac-Sha256. */
  configured: z.boolean(),
  updatedAt: z.string().nullable(),
});
