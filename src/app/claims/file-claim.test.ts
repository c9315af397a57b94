import { mkdtempSync, readdirSync, rmSync } from "node:fs";
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
import { createEvidenceStorage } from "./evidence-storage.ts";
import { fileClaim } from "./file-claim.ts";
import { listClaims } from "./list-claims.ts";
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

describe.each(testDatabases())("claims on $name", (target) => {
  let store: Store;
  let brandId: string;
  const dataDir = mkdtempSync(join(tmpdir(), "aftercare-claims-"));
  const storage = createEvidenceStorage({ dataDir, maxBytes: 1024 });
  beforeAll(async () => {
    store = await target.open();
    brandId = (await seedBrand(store.db, "kallesia")).id;
  });
  afterAll(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("takes a Kallesia missing-item claim with photos through investigation to a refund decision", async () => {
    const order = await seedClaimOrder(store.db, { brandId, ...delivered });
    const shopper = shopperActor(order);
    const filed = await fileClaim(store.db, {
      actor: shopper,
      now: day("08"),
      orderId: order.orderId,
      claim: { type: "missing_item", missingLineIds: ["2"], parcelDamaged: true },
    });
    // Nothing uploaded yet: the engine lists exactly the photos it still needs, citing the clause.
    expect(filed.claim.status).toBe("needs_information");
    expect(filed.decision.outcome).toBe("needs_information");
    const [why] = filed.decision.reasons;
    expect(why?.code).toBe("EVIDENCE_REQUIRED");
    expect(why?.clause?.id).toBe("K-missing");
    expect(why?.message).toContain("items you received");
    expect(why?.message).toContain("parcel");

    const items = await addClaimEvidence(store.db, storage, {
      actor: shopper,
      now: day("09"),
      claimId: filed.claim.id,
      kind: "items_received",
      bytes: IMAGE_BYTES.jpeg,
      originalName: "../../what-came.jpg",
    });
    expect(items.claim.status).toBe("needs_information");
    expect(items.decision.reasons[0]?.message).toContain("parcel");
    expect(items.decision.reasons[0]?.message).not.toContain("items you received");

    // The last photo arrives after the 7-day window: the claim was reported in time, so it still counts.
    const parcel = await addClaimEvidence(store.db, storage, {
      actor: shopper,
      now: day("13"),
      claimId: filed.claim.id,
      kind: "parcel",
      bytes: IMAGE_BYTES.png,
    });
    expect(parcel.decision.outcome).toBe("needs_review");
    expect(parcel.claim.status).toBe("investigating");
    expect(parcel.claim.evidence.map((e) => e.kind)).toEqual(["items_received", "parcel"]);

    const rows = await store.db
      .selectFrom("claim_evidence")
      .select(["storage_name", "original_name"])
      .where("claim_id", "=", filed.claim.id)
      .execute();
    for (const row of rows) expect(row.storage_name).toMatch(/^[0-9a-f]{32}\.(jpg|png)$/);
    expect(readdirSync(storage.dir)).toEqual(expect.arrayContaining(rows.map((r) => r.storage_name)));

    const desk = await listClaims(store.db, {
      actor: staffActor("agent"),
      brand: "kallesia",
      status: "investigating",
    });
    expect(desk.map((c) => c.id)).toContain(filed.claim.id);

    const resolved = await resolveClaim(store.db, {
      actor: staffActor("agent"),
      now: day("14"),
      claimId: filed.claim.id,
      resolution: { type: "refund" },
    });
    expect(resolved.status).toBe("resolved");
    expect(resolved.resolution).toMatchObject({ type: "refund", amount: 18000, currency: "GBP" });

    const events = await store.db
      .selectFrom("outbox")
      .select(["event_type", "payload"])
      .where("aggregate_id", "=", filed.claim.id)
      .orderBy("created_at")
      .execute();
    expect(events.map((e) => e.event_type)).toEqual([
      "claim.filed",
      "claim.status_changed",
      "claim.resolved",
    ]);
    const payload = JSON.parse(events[2]?.payload ?? "{}");
    expect(payload.resolution).toMatchObject({
      amount: 18000,
      idempotencyKey: `claim:${filed.claim.id}:refund`,
    });
    const audit = await store.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", filed.claim.id)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      "claim.evidence_added",
      "claim.evidence_added",
      "claim.filed",
      "claim.resolved",
    ]);
    // Closed: no second resolution, no more photos.
    await expect(
      resolveClaim(store.db, {
        actor: staffActor("agent"),
        now: day("15"),
        claimId: filed.claim.id,
        resolution: { type: "reship" },
      }),
    ).rejects.toSatisfy((e) => isAppError(e, "CONFLICT"));
  });

  it("rejects a claim reported after the window and one about another shopper's order", async () => {
    const order = await seedClaimOrder(store.db, { brandId, ...delivered });
    const late = await fileClaim(store.db, {
      actor: shopperActor(order),
      now: day("13"),
      orderId: order.orderId,
      claim: { type: "missing_item", missingLineIds: ["1"] },
    });
    expect(late.claim.status).toBe("rejected");
    expect(late.decision.reasons[0]?.code).toBe("CLAIM_WINDOW_EXPIRED");

    const other = await seedClaimOrder(store.db, { brandId, ...delivered });
    await expect(
      fileClaim(store.db, {
        actor: shopperActor(other),
        now: day("08"),
        orderId: order.orderId,
        claim: { type: "lost_package" },
      }),
    ).rejects.toSatisfy((e) => isAppError(e, "FORBIDDEN"));
  });

  it("refuses a text file named .jpg and an oversized photo, leaving no file and no row", async () => {
    const order = await seedClaimOrder(store.db, { brandId, ...delivered });
    const shopper = shopperActor(order);
    const { claim } = await fileClaim(store.db, {
      actor: shopper,
      now: day("08"),
      orderId: order.orderId,
      claim: { type: "faulty_item", lineId: "1", description: "The hem has come undone." },
    });
    const filesBefore = readdirSync(storage.dir).length;
    await expect(
      addClaimEvidence(store.db, storage, {
        actor: shopper,
        now: day("08"),
        claimId: claim.id,
        kind: "fault",
        bytes: new TextEncoder().encode("definitely a photo"),
        originalName: "fault.jpg",
      }),
    ).rejects.toSatisfy((e) => isAppError(e, "VALIDATION"));
    const big = new Uint8Array(2048);
    big.set(IMAGE_BYTES.jpeg);
    await expect(
      addClaimEvidence(store.db, storage, {
        actor: shopper,
        now: day("08"),
        claimId: claim.id,
        kind: "fault",
        bytes: big,
      }),
    ).rejects.toSatisfy(
      (e) => isAppError(e, "VALIDATION") && (e.details as { code: string }).code === "FILE_TOO_LARGE",
    );
    // A photo kind that belongs to another claim type is a mistake the shopper is told about.
    await expect(
      addClaimEvidence(store.db, storage, {
        actor: shopper,
        now: day("08"),
        claimId: claim.id,
        kind: "parcel",
        bytes: IMAGE_BYTES.jpeg,
      }),
    ).rejects.toSatisfy((e) => isAppError(e, "VALIDATION"));
    expect(readdirSync(storage.dir)).toHaveLength(filesBefore);
    const rows = await store.db
      .selectFrom("claim_evidence")
      .select("id")
      .where("claim_id", "=", claim.id)
      .execute();
    expect(rows).toHaveLength(0);
  });

  it("does not open the same problem twice, and lets the shopper list only their own claims", async () => {
    const order = await seedClaimOrder(store.db, { brandId, ...delivered });
    const shopper = shopperActor(order);
    const first = await fileClaim(store.db, {
      actor: shopper,
      now: day("08"),
      orderId: order.orderId,
      claim: { type: "faulty_item", lineId: "2", description: "A button fell off." },
    });
    await expect(
      fileClaim(store.db, {
        actor: shopper,
        now: day("08"),
        orderId: order.orderId,
        claim: { type: "faulty_item", lineId: "2", description: "Again." },
      }),
    ).rejects.toSatisfy(
      (e) => isAppError(e, "CONFLICT") && (e.details as { claimId: string }).claimId === first.claim.id,
    );
    await expect(
      fileClaim(store.db, {
        actor: shopper,
        now: day("08"),
        orderId: order.orderId,
        claim: { type: "missing_item", missingLineIds: ["9"] },
      }),
    ).rejects.toSatisfy((e) => isAppError(e, "VALIDATION"));
    const mine = await listClaims(store.db, { actor: shopper });
    expect(mine.map((c) => c.id)).toEqual([first.claim.id]);
  });

  it("judges a lost return by its proof of postage, which a later photo can supply", async () => {
    const order = await seedClaimOrder(store.db, { brandId, ...delivered });
    const shopper = shopperActor(order);
    const filed = await fileClaim(store.db, {
      actor: shopper,
      now: day("20"),
      orderId: order.orderId,
      claim: { type: "lost_return" },
    });
    expect(filed.claim.status).toBe("rejected");
    expect(filed.decision.reasons[0]?.code).toBe("PROOF_OF_POSTAGE_REQUIRED");
    const proof = await addClaimEvidence(store.db, storage, {
      actor: shopper,
      now: day("21"),
      claimId: filed.claim.id,
      kind: "proof_of_postage",
      bytes: IMAGE_BYTES.webp,
    });
    expect(proof.claim.status).toBe("investigating");
    const declined = await resolveClaim(store.db, {
      actor: staffActor("agent"),
      now: day("22"),
      claimId: filed.claim.id,
      resolution: {
        type: "decline",
        reason: "The courier confirms delivery to the warehouse of another brand.",
      },
    });
    expect(declined.status).toBe("declined");
    await expect(
      resolveClaim(store.db, {
        actor: staffActor("warehouse"),
        now: day("22"),
        claimId: filed.claim.id,
        resolution: { type: "reship" },
      }),
    ).rejects.toSatisfy((e) => isAppError(e, "FORBIDDEN"));
  });

  it("never records a refund above what the order has left to give back", async () => {
    const order = await seedClaimOrder(store.db, { brandId, ...delivered });
    const { claim } = await fileClaim(store.db, {
      actor: staffActor("agent"),
      now: day("06"),
      orderId: order.orderId,
      claim: { type: "lost_package" },
    });
    expect(claim.status).toBe("investigating");
    await expect(
      resolveClaim(store.db, {
        actor: staffActor("agent"),
        now: day("07"),
        claimId: claim.id,
        resolution: { type: "refund", amount: order.total + 1 },
      }),
    ).rejects.toSatisfy((e) => isAppError(e, "VALIDATION"));
    const reship = await resolveClaim(store.db, {
      actor: staffActor("admin"),
      now: day("07"),
      claimId: claim.id,
      resolution: { type: "reship", note: "Sent again by tracked courier." },
    });
    expect(reship.resolution).toMatchObject({ type: "reship", lineIds: ["1", "2"] });
  });
});
