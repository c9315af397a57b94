import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  IMAGE_BYTES,
  seedClaimOrder,
  shopperActor,
  staffActor,
} from "../../../test/support/claims-test-seed.ts";
import { seedBrand } from "../../../test/support/test-seed.ts";
import type { Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { isAppError } from "../kernel/errors.ts";
import { addClaimEvidence } from "./add-claim-evidence.ts";
import { decideQc } from "./decide-qc.ts";
import { createEvidenceStorage } from "./evidence-storage.ts";
import { fileClaim } from "./file-claim.ts";

const castellaOrder = (brandId: string) => ({
  brandId,
  currency: "USD",
  status: "delivered" as const,
  placedAt: "2026-03-01T10:00:00Z",
  dispatchedAt: "2026-03-02T09:00:00Z",
  deliveredAt: "2026-03-05T12:00:00Z",
  shippingCharged: 800,
  lines: [
    { key: "1", title: "Linen dress", unitPrice: 12000, finalSale: true },
    { key: "2", title: "Bralette", category: "undergarments", unitPrice: 3000 },
  ],
});

describe.each(testDatabases())("quality control on $name", (target) => {
  let store: Store;
  let castellaId: string;
  const dataDir = mkdtempSync(join(tmpdir(), "aftercare-qc-"));
  const storage = createEvidenceStorage({ dataDir });
  beforeAll(async () => {
    store = await target.open();
    castellaId = (await seedBrand(store.db, "castella")).id;
  });
  afterAll(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function faultAwaitingQc() {
    const order = await seedClaimOrder(store.db, castellaOrder(castellaId));
    const shopper = shopperActor(order);
    const filed = await fileClaim(store.db, {
      actor: shopper,
      now: new Date("2026-03-10T15:00:00Z"),
      orderId: order.orderId,
      claim: { type: "faulty_item", lineId: "1", description: "The seam split on first wear." },
    });
    expect(filed.decision.reasons[0]).toMatchObject({ code: "EVIDENCE_REQUIRED", clause: { id: "C-fault" } });
    const photo = await addClaimEvidence(store.db, storage, {
      actor: shopper,
      now: new Date("2026-03-10T15:05:00Z"),
      claimId: filed.claim.id,
      kind: "fault",
      bytes: IMAGE_BYTES.heic,
    });
    expect(photo.claim.status).toBe("awaiting_qc");
    expect(photo.decision.reasons[0]?.code).toBe("QC_APPROVAL_REQUIRED");
    return { order, claimId: filed.claim.id };
  }

  it("approves a fault on a final-sale dress: a return without fee is authorised", async () => {
    const { order, claimId } = await faultAwaitingQc();
    // Decided after the 14-day window: the fault was reported within it, so the return stands.
    const result = await decideQc(store.db, {
      actor: staffActor("warehouse"),
      now: new Date("2026-03-25T09:00:00Z"),
      claimId,
      verdict: "approve",
      notes: "Seam failure visible in the photo.",
    });
    expect(result.claim).toMatchObject({ status: "qc_approved", qc: { decision: "approved" } });
    expect(result.return).toMatchObject({ status: "authorized", kind: "return", quoted_amount: 12000 });
    expect(result.return?.rma_number).toMatch(/^CA-R/);
    expect(result.claim.returnId).toBe(result.return?.id);
    const codes = result.returnDecision?.notices.map((n) => n.code) ?? [];
    expect(codes).toContain("SHIPPING_NOT_REFUNDED");
    expect(codes).not.toContain("RETURN_FEE_DEDUCTED");
    const lines = await store.db
      .selectFrom("return_lines")
      .select(["reason", "outcome", "quantity"])
      .where("return_id", "=", result.return?.id ?? "")
      .execute();
    expect(lines).toEqual([{ reason: "faulty", outcome: "approved", quantity: 1 }]);
    const events = await store.db
      .selectFrom("outbox")
      .select("event_type")
      .where("brand_id", "=", order.brandId)
      .where("event_type", "in", ["claim.qc_approved", "return.authorized"])
      .execute();
    expect(events.map((e) => e.event_type).sort()).toEqual(["claim.qc_approved", "return.authorized"]);
    // Decided once: a second verdict is a conflict, not a second return.
    await expect(
      decideQc(store.db, { actor: staffActor("admin"), now: new Date(), claimId, verdict: "approve" }),
    ).rejects.toSatisfy((e) => isAppError(e, "CONFLICT"));
  });

  it("rejects a fault with its reason, and keeps agents and shoppers out of QC", async () => {
    const { order, claimId } = await faultAwaitingQc();
    await expect(
      decideQc(store.db, { actor: staffActor("agent"), now: new Date(), claimId, verdict: "approve" }),
    ).rejects.toSatisfy((e) => isAppError(e, "FORBIDDEN"));
    await expect(
      decideQc(store.db, { actor: shopperActor(order), now: new Date(), claimId, verdict: "approve" }),
    ).rejects.toSatisfy((e) => isAppError(e, "FORBIDDEN"));
    await expect(
      decideQc(store.db, { actor: staffActor("warehouse"), now: new Date(), claimId, verdict: "reject" }),
    ).rejects.toSatisfy((e) => isAppError(e, "VALIDATION"));
    const result = await decideQc(store.db, {
      actor: staffActor("warehouse"),
      now: new Date("2026-03-12T09:00:00Z"),
      claimId,
      verdict: "reject",
      notes: "The mark is make-up, not a fault in the fabric.",
    });
    expect(result.claim).toMatchObject({
      status: "qc_rejected",
      qc: { decision: "rejected", notes: "The mark is make-up, not a fault in the fabric." },
    });
    expect(result.return).toBeNull();
    const returns = await store.db
      .selectFrom("returns")
      .select("id")
      .where("order_id", "=", order.orderId)
      .execute();
    expect(returns).toHaveLength(0);
    const audit = await store.db
      .selectFrom("audit_log")
      .select(["action", "actor_id"])
      .where("entity_id", "=", claimId)
      .where("action", "=", "claim.qc_rejected")
      .execute();
    expect(audit).toEqual([{ action: "claim.qc_rejected", actor_id: "warehouse-user" }]);
  });

  it("sends a Kallesia fault to QC only with a whole-item photo, a fault photo and a description", async () => {
    const kallesia = await seedBrand(store.db, "kallesia");
    const order = await seedClaimOrder(store.db, { ...castellaOrder(kallesia.id), currency: "GBP" });
    const shopper = shopperActor(order);
    const { claim } = await fileClaim(store.db, {
      actor: shopper,
      now: new Date("2026-04-30T10:00:00Z"),
      orderId: order.orderId,
      claim: { type: "faulty_item", lineId: "2", description: "" },
    });
    const message = claim.decision?.reasons[0]?.message ?? "";
    expect(message).toContain("whole item");
    expect(message).toContain("description");
    const fault = await addClaimEvidence(store.db, storage, {
      actor: shopper,
      now: new Date("2026-04-30T10:01:00Z"),
      claimId: claim.id,
      kind: "fault",
      bytes: IMAGE_BYTES.jpeg,
    });
    const whole = await addClaimEvidence(store.db, storage, {
      actor: shopper,
      now: new Date("2026-04-30T10:02:00Z"),
      claimId: claim.id,
      kind: "full_item",
      bytes: IMAGE_BYTES.jpeg,
    });
    expect(fault.claim.status).toBe("needs_information");
    // Still no description: photos alone do not complete the report.
    expect(whole.claim.status).toBe("needs_information");
    expect(whole.decision.reasons[0]?.message).toContain("description");
  });
});
