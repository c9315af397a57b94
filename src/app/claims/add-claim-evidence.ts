// Adds one photo to a claim and judges the claim again with it: the photo that completes what the
// policy asks for moves the claim from "needs information" to investigation or quality control.
// The file is written first and removed again if its row cannot be stored, so a failed upload
// leaves nothing behind on disk.
import type { Db } from "../../db/database.ts";
import { newId } from "../../db/database.ts";
import type { Claim } from "../../db/schema.ts";
import type { Decision } from "../../domain/decision.ts";
import type { Actor } from "../kernel/actor.ts";
import { emitEvent, recordAudit } from "../kernel/audit.ts";
import { AppError } from "../kernel/errors.ts";
import { loadOrderById } from "../orders/load-order.ts";
import { assertOrderAccess, lockOrder } from "../orders/order-request.ts";
import {
  assertStatus,
  CLAIM_ACCESS,
  type ClaimView,
  claimById,
  claimView,
  EVIDENCE_FOR,
  EVIDENCE_KINDS,
  type EvidenceKind,
  evidenceCounts,
  judgeClaim,
  MAX_EVIDENCE_PER_CLAIM,
  OPEN_STATUSES,
  statusFor,
} from "./claim-records.ts";
import type { EvidenceStorage } from "./evidence-storage.ts";

export interface AddClaimEvidenceOptions {
  readonly actor: Actor;
  readonly now: Date;
  readonly claimId: string;
  readonly kind: string;
  readonly bytes: Uint8Array;
  /** Kept for the agent's eyes only; it never becomes part of a path. */
  readonly originalName?: string | undefined;
}

export interface AddClaimEvidenceResult {
  readonly evidenceId: string;
  readonly claim: ClaimView;
  readonly decision: Decision;
}

/**
 * A lost return refused for want of proof of postage can still receive that proof: the policy
 * refuses a refund without it, not a shopper who finds the receipt a day later.
 */
function acceptsEvidence(claim: Claim): readonly string[] {
  return claim.kind === "lost_return" && claim.decided_by === null
    ? [...OPEN_STATUSES, "rejected"]
    : OPEN_STATUSES;
}

function evidenceKind(claim: Claim, kind: string): EvidenceKind {
  const known = EVIDENCE_KINDS.find((k) => k === kind);
  const allowed = EVIDENCE_FOR[claim.kind];
  if (!known || !allowed.includes(known)) {
    throw new AppError("VALIDATION", `Photos for this claim are one of: ${allowed.join(", ")}.`, {
      field: "kind",
      allowed,
    });
  }
  return known;
}

export async function addClaimEvidence(
  db: Db,
  storage: EvidenceStorage,
  options: AddClaimEvidenceOptions,
): Promise<AddClaimEvidenceResult> {
  const { actor, now } = options;
  // Checked before the file is written, so a refused upload never touches the disk.
  const first = await claimById(db, options.claimId);
  assertOrderAccess(actor, { id: first.order_id, brand_id: first.brand_id }, CLAIM_ACCESS);
  const kind = evidenceKind(first, options.kind);
  assertStatus(first, acceptsEvidence(first), "given more photos");

  const file = await storage.save(options.bytes);
  try {
    return await db.transaction().execute(async (trx) => {
      await lockOrder(trx, first.order_id);
      const claim = await claimById(trx, options.claimId);
      assertStatus(claim, acceptsEvidence(claim), "given more photos");
      const before = await evidenceCounts(trx, claim.id);
      const total = Object.values(before).reduce((sum, n) => sum + n, 0);
      if (total >= MAX_EVIDENCE_PER_CLAIM) {
        throw new AppError("CONFLICT", `A claim can hold at most ${MAX_EVIDENCE_PER_CLAIM} photos.`, {
          max: MAX_EVIDENCE_PER_CLAIM,
        });
      }
      const at = now.toISOString();
      const evidenceId = newId();
      await trx
        .insertInto("claim_evidence")
        .values({
          id: evidenceId,
          claim_id: claim.id,
          kind,
          storage_name: file.storageName,
          original_name: options.originalName?.slice(0, 200) ?? null,
          content_type: file.contentType,
          size_bytes: file.sizeBytes,
          sha256: file.sha256,
          created_at: at,
        })
        .execute();
      const loaded = await loadOrderById(trx, claim.order_id);
      const decision = judgeClaim(loaded, claim, { ...before, [kind]: (before[kind] ?? 0) + 1 });
      const status = statusFor(claim.kind, decision.outcome);
      await trx
        .updateTable("claims")
        .set({ status, decision: JSON.stringify(decision), updated_at: at })
        .where("id", "=", claim.id)
        .execute();
      await recordAudit(
        trx,
        actor,
        {
          brandId: claim.brand_id,
          action: "claim.evidence_added",
          entityType: "claim",
          entityId: claim.id,
          before: { status: claim.status },
          after: { status, evidenceId, kind, contentType: file.contentType, sizeBytes: file.sizeBytes },
        },
        now,
      );
      if (status !== claim.status) {
        await emitEvent(
          trx,
          {
            brandId: claim.brand_id,
            type: "claim.status_changed",
            aggregateType: "claim",
            aggregateId: claim.id,
            payload: { claimId: claim.id, orderId: claim.order_id, from: claim.status, to: status, decision },
          },
          now,
        );
      }
      return { evidenceId, claim: await claimView(trx, await claimById(trx, claim.id)), decision };
    });
  } catch (error) {
    await storage.remove(file.storageName);
    throw error;
  }
}
