// An agent closes a claim the policy left to a person (missing items, a lost parcel, a lost return):
// send the items again, refund, or decline with a reason. A refund is paid in the same transaction
// (pay-claim-refund.ts), under the key named in the resolution, so paying twice is impossible and a
// claim is never marked refunded without its money row; the amount is checked here against what the
// order still has to give back.
import type { Db } from "../../db/database.ts";
import type { Actor } from "../kernel/actor.ts";
import { actorId } from "../kernel/actor.ts";
import { emitEvent, recordAudit } from "../kernel/audit.ts";
import { AppError } from "../kernel/errors.ts";
import { loadOrderById } from "../orders/load-order.ts";
import { assertOrderAccess, lockOrder, paidAndRefunded } from "../orders/order-request.ts";
import {
  assertStatus,
  type ClaimResolution,
  type ClaimResolutionInput,
  type ClaimView,
  claimById,
  claimView,
  parseDetails,
} from "./claim-records.ts";
import { payClaimRefundIn } from "./pay-claim-refund.ts";

export const RESOLVE_ACCESS = { shopper: false, roles: ["admin", "agent"] } as const;

export type { ClaimResolution, ClaimResolutionInput } from "./claim-records.ts";

export interface ResolveClaimOptions {
  readonly actor: Actor;
  readonly now: Date;
  readonly claimId: string;
  readonly resolution: ClaimResolutionInput;
}

export async function resolveClaim(db: Db, options: ResolveClaimOptions): Promise<ClaimView> {
  const { actor, now } = options;
  const input = options.resolution;
  return db.transaction().execute(async (trx) => {
    const first = await claimById(trx, options.claimId);
    await lockOrder(trx, first.order_id);
    const claim = await claimById(trx, options.claimId);
    assertOrderAccess(actor, { id: claim.order_id, brand_id: claim.brand_id }, RESOLVE_ACCESS);
    if (claim.kind === "faulty") {
      throw new AppError("CONFLICT", "Faults are settled by quality control and the return that follows.");
    }
    assertStatus(claim, ["investigating"], "resolved");
    const loaded = await loadOrderById(trx, claim.order_id);
    const details = parseDetails(claim);
    const lines = loaded.policyOrder.lines;

    let resolution: ClaimResolution;
    switch (input.type) {
      case "decline": {
        const reason = input.reason.trim();
        if (!reason) throw new AppError("VALIDATION", "Say why the claim is declined.", { field: "reason" });
        resolution = { type: "decline", reason };
        break;
      }
      case "reship": {
        if (details.kind === "lost_return") {
          throw new AppError("VALIDATION", "A lost return is settled with a refund, not a new parcel.");
        }
        const lineIds = details.kind === "missing" ? details.missingLineIds : lines.map((l) => l.id);
        resolution = { type: "reship", lineIds, note: input.note?.trim() || null };
        break;
      }
      case "refund": {
        let suggested = loaded.order.total;
        if (details.kind === "missing") {
          suggested = lines
            .filter((l) => details.missingLineIds.includes(l.id))
            .reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
        } else if (details.kind === "lost_return" && claim.return_id) {
          const ret = await trx
            .selectFrom("returns")
            .select(["quoted_amount"])
            .where("id", "=", claim.return_id)
            .executeTakeFirstOrThrow();
          suggested = Number(ret.quoted_amount);
        }
        const amount = input.amount ?? suggested;
        const { remaining } = await paidAndRefunded(trx, claim.order_id);
        if (!Number.isInteger(amount) || amount < 1 || amount > remaining) {
          throw new AppError(
            "VALIDATION",
            `The refund must be between 1 and ${remaining} (what the order has left to refund).`,
            { field: "amount", remaining },
          );
        }
        resolution = {
          type: "refund",
          amount,
          currency: loaded.order.currency,
          method: "original_payment",
          idempotencyKey: `claim:${claim.id}:refund`,
          note: input.note?.trim() || null,
        };
        break;
      }
      default: {
        const never: never = input;
        throw new Error(`unhandled resolution ${JSON.stringify(never)}`);
      }
    }

    const at = now.toISOString();
    const status = resolution.type === "decline" ? "declined" : "resolved";
    await trx
      .updateTable("claims")
      .set({
        status,
        resolution: JSON.stringify(resolution),
        decided_by: actorId(actor),
        decided_at: at,
        updated_at: at,
      })
      .where("id", "=", claim.id)
      .execute();
    await recordAudit(
      trx,
      actor,
      {
        brandId: claim.brand_id,
        action: "claim.resolved",
        entityType: "claim",
        entityId: claim.id,
        before: { status: claim.status },
        after: { status, resolution },
      },
      now,
    );
    await emitEvent(
      trx,
      {
        brandId: claim.brand_id,
        type: "claim.resolved",
        aggregateType: "claim",
        aggregateId: claim.id,
        payload: {
          claimId: claim.id,
          orderId: claim.order_id,
          orderNumber: loaded.order.number,
          email: loaded.order.email,
          kind: claim.kind,
          status,
          resolution,
        },
      },
      now,
    );
    if (resolution.type === "refund") {
      await payClaimRefundIn(trx, actor, await claimById(trx, claim.id), resolution, now);
    }
    return claimView(trx, await claimById(trx, claim.id));
  });
}
