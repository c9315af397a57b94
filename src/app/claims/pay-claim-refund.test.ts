import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  IMAGE_BYTES,
  type SeededClaimOrder,
  seedClaimOrder,
  shopperActor,
  staffActor,
} from "../../../test/support/claims-test-seed.ts";
import { seedBrand } from "../../../test/support/test-seed.ts";
import type { Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { isAppError } from "../kernel/errors.ts";
import { goodwillRefund } from "../money/goodwill-refund.ts";
import { markPaymentCleared } from "../money/mark-payment-cleared.ts";
import { addClaimEvidence } from "./add-claim-evidence.ts";
import { createEvidenceStorage } from "./evidence-storage.ts";
import { fileClaim } from "./file-claim.ts";
import { claimRefundKey, payClaimRefund } from "./pay-claim-refund.ts";
import { resolveClaim } from "./resolve-claim.ts";

const delivered = {
  currency: "GBP",
  status: "delivered" as const,
  placedAt: "2026-03-01T10:00:00Z",
  dispatchedAt: "2026-03-02T09:00:00Z",
  deliveredAt: "2026-03-05T12:00:00Z",
  lines: [
    { key: "1", title: "Silk scarf", unitPrice: 4500 },
    { key: "2", title: "Wool coat", unitPrice: 18000 },
  ],
};
const day = (d: string) => new Date(`2026-03-${d}T10:00:00Z`);

describe.each(testDatabases())("pay-claim-refund on $name", (target) => {
  let store: Store;
  let brandId = "";
  const dataDir = mkdtempSync(join(tmpdir(), "aftercare-claim-refund-"));
  const storage = createEvidenceStorage({ dataDir, maxBytes: 1024 });
  beforeAll(async () => {
    store = await target.open();
    brandId = (await seedBrand(store.db, "kallesia")).id;
  });
  afterAll(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A missing coat reported with a photo of what came: under investigation. */
  async function investigatedClaim(): Promise<{ order: SeededClaimOrder; claimId: string }> {
    const order = await seedClaimOrder(store.db, { brandId, ...delivered });
    const filed = await fileClaim(store.db, {
      actor: shopperActor(order),
      now: day("08"),
      orderId: order.orderId,
      claim: { type: "missing_item", missingLineIds: ["2"], parcelDamaged: false },
    });
    const photo = await addClaimEvidence(store.db, storage, {
      actor: shopperActor(order),
      now: day("08"),
      claimId: filed.claim.id,
      kind: "items_received",
      bytes: IMAGE_BYTES.jpeg,
    });
    expect(photo.claim.status).toBe("investigating");
    return { order, claimId: filed.claim.id };
  }

  const refundsOf = (orderId: string) =>
    store.db.selectFrom("refunds").selectAll().where("order_id", "=", orderId).execute();

  it("pays the refund in the same transaction that resolves the claim, once", async () => {
    const { order, claimId } = await investigatedClaim();
    await resolveClaim(store.db, {
      actor: staffActor("agent"),
      now: day("10"),
      claimId,
      resolution: { type: "refund", note: "Coat not found in the parcel" },
    });
    const [refund, ...more] = await refundsOf(order.orderId);
    expect(more).toEqual([]);
    expect(refund).toMatchObject({
      claim_id: claimId,
      kind: "refund",
      method: "original_payment",
      amount: 18000,
      currency: "GBP",
      status: "issued",
      idempotency_key: claimRefundKey(claimId),
      issued_by: "agent-user",
      reason: "Coat not found in the parcel",
    });
    const audit = await store.db
      .selectFrom("audit_log")
      .select(["action", "after"])
      .where("entity_id", "=", refund?.id ?? "")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["refund.issued"]);
    expect(JSON.parse(audit[0]?.after ?? "{}").claimId).toBe(claimId);
    const events = await store.db
      .selectFrom("outbox")
      .select("event_type")
      .where("aggregate_id", "=", refund?.id ?? "")
      .execute();
    expect(events.map((e) => e.event_type)).toEqual(["refund.issued"]);

    // A retry (a job replaying the claim.resolved event, a double click) answers the same refund.
    const retries = await Promise.all(
      Array.from({ length: 6 }, () =>
        payClaimRefund(store.db, { actor: staffActor("agent"), now: day("11"), claimId }),
      ),
    );
    expect(retries.every((r) => r.replayed && r.refund.id === refund?.id)).toBe(true);
    expect(await refundsOf(order.orderId)).toHaveLength(1);
  });

  it("pays a resolution recorded before payment was wired in, and never above what is left", async () => {
    const { order, claimId } = await investigatedClaim();
    // A resolution stored without its refund, as claims resolved before this flow existed are.
    await store.db
      .updateTable("claims")
      .set({
        status: "resolved",
        resolution: JSON.stringify({
          type: "refund",
          amount: 18000,
          currency: "GBP",
          method: "original_payment",
          idempotencyKey: claimRefundKey(claimId),
          note: null,
        }),
      })
      .where("id", "=", claimId)
      .execute();
    // Goodwill given since leaves less than the resolution named.
    await goodwillRefund(store.db, {
      actor: staffActor("admin"),
      now: day("10"),
      orderId: order.orderId,
      amount: 10000,
      reason: "Apology for the wait",
      idempotencyKey: `goodwill-${claimId}`,
    });
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () =>
        payClaimRefund(store.db, { actor: staffActor("agent"), now: day("11"), claimId }),
      ),
    );
    const paid = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    expect(paid).toHaveLength(6);
    expect(paid.filter((r) => !r.replayed)).toHaveLength(1);
    const refunds = await refundsOf(order.orderId);
    const forClaim = refunds.filter((r) => r.claim_id === claimId);
    expect(forClaim.map((r) => r.amount)).toEqual([order.total - 10000]);
    expect(refunds.reduce((sum, r) => sum + r.amount, 0)).toBe(order.total);
  });

  it("waits for an e-cheque to clear, then completes with the clearance", async () => {
    const { order, claimId } = await investigatedClaim();
    await store.db
      .updateTable("payments")
      .set({ method: "e_cheque", cleared: 0, cleared_at: null })
      .where("order_id", "=", order.orderId)
      .execute();
    await resolveClaim(store.db, {
      actor: staffActor("agent"),
      now: day("10"),
      claimId,
      resolution: { type: "refund", amount: 18000 },
    });
    const [held] = await refundsOf(order.orderId);
    expect(held).toMatchObject({ status: "pending_clearance", completed_at: null, claim_id: claimId });
    const cleared = await markPaymentCleared(store.db, {
      actor: staffActor("agent"),
      now: day("12"),
      order: { orderId: order.orderId },
    });
    expect(cleared.completedRefunds.map((r) => r.id)).toEqual([held?.id]);
    const [done] = await refundsOf(order.orderId);
    expect(done).toMatchObject({ status: "issued", completed_at: day("12").toISOString() });
  });

  it("refuses claims that were not resolved with a refund, and the wrong people", async () => {
    const { order, claimId } = await investigatedClaim();
    await expect(
      payClaimRefund(store.db, { actor: staffActor("agent"), now: day("10"), claimId }),
    ).rejects.toSatisfy((e) => isAppError(e, "CONFLICT"));
    await resolveClaim(store.db, {
      actor: staffActor("agent"),
      now: day("10"),
      claimId,
      resolution: { type: "reship" },
    });
    await expect(
      payClaimRefund(store.db, { actor: staffActor("agent"), now: day("10"), claimId }),
    ).rejects.toSatisfy((e) => isAppError(e, "CONFLICT"));
    await expect(
      payClaimRefund(store.db, { actor: shopperActor(order), now: day("10"), claimId }),
    ).rejects.toSatisfy((e) => isAppError(e, "FORBIDDEN"));
    await expect(
      payClaimRefund(store.db, { actor: staffActor("warehouse"), now: day("10"), claimId }),
    ).rejects.toSatisfy((e) => isAppError(e, "FORBIDDEN"));
    expect(await refundsOf(order.orderId)).toEqual([]);
  });
});
