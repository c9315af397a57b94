import { z } from "zod";

export const ZCreateWebhookBody = z.object({
  /** The brand whose events are sent. */
  brand: z.string().min(1).max(100),
  url: z.url({ protocol: /^https?$/ }).max(2000),
  /** Event types ("refund.issued"), families ("return.*") or "*"; omitted, every event. */
  events: z.array(z.string().min(1).max(100)).min(1).max(50).optional(),
});
export type TCreateWebhookBody = z.infer<typeof ZCreateWebhookBody>;

export const ZListWebhooksQuery = z.object({ brand: z.string().min(1).max(100).optional() });
export type TListWebhooksQuery = z.infer<typeof ZListWebhooksQuery>;

export const ZWebhookParams = z.object({ id: z.string().min(1).max(100) });
export type TWebhookParams = z.infer<typeof ZWebhookParams>;

export const ZWebhookRow = z.object({
  id: z.string(),
  brand_id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  active: z.boolean(),
  created_at: z.string(),
});

export const ZWebhookList = z.object({ webhooks: z.array(ZWebhookRow) });
export const ZCreatedWebhook = z.object({
  webhook: ZWebhookRow,
  /** Signs each delivery per Standard Webhooks (webhook-signature). Shown this once. */
  secret: z.string(),
});
