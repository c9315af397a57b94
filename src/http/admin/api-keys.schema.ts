import { z } from "zod";

export const ZCreateApiKeyBody = z.object({
  name: z.string().trim().min(1).max(200),
  /** Limit the key to one brand; omitted, it acts for every brand. */
  brand: z.string().min(1).max(100).optional(),
  scopes: z.array(z.string().min(1).max(100)).max(50).optional(),
});
export type TCreateApiKeyBody = z.infer<typeof ZCreateApiKeyBody>;

export const ZApiKeyParams = z.object({ id: z.string().min(1).max(100) });
export type TApiKeyParams = z.infer<typeof ZApiKeyParams>;

export const ZApiKeyRow = z.object({
  id: z.string(),
  brand_id: z.string().nullable(),
  name: z.string(),
  key_prefix: z.string(),
  scopes: z.array(z.string()),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});

export const ZApiKeyList = z.object({ apiKeys: z.array(ZApiKeyRow) });
export const ZCreatedApiKey = z.object({
  apiKey: ZApiKeyRow,
  /** The key to send in x-api-key. Shown this once; only its hash is kept. */
  secret: z.string(),
});
