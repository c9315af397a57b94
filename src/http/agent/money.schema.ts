import { z } from "zod";

export const ZIdParams = z.object({ id: z.string().min(1).max(64) });
export type TIdParams = z.infer<typeof ZIdParams>;

export const ZIdempotencyHeaders = z.object({
  "idempotency-key": z
    .string()
    .min(8)
    .max(200)
    .describe("Repeat a request with the same key to get the first answer"),
});

export const ZStoreCreditBody = z.object({
  amount: z.number().int().min(1).describe("minor units"),
  reason: z.string().min(1).max(500),
  idempotencyKey: z.string().min(8).max(200).optional(),
});
export type TStoreCreditBody = z.infer<typeof ZStoreCreditBody>;

export const ZGoodwillRefundBody = ZStoreCreditBody.extend({
  method: z.enum(["original_payment", "store_credit"]).default("original_payment"),
});
export type TGoodwillRefundBody = z.infer<typeof ZGoodwillRefundBody>;

export const ZResolveBody = z.object({
  approve: z.boolean(),
  note: z.string().max(2000).optional(),
});
export type TResolveBody = z.infer<typeof ZResolveBody>;
