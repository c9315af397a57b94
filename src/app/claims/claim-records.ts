// What the claim use cases share: the details a shopper gives for each kind of claim, how a claim and
// its photos become a request for the policy engine, the status an outcome puts a claim in, and the
// view of a claim the portal and the desk show.
import type { Db } from "../../db/database.ts";
import type { Claim, ClaimKind } from "../../db/schema.ts";
import type { Outcome } from "../../domain/codes.ts";
import type { Decision } from "../../domain/decision.ts";
import { AppError, notFound } from "../kernel/errors.ts";
import type { LoadedOrder } from "../orders/load-order.ts";
import { decideOnOrder, type OrderAccess } from "../orders/order-request.ts";

/** The claim kinds as the portal and the API name them (the policy's request types). */
export const CLAIM_TYPES = ["missing_item", "faulty_item", "lost_package", "lost_return"] as const;
export type ClaimType = (typeof CLAIM_TYPES)[number];

export const KIND_OF_TYPE: Readonly<Record<ClaimType, ClaimKind>> = {
  missing_item: "missing",
  faulty_item: "faulty",
  lost_package: "lost_package",
  lost_return: "lost_return",
};

export const EVIDENCE_KINDS = [
  "items_received",
  "parcel",
  "full_item",
  "fault",
  "proof_of_postage",
  "other",
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Which photos make sense for which claim: a fault photo on a missing-item claim is a mistake. */
export const EVIDENCE_FOR: Readonly<Record<ClaimKind, readonly EvidenceKind[]>> = {
  missing: ["items_received", "parcel", "other"],
  faulty: ["full_item", "fault", "other"],
  lost_package: ["parcel", "other"],
  lost_return: ["proof_of_postage", "other"],
};

export type ClaimDetails =
  | {
      readonly kind: "missing";
      readonly missingLineIds: readonly string[];
      readonly parcelDamaged: boolean;
      readonly description: string;
    }
  | {
      readonly kind: "faulty";
      readonly lineId: string;
      readonly quantity: number;
      readonly description: string;
    }
  | { readonly kind: "lost_package"; readonly description: string }
  | {
      readonly kind: "lost_return";
      /** The shopper says they hold tracked proof of postage (a photo of it counts as well). */
      readonly proofOfPostage: boolean;
      readonly trackingNumber: string | null;
      readonly description: string;
    };

/** Shoppers file claims on their own order; agents may file one for a shopper who phoned or wrote. */
export const CLAIM_ACCESS: OrderAccess = { shopper: true, roles: ["admin", "agent"] };

/** Statuses in which a claim still takes photos and is re-judged when one arrives. */
export const OPEN_STATUSES = ["needs_information", "investigating", "awaiting_qc"] as const;

export const MAX_EVIDENCE_PER_CLAIM = 20;

export function parseDetails(claim: Claim): ClaimDetails {
  const raw = JSON.parse(claim.details) as Record<string, unknown>;
  return { ...raw, kind: claim.kind } as ClaimDetails;
}

export type EvidenceCounts = Readonly<Partial<Record<EvidenceKind, number>>>;

export async function evidenceCounts(db: Db, claimId: string): Promise<EvidenceCounts> {
  const rows = await db
    .selectFrom("claim_evidence")
    .select((eb) => ["kind", eb.fn.countAll<number>().as("n")])
    .where("claim_id", "=", claimId)
    .groupBy("kind")
    .execute();
  const counts: Partial<Record<EvidenceKind, number>> = {};
  for (const row of rows) counts[row.kind as EvidenceKind] = Number(row.n);
  return counts;
}

/** The engine's request for a claim with the photos it has so far. */
export function claimRequest(details: ClaimDetails, counts: EvidenceCounts): unknown {
  switch (details.kind) {
    case "missing":
      return {
        type: "missing_item",
        missingLineIds: details.missingLineIds,
        evidence: {
          itemsReceivedPhotos: counts.items_received ?? 0,
          parcelPhotos: counts.parcel ?? 0,
          parcelDamaged: details.parcelDamaged,
        },
      };
    case "faulty":
      return {
        type: "faulty_item",
        lineId: details.lineId,
        description: details.description,
        evidence: { fullItemPhotos: counts.full_item ?? 0, faultPhotos: counts.fault ?? 0 },
      };
    case "lost_package":
      return { type: "lost_package" };
    case "lost_return":
      return {
        type: "lost_return",
        proofOfPostage: details.proofOfPostage || (counts.proof_of_postage ?? 0) > 0,
      };
    default: {
      const never: never = details;
      return never;
    }
  }
}

/** Where an engine outcome leaves a claim: faults wait for quality control, the rest for an agent. */
export function statusFor(kind: ClaimKind, outcome: Outcome): string {
  switch (outcome) {
    case "needs_information":
      return "needs_information";
    case "rejected":
      return "rejected";
    case "approved":
    case "partially_approved":
    case "needs_review":
      return kind === "faulty" ? "awaiting_qc" : "investigating";
    default: {
      const never: never = outcome;
      return never;
    }
  }
}

/**
 * Judges a claim with the photos it has. The moment is when the claim was filed, not when the last
 * photo arrived: a shopper who reported in time does not fall out of the window while uploading.
 */
export function judgeClaim(loaded: LoadedOrder, claim: Claim, counts: EvidenceCounts): Decision {
  return decideOnOrder(loaded, claim.created_at, claimRequest(parseDetails(claim), counts));
}

export async function claimById(db: Db, claimId: string): Promise<Claim> {
  const claim = await db.selectFrom("claims").selectAll().where("id", "=", claimId).executeTakeFirst();
  if (!claim) throw notFound("claim", claimId);
  return claim;
}

export function assertStatus(claim: Claim, allowed: readonly string[], doing: string): void {
  if (!allowed.includes(claim.status)) {
    throw new AppError(
      "CONFLICT",
      `A claim that is ${claim.status.replaceAll("_", " ")} cannot be ${doing}.`,
      {
        status: claim.status,
      },
    );
  }
}

export interface EvidenceView {
  readonly id: string;
  readonly kind: string;
  readonly contentType: string;
  readonly sizeBytes: number;
  readonly createdAt: string;
}

export interface ClaimView {
  readonly id: string;
  readonly orderId: string;
  readonly returnId: string | null;
  readonly type: ClaimType;
  readonly status: string;
  readonly details: ClaimDetails;
  readonly decision: Decision | null;
  readonly qc: { readonly decision: string; readonly notes: string | null } | null;
  readonly resolution: unknown;
  readonly decidedAt: string | null;
  readonly evidence: readonly EvidenceView[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

const TYPE_OF_KIND = Object.fromEntries(
  Object.entries(KIND_OF_TYPE).map(([type, kind]) => [kind, type]),
) as Record<ClaimKind, ClaimType>;

export function toClaimView(claim: Claim, evidence: readonly EvidenceView[]): ClaimView {
  // A claim row always holds the engine's decision; "{}" is only the column's default.
  const parsed = JSON.parse(claim.decision) as Partial<Decision>;
  const decision = parsed.outcome ? (parsed as Decision) : null;
  return {
    id: claim.id,
    orderId: claim.order_id,
    returnId: claim.return_id,
    type: TYPE_OF_KIND[claim.kind],
    status: claim.status,
    details: parseDetails(claim),
    decision,
    qc: claim.qc_decision ? { decision: claim.qc_decision, notes: claim.qc_notes } : null,
    resolution: claim.resolution ? (JSON.parse(claim.resolution) as unknown) : null,
    decidedAt: claim.decided_at,
    evidence,
    createdAt: claim.created_at,
    updatedAt: claim.updated_at,
  };
}

export async function evidenceOf(db: Db, claimIds: readonly string[]): Promise<Map<string, EvidenceView[]>> {
  const byClaim = new Map<string, EvidenceView[]>();
  if (claimIds.length === 0) return byClaim;
  const rows = await db
    .selectFrom("claim_evidence")
    .select(["id", "claim_id", "kind", "content_type", "size_bytes", "created_at"])
    .where("claim_id", "in", claimIds)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  for (const row of rows) {
    const list = byClaim.get(row.claim_id) ?? [];
    list.push({
      id: row.id,
      kind: row.kind,
      contentType: row.content_type,
      sizeBytes: Number(row.size_bytes),
      createdAt: row.created_at,
    });
    byClaim.set(row.claim_id, list);
  }
  return byClaim;
}

export async function claimView(db: Db, claim: Claim): Promise<ClaimView> {
  const evidence = await evidenceOf(db, [claim.id]);
  return toClaimView(claim, evidence.get(claim.id) ?? []);
}

/** What an agent asks for when closing a claim (resolve-claim.ts). */
export type ClaimResolutionInput =
  | { readonly type: "reship"; readonly note?: string | undefined }
  /** Without an amount: the value of what went missing (or the return's quote, or the order). */
  | { readonly type: "refund"; readonly amount?: number | undefined; readonly note?: string | undefined }
  | { readonly type: "decline"; readonly reason: string };

export type ClaimResolution =
  | { readonly type: "reship"; readonly lineIds: readonly string[]; readonly note: string | null }
  | {
      readonly type: "refund";
      readonly amount: number;
      readonly currency: string;
      readonly method: "original_payment";
      /** Handed to the refunds use case so a redelivered event pays once. */
      readonly idempotencyKey: string;
      readonly note: string | null;
    }
  | { readonly type: "decline"; readonly reason: string };
