import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  castellaDelivered,
  seedBrand,
  seedOrder,
  shopperOf,
  staff,
} from "../../../test/support/test-seed.ts";
import type { Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { isAppError } from "../kernel/errors.ts";
import { amendOrder } from "./amend-order.ts";
import { resolveAmendment } from "./resolve-amendment.ts";

const NOW = new Date("2026-03-01T12:00:00.000Z");

describe.each(testDatabases())("amendOrder and resolveAmendment on $name", (target) => {
  let store: Store;
  let castellaId: string;
  let kallesiaId: string;
  beforeAll(async () => {
    store = await target.open();
    castellaId = (await seedBrand(store.db, "castella")).id;
    kallesiaId = (await seedBrand(store.db, "kallesia")).id;
  });
  afterAll(async () => {
    await store.close();
  });

  const placed = (brandId: string) => ({
    ...castellaDelivered(brandId),
    status: "placed" as const,
    dispatchedAt: null,
    deliveredAt: null,
  });

  it("Kallesia: applied at once, with the before and after in the audit log", async () => {
    const order = await seedOrder(store.db, { ...placed(kallesiaId), currency: "GBP" });
    const address = { line1: "2 New Road", city: "Leeds", postcode: "LS1 1AA", country: "GB" };
    const result = await amendOrder(store.db, {
      actor: shopperOf(order, kallesiaId),
      now: NOW,
      orderId: order.orderId,
      changes: { shippingAddress: address, phone: "+44 113 496 0000" },
    });
    expect(result.status).toBe("applied");
    const stored = await store.db
      .selectFrom("orders")
      .selectAll()
      .where("id", "=", order.orderId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.shipping_address)).toEqual(address);
    expect(stored).toMatchObject({ phone: "+44 113 496 0000", shipping_country: "GB" });
    const audit = await store.db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity_id", "=", order.orderId)
      .where("action", "=", "order.amended")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before ?? "{}")).toMatchObject({ phone: "+1 212 555 0100" });
    expect(JSON.parse(audit.after ?? "{}")).toMatchObject({
      phone: "+44 113 496 0000",
      shippingAddress: address,
    });
  });

  it("Castélla: a pending request, applied when the desk approves", async () => {
    const order = await seedOrder(store.db, placed(castellaId));
    const result = await amendOrder(store.db, {
      actor: shopperOf(order, castellaId),
      now: NOW,
      orderId: order.orderId,
      changes: { email: "New.Address@Example.com" },
    });
    expect(result.status).toBe("pending");
    expect(result.decision.reasons[0]?.clause?.id).toBe("C-amend");
    const untouched = await store.db
      .selectFrom("orders")
      .select("email")
      .where("id", "=", order.orderId)
      .executeTakeFirstOrThrow();
    expect(untouched.email).toBe(order.email);
    const resolved = await resolveAmendment(store.db, {
      actor: staff("agent"),
      now: NOW,
      amendmentId: result.amendment.id,
      approve: true,
    });
    expect(resolved.amendment.status).toBe("applied");
    expect(resolved.order.email).toBe("new.address@example.com");
  });

  it("after dispatch: refused, and a warehouse user cannot resolve requests", async () => {
    const order = await seedOrder(store.db, castellaDelivered(kallesiaId));
    const error = await amendOrder(store.db, {
      actor: shopperOf(order, kallesiaId),
      now: NOW,
      orderId: order.orderId,
      changes: { phone: "+44 113 496 0001" },
    }).catch((e: unknown) => e);
    expect(isAppError(error, "VALIDATION")).toBe(true);
    expect(JSON.stringify((error as { details: unknown }).details)).toContain("ALREADY_DISPATCHED");

    const pendingOrder = await seedOrder(store.db, placed(castellaId));
    const { amendment } = await amendOrder(store.db, {
      actor: staff("agent"),
      now: NOW,
      orderId: pendingOrder.orderId,
      changes: { phone: "+1 212 555 0199" },
    });
    const forbidden = await resolveAmendment(store.db, {
      actor: staff("warehouse"),
      now: NOW,
      amendmentId: amendment.id,
      approve: true,
    }).catch((e: unknown) => e);
    expect(isAppError(forbidden, "FORBIDDEN")).toBe(true);
  });
});
