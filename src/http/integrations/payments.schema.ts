import { z } from "zod";

export const ZPaymentOrderNumberParams = z.object({ number: z.string().min(1).max(100) });
export type TPaymentOrderNumberParams = z.infer<typeof ZPaymentOrderNumberParams>;

export const ZPaymentOrderIdParams = z.object({ id: z.string().min(1).max(64) });
export type TPaymentOrderIdParams = z.infer<typeof ZPaymentOrderIdParams>;

export const ZPaymentClearedBody = z.object({
  clearedAt: z.iso
    .datetime({ offset: true })
    .optional()
    .describe("when the bank cleared the payment; defaults to now"),
});
export type TPaymentClearedBody = z.infer<typeof ZPaymentClearedBody>;

export const ZIntegrationPaymentClearedBody = ZPaymentClearedBody.extend({
  brand: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe("brand slug; needed only by a key that serves every brand"),
});
export type TIntegrationPaymentClearedBody = z.infer<typeof ZIntegrationPaymentClearedBody>;

export const ZPaymentClearedResponse = z.object({
  orderId: z.string(),
  orderNumber: z.string(),
  clearedPaymentIds: z.array(z.string()),
  completedRefunds: z.array(
    z.object({
      id: z.string(),
      amount: z.number().int(),
      currency: z.string(),
      method: z.string(),
      status: z.string(),
    }),
  ),
  alreadyCleared: z.boolean().describe("true when this repeated an earlier report: nothing changed"),
});
export type TPaymentClearedResponse = z.infer<typeof ZPaymentClearedResponse>;
