import { z } from "zod";

const ZCondition = z
  .object({
    tagsAttached: z.boolean().nullable(),
    worn: z.boolean().nullable(),
    washed: z.boolean().nullable(),
    perfumeResidue: z.boolean().nullable(),
    originalPackaging: z.boolean().nullable(),
    hygieneStripIntact: z.boolean().nullable(),
  })
  .partial();

export const ZReturnItem = z.object({
  lineId: z.coerce.string().min(1).max(100),
  quantity: z.number().int().min(1).max(1000),
  reason: z.string().min(1).max(200),
  condition: ZCondition.default({}),
  wantedSku: z.string().min(1).max(100).optional(),
});

export const ZQuoteReturnBody = z.object({
  kind: z.enum(["return", "exchange"]).default("return"),
  items: z.array(ZReturnItem).min(1).max(100),
});
export type TQuoteReturnBody = z.infer<typeof ZQuoteReturnBody>;

export const ZStartReturnBody = ZQuoteReturnBody;
export type TStartReturnBody = z.infer<typeof ZStartReturnBody>;

export const ZRmaParams = z.object({ rma: z.string().min(4).max(40) });
export type TRmaParams = z.infer<typeof ZRmaParams>;

export const ZReturnTrackingBody = z.object({
  courier: z.string().min(1).max(100),
  trackingNumber: z.string().min(1).max(100),
  trackingUrl: z.url().max(500).optional(),
});
export type TReturnTrackingBody = z.infer<typeof ZReturnTrackingBody>;

export const ZReturnSummary = z.object({
  id: z.string(),
  rma_number: z.string(),
  kind: z.string(),
  status: z.string(),
  quoted_amount: z.number().int(),
  refund_amount: z.number().int().nullable(),
  currency: z.string(),
  requested_at: z.string(),
});
