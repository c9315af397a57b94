// One claim photo, for quality control and agents judging a claim (and for the shopper who sent it).
// The bytes come from the random storage name on the row, never from anything the caller names.
import type { Db } from "../../db/database.ts";
import type { Actor } from "../kernel/actor.ts";
import { notFound } from "../kernel/errors.ts";
import { assertOrderAccess } from "../orders/order-request.ts";
import { claimById } from "./claim-records.ts";
import type { EvidenceStorage } from "./evidence-storage.ts";

export interface ClaimEvidenceFile {
  readonly contentType: string;
  readonly bytes: Buffer;
  readonly sha256: string;
}

export async function getClaimEvidence(
  db: Db,
  storage: EvidenceStorage,
  options: { readonly actor: Actor; readonly claimId: string; readonly evidenceId: string },
): Promise<ClaimEvidenceFile> {
  const claim = await claimById(db, options.claimId);
  assertOrderAccess(
    options.actor,
    { id: claim.order_id, brand_id: claim.brand_id },
    { shopper: true, roles: ["admin", "agent", "warehouse"] },
  );
  const row = await db
    .selectFrom("claim_evidence")
    .select(["storage_name", "content_type", "sha256"])
    .where("id", "=", options.evidenceId)
    .where("claim_id", "=", claim.id)
    .executeTakeFirst();
  if (!row) throw notFound("photo", options.evidenceId);
  return { contentType: row.content_type, bytes: await storage.read(row.storage_name), sha256: row.sha256 };
}
