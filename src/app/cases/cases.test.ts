import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db, Store } from "../../db/database.ts";
import { newId } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { addBrand } from "../brands/add-brand.ts";
import type { Actor } from "../kernel/actor.ts";
import { isAppError } from "../kernel/errors.ts";
import { assignCase } from "./assign-case.ts";
import { createCase } from "./create-case.ts";
import { getCase } from "./get-case.ts";
import { listCases } from "./list-cases.ts";
import { replyToCase } from "./reply-to-case.ts";
import { setCaseStatus } from "./set-case-status.ts";

const T0 = new Date("2026-03-10T09:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

async function brandId(db: Db, slug: string): Promise<string> {
  const row = await db.selectFrom("brands").select("id").where("slug", "=", slug).executeTakeFirstOrThrow();
  return row.id;
}

async function seedOrder(db: Db, brand: string, number: string, email: string): Promise<string> {
  const id = newId();
  const now = T0.toISOString();
  await db
    .insertInto("orders")
    .values({
      id,
      brand_id: await brandId(db, brand),
      customer_id: null,
      number,
      email,
      phone: null,
      shipping_country: "US",
      status: "delivered",
      currency: "USD",
      total: 12000,
      policy_version: null,
      placed_at: now,
      dispatched_at: null,
      delivered_at: null,
      cancelled_at: null,
      external_id: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

async function seedStaff(
  db: Db,
  role: "agent" | "admin" | "warehouse",
  brand: string | null,
): Promise<Actor> {
  const id = newId();
  await db
    .insertInto("staff_users")
    .values({
      id,
      email: `${id}@care.example`,
      name: `${role} ${id.slice(0, 4)}`,
      password_hash: "not-a-real-hash",
      role,
      brand_id: brand === null ? null : await brandId(db, brand),
      created_at: T0.toISOString(),
      last_login_at: null,
    })
    .execute();
  return { type: "staff", id, role, brandId: brand === null ? null : await brandId(db, brand) };
}

describe.each(testDatabases())("support cases on $name", (target) => {
  let store: Store;
  let shopper: Actor;
  let otherShopper: Actor;
  let agent: Actor;
  let admin: Actor;
  let warehouse: Actor;
  let otherBrandAgent: Actor;

  beforeAll(async () => {
    store = await target.open();
    await addBrand(store.db, { slug: "north", name: "North" });
    await addBrand(store.db, { slug: "south", name: "South" });
    const northId = await brandId(store.db, "north");
    const orderId = await seedOrder(store.db, "north", "N-100", "ada@example.com");
    const otherOrderId = await seedOrder(store.db, "north", "N-101", "bo@example.com");
    shopper = { type: "shopper", orderId, brandId: northId, email: "ada@example.com" };
    otherShopper = { type: "shopper", orderId: otherOrderId, brandId: northId, email: "bo@example.com" };
    agent = await seedStaff(store.db, "agent", "north");
    admin = await seedStaff(store.db, "admin", null);
    warehouse = await seedStaff(store.db, "warehouse", null);
    otherBrandAgent = await seedStaff(store.db, "agent", "south");
  });
  afterAll(async () => {
    await store.close();
  });

  it("runs a case from the shopper's request to resolution, keeping notes from the shopper", async () => {
    const db = store.db;
    const opened = await createCase(db, {
      brandSlug: "north",
      subject: "Wrong size delivered",
      body: "I ordered a medium and got a large.",
      channel: "portal",
      actor: shopper,
      now: T0,
    });
    expect(opened).toMatchObject({ status: "open", customerEmail: "ada@example.com", channel: "portal" });
    expect(opened.orderId).not.toBeNull();

    await replyToCase(db, {
      caseId: opened.id,
      body: "Customer has ordered this style before; check the batch.",
      internal: true,
      actor: agent,
      now: at(5),
    });
    const afterNote = await getCase(db, { caseId: opened.id, actor: agent });
    expect(afterNote.case.status).toBe("open");
    expect(afterNote.case.firstResponseAt).toBeNull();

    const reply = await replyToCase(db, {
      caseId: opened.id,
      body: "Sorry about that. A replacement medium is on its way.",
      actor: agent,
      now: at(10),
    });
    expect(reply.status).toBe("pending");

    const staffView = await getCase(db, { caseId: opened.id, actor: agent });
    expect(staffView.orderNumber).toBe("N-100");
    expect(staffView.case.firstResponseAt).toBe(at(10).toISOString());
    expect(staffView.messages.map((m) => m.direction)).toEqual(["inbound", "internal", "outbound"]);

    const shopperView = await getCase(db, { caseId: opened.id, actor: shopper });
    expect(shopperView.messages.map((m) => m.body)).toEqual([
      "I ordered a medium and got a large.",
      "Sorry about that. A replacement medium is on its way.",
    ]);
    expect(shopperView.messages.some((m) => m.internal)).toBe(false);

    const back = await replyToCase(db, { caseId: opened.id, body: "Thanks!", actor: shopper, now: at(20) });
    expect(back.status).toBe("open");

    const staffUser = agent.type === "staff" ? agent.id : "";
    const assigned = await assignCase(db, {
      caseId: opened.id,
      assigneeId: staffUser,
      actor: admin,
      now: at(21),
    });
    expect(assigned.assigneeId).toBe(staffUser);

    const resolved = await setCaseStatus(db, {
      caseId: opened.id,
      status: "resolved",
      actor: agent,
      now: at(30),
    });
    expect(resolved).toMatchObject({ status: "resolved", resolvedAt: at(30).toISOString() });

    const audit = await db
      .selectFrom("audit_log")
      .select(["action", "actor_type"])
      .where("entity_id", "=", opened.id)
      .orderBy("created_at")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "case.create",
      "case.note",
      "case.reply",
      "case.customer_message",
      "case.assign",
      "case.status",
    ]);
    const events = await db
      .selectFrom("outbox")
      .select("event_type")
      .where("aggregate_id", "=", opened.id)
      .orderBy("created_at")
      .execute();
    expect(events.map((e) => e.event_type)).toEqual([
      "case.created",
      "case.replied",
      "case.customer_replied",
      "case.assigned",
      "case.resolved",
    ]);
  });

  it("lets a shopper see only the cases about their own order", async () => {
    const db = store.db;
    const theirs = await createCase(db, {
      brandSlug: "north",
      subject: "Parcel late",
      body: "Where is my parcel?",
      channel: "portal",
      actor: otherShopper,
      now: at(40),
    });
    const mine = await listCases(db, { actor: shopper });
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((c) => c.orderId === (shopper.type === "shopper" ? shopper.orderId : ""))).toBe(true);
    expect(mine.every((c) => c.assigneeId === null)).toBe(true);
    await expect(getCase(db, { caseId: theirs.id, actor: shopper })).rejects.toSatisfy((e) =>
      isAppError(e, "NOT_FOUND"),
    );
    await expect(
      replyToCase(db, { caseId: theirs.id, body: "hello", actor: shopper, now: at(41) }),
    ).rejects.toSatisfy((e) => isAppError(e, "NOT_FOUND"));
    await expect(
      replyToCase(db, { caseId: theirs.id, body: "note", internal: true, actor: otherShopper, now: at(41) }),
    ).rejects.toSatisfy((e) => isAppError(e, "FORBIDDEN"));
  });

  it("filters the desk's inbox and keeps each brand's desk to its own cases", async () => {
    const db = store.db;
    const staffCase = await createCase(db, {
      brandSlug: "north",
      subject: "Phone call: address change",
      body: "Called to change the flat number.",
      channel: "phone",
      orderNumber: "N-101",
      priority: "high",
      actor: agent,
      now: at(50),
    });
    expect(staffCase).toMatchObject({ customerEmail: "bo@example.com", priority: "high" });
    const detail = await getCase(db, { caseId: staffCase.id, actor: agent });
    expect(detail.messages[0]).toMatchObject({ direction: "internal", internal: true });

    const openForOrder = await listCases(db, { brandSlug: "north", orderNumber: "N-101", actor: agent });
    expect(openForOrder.map((c) => c.subject).sort()).toEqual(["Parcel late", "Phone call: address change"]);
    const unassigned = await listCases(db, { assigneeId: "none", status: "open", actor: admin });
    expect(unassigned.every((c) => c.assigneeId === null && c.status === "open")).toBe(true);
    expect(unassigned.some((c) => c.id === staffCase.id)).toBe(true);
    const resolved = await listCases(db, { status: "resolved", actor: agent });
    expect(resolved).toHaveLength(1);

    expect(await listCases(db, { actor: otherBrandAgent })).toEqual([]);
    await expect(getCase(db, { caseId: staffCase.id, actor: otherBrandAgent })).rejects.toSatisfy((e) =>
      isAppError(e, "NOT_FOUND"),
    );
    await expect(listCases(db, { actor: warehouse })).rejects.toSatisfy((e) => isAppError(e, "FORBIDDEN"));
    const southAgentId = otherBrandAgent.type === "staff" ? otherBrandAgent.id : "";
    await expect(
      assignCase(db, { caseId: staffCase.id, assigneeId: southAgentId, actor: admin, now: at(51) }),
    ).rejects.toSatisfy((e) => isAppError(e, "VALIDATION"));
  });

  it("reopens a resolved case when the shopper writes again", async () => {
    const db = store.db;
    const opened = await createCase(db, {
      brandSlug: "north",
      subject: "Refund question",
      body: "When will my refund arrive?",
      channel: "portal",
      actor: shopper,
      now: at(60),
    });
    await setCaseStatus(db, { caseId: opened.id, status: "resolved", actor: agent, now: at(61) });
    const again = await replyToCase(db, {
      caseId: opened.id,
      body: "Still nothing.",
      actor: shopper,
      now: at(62),
    });
    expect(again.status).toBe("open");
    const detail = await getCase(db, { caseId: opened.id, actor: agent });
    expect(detail.case.resolvedAt).toBeNull();
  });
});
