import { z } from "zod";

export const ZRatingBody = z.object({
  /** The token of the survey email's link (the portal's rate page passes it on). */
  token: z.string().min(10).max(4096),
  score: z.number().int().min(1).max(5),
  comment: z.string().max(2000).optional(),
});
export const ZRatingReceipt = z.object({ caseId: z.string(), score: z.number(), brand: z.string() });
