import { z } from "zod";
import { REASON_CODES } from "../../domain/codes.ts";

export const ZBrandParams = z.object({ brand: z.string().min(1).max(40) });
export type TBrandParams = z.infer<typeof ZBrandParams>;

const ZClause = z.object({ id: z.string(), quote: z.string() });
const ZFinding = z.object({ code: z.string(), message: z.string(), clause: ZClause.optional() });

/** The decision document (see docs/contract.md); reason codes are listed for readers. */
export const ZDecision = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  outcome: z.enum(["approved", "partially_approved", "needs_review", "needs_information", "rejected"]),
  reasons: z.array(ZFinding).describe(`codes: ${REASON_CODES.join(", ")}`),
  notices: z.array(ZFinding),
  items: z.array(
    z.object({ lineId: z.string(), outcome: z.string(), quantity: z.number(), reasons: z.array(ZFinding) }),
  ),
  resolution: z.object({
    method: z.enum(["refund_original_payment", "store_credit", "exchange", "none"]),
    amount: z.number().int(),
    currency: z.string(),
    breakdown: z.array(
      z.object({ kind: z.string(), lineId: z.string().optional(), amount: z.number().int() }),
    ),
  }),
  timeline: z.object({ deadline: z.string().nullable(), refundExpectedBy: z.string().nullable() }),
});
