import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staffActor } from "../../../test/support/claims-test-seed.ts";
import { seedBrand } from "../../../test/support/test-seed.ts";
import type { Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { isAppError } from "../kernel/errors.ts";
import { applyCollaboration, normaliseHandle } from "./apply-collaboration.ts";
import { listCollaborations } from "./list-collaborations.ts";
import { reviewCollaboration } from "./review-collaboration.ts";

const now = new Date("2026-03-10T12:00:00Z");
const anonymous = { type: "anonymous" } as const;

describe("normaliseHandle", () => {
  it("strips the @, profile links and case, and refuses what is not a handle", () => {
    expect(normaliseHandle("@Ana.Styles")).toBe("ana.styles");
    expect(normaliseHandle(" https://www.instagram.com/ana.styles/?hl=en ")).toBe("ana.styles");
    expect(normaliseHandle("tiktok.com/@Ana_Styles")).toBe("ana_styles");
    expect(normaliseHandle("@")).toBeNull();
    expect(normaliseHandle("ana styles")).toBeNull();
    expect(normaliseHandle("<script>")).toBeNull();
  });
});

describe.each(testDatabases())("collaborations on $name", (target) => {
  let store: Store;
  let kallesiaId: string;
  beforeAll(async () => {
    store = await target.open();
    kallesiaId = (await seedBrand(store.db, "kallesia")).id;
  });
  afterAll(() => store.close());

  it("keeps one application per brand, platform and handle", async () => {
    const first = await applyCollaboration(store.db, {
      actor: anonymous,
      now,
      brand: "kallesia",
      name: "Ana",
      email: "Ana@Example.com",
      platform: "Instagram",
      handle: "@Ana.Styles",
      message: "I style linen for city summers.",
    });
    expect(first.created).toBe(true);
    expect(first.application).toMatchObject({
      handle: "ana.styles",
      email: "ana@example.com",
      status: "new",
    });
    const again = await applyCollaboration(store.db, {
      actor: anonymous,
      now: new Date("2026-03-11T12:00:00Z"),
      brand: "kallesia",
      name: "Ana S.",
      email: "ana@example.com",
      platform: "Instagram",
      handle: "https://instagram.com/ana.styles",
    });
    expect(again).toMatchObject({ created: false, application: { id: first.application.id, name: "Ana" } });
    const tiktok = await applyCollaboration(store.db, {
      actor: anonymous,
      now,
      brand: "kallesia",
      name: "Ana",
      email: "ana@example.com",
      platform: "TikTok",
      handle: "ana.styles",
    });
    expect(tiktok.created).toBe(true);
    const events = await store.db
      .selectFrom("outbox")
      .select("event_type")
      .where("event_type", "=", "collaboration.applied")
      .execute();
    expect(events).toHaveLength(2);
    await expect(
      applyCollaboration(store.db, {
        actor: anonymous,
        now,
        brand: "kallesia",
        name: "Ana",
        email: "not-an-email",
        platform: "Instagram",
        handle: "x",
      }),
    ).rejects.toSatisfy((e) => isAppError(e, "VALIDATION"));
  });

  it("lets partnerships shortlist then offer, with the reply queued as email", async () => {
    const { application } = await applyCollaboration(store.db, {
      actor: anonymous,
      now,
      brand: "kallesia",
      name: "Bo",
      email: "bo@example.com",
      platform: "Meta",
      handle: "bo.wears",
    });
    const partnerships = staffActor("partnerships", kallesiaId);
    await expect(
      reviewCollaboration(store.db, {
        actor: staffActor("agent"),
        now,
        applicationId: application.id,
        verdict: "offer",
        reply: "Hi",
      }),
    ).rejects.toSatisfy((e) => isAppError(e, "FORBIDDEN"));
    const shortlisted = await reviewCollaboration(store.db, {
      actor: partnerships,
      now,
      applicationId: application.id,
      verdict: "shortlist",
      reply: "Thanks Bo, we would like to know more about your audience.",
    });
    expect(shortlisted.status).toBe("shortlisted");
    const offered = await reviewCollaboration(store.db, {
      actor: partnerships,
      now,
      applicationId: application.id,
      verdict: "offer",
      reply: "We would love to send you the spring collection.",
    });
    expect(offered).toMatchObject({
      status: "offered",
      reply: "We would love to send you the spring collection.",
    });
    await expect(
      reviewCollaboration(store.db, {
        actor: partnerships,
        now,
        applicationId: application.id,
        verdict: "decline",
        reply: "No",
      }),
    ).rejects.toSatisfy((e) => isAppError(e, "CONFLICT"));
    const replies = await store.db
      .selectFrom("outbox")
      .select("payload")
      .where("event_type", "=", "collaboration.replied")
      .where("aggregate_id", "=", application.id)
      .orderBy("created_at")
      .execute();
    expect(replies.map((r) => JSON.parse(r.payload))).toEqual([
      expect.objectContaining({
        verdict: "shortlist",
        to: "bo@example.com",
        from: "collaborations@kallesia.com",
      }),
      expect.objectContaining({ verdict: "offer", status: "offered" }),
    ]);
    const queue = await listCollaborations(store.db, {
      actor: partnerships,
      brand: "kallesia",
      status: "offered",
    });
    expect(queue.map((a) => a.id)).toEqual([application.id]);
    await expect(
      listCollaborations(store.db, { actor: staffActor("warehouse"), brand: "kallesia" }),
    ).rejects.toSatisfy((e) => isAppError(e, "FORBIDDEN"));
  });
});
