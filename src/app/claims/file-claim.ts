// Files a claim about a stored order: items missing from the parcel, a faulty item, a parcel that never
// arrived, or a return that never reached the warehouse. The engine judges it with the photos it has
// (none yet, when the shopper uploads them after filing), and the decision is stored with the claim so
// the shopper sees exactly what is still missing and on which clause it rests.
import type { Db } from "../../db/database.ts";
import { newId } from "../../db/database.ts";
import type { Decision } from "../../domain/decision.ts";
import type { Actor } from "../kernel/actor.ts";
import { emitEvent, recordAudit } from "../kernel/audit.ts";
import { AppError } from "../kernel/errors.ts";
import { loadOrderById } from "../orders/load-order.ts";
import { assertOrderAccess, lockOrder } from "../orders/order-request.ts";
import {
  CLAIM_ACCESS,
  type ClaimDetails,
  type ClaimView,
  claimById,
  claimView,
  judgeClaim,
  KIND_OF_TYPE,
  OPEN_STATUSES,
  statusFor,
} from "./claim-records.ts";

export type FileClaimInput =
  | {
      readonly type: "missing_item";
      readonly missingLineIds: readonly string[];
      readonly parcelDamaged?: boolean | undefined;
      readonly description?: string | undefined;
    }
  | {
      readonly type: "faulty_item";
      readonly lineId: string;
      readonly quantity?: number | undefined;
      readonly description: string;
    }
  | { readonly type: "lost_package"; readonly description?: string | undefined }
  | {
      readonly type: "lost_return";
      /** The return that went missing, when the shopper started it in Aftercare. */
      readonly returnId?: string | undefined;
      readonly proofOfPostage?: boolean | undefined;
      readonly trackingNumber?: string | undefined;
      readonly description?: string | undefined;
    };

export interface FileClaimOptions {
  readonly actor: Actor;
  readonly now: Date;
  readonly orderId: string;
  readonly claim: FileClaimInput;
}

export interface FileClaimResult {
  readonly claim: ClaimView;
  readonly decision: Decision;
}

function detailsOf(input: FileClaimInput): ClaimDetails {
  const description = (input.description ?? "").trim();
  switch (input.type) {
    case "missing_item":
      return {
        kind: "missing",
        missingLineIds: [...new Set(input.missingLineIds)],
        parcelDamaged: input.parcelDamaged ?? false,
        description,
      };
    case "faulty_item":
      return { kind: "faulty", lineId: input.lineId, quantity: input.quantity ?? 1, description };
    case "lost_package":
      return { kind: "lost_package", description };
    case "lost_return":
      return {
        kind: "lost_return",
        proofOfPostage: input.proofOfPostage ?? false,
        trackingNumber: input.trackingNumber?.trim() || null,
        description,
      };
    default: {
      const never: never = input;
      return never;
    }
  }
}

export async function fileClaim(db: Db, options: FileClaimOptions): Promise<FileClaimResult> {
  const { actor, now, orderId } = options;
  const kind = KIND_OF_TYPE[options.claim.type];
  const details = detailsOf(options.claim);
  return db.transaction().execute(async (trx) => {
    // One claim at a time per order, so a double-submitted form cannot open two investigations.
    await lockOrder(trx, orderId);
    const loaded = await loadOrderById(trx, orderId);
    assertOrderAccess(actor, loaded.order, CLAIM_ACCESS);
    const { order } = loaded;

    if (details.kind === "faulty") {
      const line = loaded.policyOrder.lines.find((l) => l.id === details.lineId);
      if (line && (details.quantity < 1 || details.quantity > line.quantity)) {
        throw new AppError("VALIDATION", `Between 1 and ${line.quantity} of this item can be reported.`, {
          field: "quantity",
        });
      }
    }
    let returnId: string | null = null;
    if (options.claim.type === "lost_return" && options.claim.returnId) {
      const ret = await trx
        .selectFrom("returns")
        .select(["id"])
        .where("id", "=", options.claim.returnId)
        .where("order_id", "=", order.id)
        .executeTakeFirst();
      if (!ret)
        throw new AppError("VALIDATION", "That return does not belong to this order.", { field: "returnId" });
      returnId = ret.id;
    }

    const open = await trx
      .selectFrom("claims")
      .select(["id", "details"])
      .where("order_id", "=", order.id)
      .where("kind", "=", kind)
      .where("status", "in", [...OPEN_STATUSES])
      .execute();
    const duplicate = open.find(
      (c) =>
        details.kind !== "faulty" || (JSON.parse(c.details) as { lineId?: string }).lineId === details.lineId,
    );
    if (duplicate) {
      throw new AppError(
        "CONFLICT",
        "This problem has already been reported; add photos to the open claim.",
        {
          claimId: duplicate.id,
        },
      );
    }

    const at = now.toISOString();
    const id = newId();
    const { kind: _kind, ...stored } = details;
    const row = {
      id,
      brand_id: order.brand_id,
      order_id: order.id,
      return_id: returnId,
      kind,
      status: "needs_information",
      details: JSON.stringify(stored),
      qc_decision: null,
      qc_notes: null,
      decided_by: null,
      decided_at: null,
      created_at: at,
      updated_at: at,
    };
    // A new claim has no photos yet; the engine says which it needs.
    const decision = judgeClaim(loaded, { ...row, decision: "{}", resolution: null }, {});
    const status = statusFor(kind, decision.outcome);
    await trx
      .insertInto("claims")
      .values({ ...row, status, decision: JSON.stringify(decision) })
      .execute();
    await recordAudit(
      trx,
      actor,
      {
        brandId: order.brand_id,
        action: "claim.filed",
        entityType: "claim",
        entityId: id,
        after: { kind, status, details: stored, outcome: decision.outcome },
      },
      now,
    );
    await emitEvent(
      trx,
      {
        brandId: order.brand_id,
        type: "claim.filed",
        aggregateType: "claim",
        aggregateId: id,
        payload: {
          claimId: id,
          orderId: order.id,
          orderNumber: order.number,
          email: order.email,
          kind,
          status,
          decision,
        },
      },
      now,
    );
    return { claim: await claimView(trx, await claimById(trx, id)), decision };
  });
}
