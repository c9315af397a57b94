import { z } from "zod";
import { CLAIM_TYPES } from "../../app/claims/claim-records.ts";
import { ZClaim } from "../customer/claims.schema.ts";
import { ZDecision } from "../public/policy.schema.ts";

export const ZDeskClaimsQuery = z.object({
  /** Needed by staff who work for every brand; staff of one brand see theirs. */
  brand: z.string().min(1).max(40).optional(),
  status: z.string().min(1).max(40).optional(),
  type: z.enum(CLAIM_TYPES).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});
export type TDeskClaimsQuery = z.infer<typeof ZDeskClaimsQuery>;

export const ZDeskClaimParams = z.object({ id: z.string().min(1).max(100) });
export const ZEvidenceParams = z.object({
  id: z.string().min(1).max(100),
  evidenceId: z.string().min(1).max(100),
});

export const ZQcBody = z.object({
  verdict: z.enum(["approve", "reject"]),
  /** Required to reject: the shopper is told why. */
  notes: z.string().trim().max(4000).optional(),
});
export type TQcBody = z.infer<typeof ZQcBody>;

export const ZResolveClaimBody = z.discriminatedUnion("type", [
  z.object({ type: z.literal("reship"), note: z.string().trim().max(4000).optional() }),
  z.object({
    type: z.literal("refund"),
    /** Minor units; omitted, the value of what went missing. */
    amount: z.number().int().min(1).optional(),
    note: z.string().trim().max(4000).optional(),
  }),
  z.object({ type: z.literal("decline"), reason: z.string().trim().min(1).max(4000) }),
]);
export type TResolveClaimBody = z.infer<typeof ZResolveClaimBody>;

export const ZQcResult = z.object({
  claim: ZClaim,
  return: z
    .object({ id: z.string(), rma_number: z.string(), status: z.string(), quoted_amount: z.number() })
    .passthrough()
    .nullable(),
  returnDecision: ZDecision.nullable(),
});
