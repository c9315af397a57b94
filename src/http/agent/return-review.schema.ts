import { z } from "zod";

export const ZReturnReviewParams = z.object({ id: z.string().min(1).max(64) });
export type TReturnReviewParams = z.infer<typeof ZReturnReviewParams>;

export const ZReturnReviewBody = z.object({
  approve: z.boolean().describe("true authorises the items in review; false refuses the return"),
  reason: z.string().min(1).max(2000).describe("kept in the audit log; shown to the shopper when refused"),
});
export type TReturnReviewBody = z.infer<typeof ZReturnReviewBody>;

export const ZReturnReviewResponse = z.object({
  id: z.string(),
  rma: z.string(),
  status: z.enum(["authorized", "rejected"]),
  quotedAmount: z.number().int().describe("minor units, as the policy quotes it after the decision"),
  currency: z.string(),
  review: z.object({
    decision: z.enum(["approved", "refused"]),
    reason: z.string(),
    by: z.string().nullable(),
    at: z.string(),
    returnLineIds: z.array(z.string()),
  }),
  authorizedLineIds: z.array(z.string()),
  packingInstructions: z.array(z.string()),
  decision: z.object({ outcome: z.string() }).passthrough(),
});
export type TReturnReviewResponse = z.infer<typeof ZReturnReviewResponse>;
