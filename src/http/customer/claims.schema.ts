import { z } from "zod";
import { EVIDENCE_KINDS } from "../../app/claims/claim-records.ts";
import { ZDecision } from "../public/policy.schema.ts";

const ZLineKey = z.coerce.string().trim().min(1).max(100);
const ZDescription = z.string().trim().max(4000).optional();

/** One claim about the signed-in order; `kind` names the problem, the other fields describe it. */
export const ZFileClaimBody = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("missing_item"),
    missingLineIds: z.array(ZLineKey).min(1).max(100),
    parcelDamaged: z.boolean().optional(),
    description: ZDescription,
  }),
  z.object({
    kind: z.literal("faulty_item"),
    lineId: ZLineKey,
    quantity: z.number().int().min(1).max(1000).optional(),
    description: z.string().trim().min(1).max(4000),
  }),
  z.object({ kind: z.literal("lost_package"), description: ZDescription }),
  z.object({
    kind: z.literal("lost_return"),
    returnId: z.string().min(1).max(100).optional(),
    proofOfPostage: z.boolean().optional(),
    trackingNumber: z.string().trim().max(100).optional(),
    description: ZDescription,
  }),
]);
export type TFileClaimBody = z.infer<typeof ZFileClaimBody>;

export const ZClaimParams = z.object({ id: z.string().min(1).max(100) });
export type TClaimParams = z.infer<typeof ZClaimParams>;

/** The photo's kind may come as `?kind=` or as a form field sent before the file. */
export const ZEvidenceQuery = z.object({ kind: z.enum(EVIDENCE_KINDS).optional() });
export type TEvidenceQuery = z.infer<typeof ZEvidenceQuery>;

export const ZEvidence = z.object({
  id: z.string(),
  kind: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  createdAt: z.string(),
});

export const ZClaim = z.object({
  id: z.string(),
  orderId: z.string(),
  returnId: z.string().nullable(),
  type: z.enum(["missing_item", "faulty_item", "lost_package", "lost_return"]),
  status: z
    .string()
    .describe(
      "needs_information, investigating, awaiting_qc, qc_approved, qc_rejected, resolved, declined or rejected",
    ),
  details: z.record(z.string(), z.unknown()),
  decision: ZDecision.nullable(),
  qc: z.object({ decision: z.string(), notes: z.string().nullable() }).nullable(),
  resolution: z.unknown(),
  decidedAt: z.string().nullable(),
  evidence: z.array(ZEvidence),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ZClaimList = z.object({ claims: z.array(ZClaim) });
export const ZFiledClaim = z.object({ claim: ZClaim, decision: ZDecision });
export const ZAddedEvidence = z.object({ evidenceId: z.string(), claim: ZClaim, decision: ZDecision });
