// Service levels on a fake clock: due dates in business hours across a weekend and a public holiday for
// both brands, flags as time passes, and the timers (jobs) that raise breaches, close quiet cases, remind
// shoppers about unshipped returns and watch the promised return dates.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedBrand, seedOrder, staff } from "../../../test/support/test-seed.ts";
import { newId, type Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { runNextJob } from "../../jobs/runner.ts";
import { listCases } from "../cases/list-cases.ts";
import { receiveEmailMessage } from "../cases/receive-email-message.ts";
import { replyToCase } from "../cases/reply-to-case.ts";
import { setCaseStatus } from "../cases/set-case-status.ts";
import { relayOutbox } from "../integrations/outbox-relay.ts";
import { addBusinessMinutes, businessMinutesBetween } from "./business-time.ts";
import { caseDueDates } from "./case-service-levels.ts";
import { brandServiceLevels } from "./service-settings.ts";
import { listTimers, SERVICE_LEVEL_JOBS, scheduleServiceTimers } from "./timers.ts";

const iso = (s: string) => new Date(s).toISOString();

describe("business time", () => {
  const london = {
    timeZone: "Europe/London",
    holidays: { country: "GB", region: "ENG" },
    opens: "09:00",
    closes: "17:00",
  };
  it("skips the Christmas bank holidays and the weekend in London", () => {
    // Thursday 24 Dec 15:00: 2 h that day; 25th (Fri) and 28th (Mon, Boxing Day moved) are holidays.
    const due = addBusinessMinutes(new Date("2026-12-24T15:00:00Z"), 8 * 60, london);
    expect(due.toISOString()).toBe(iso("2026-12-29T15:00:00Z"));
    expect(businessMinutesBetween(new Date("2026-12-24T15:00:00Z"), due, london)).toBe(480);
  });
  it("starts counting at opening time when the clock starts at night", () => {
    const due = addBusinessMinutes(new Date("2026-12-23T22:00:00Z"), 60, london);
    expect(due.toISOString()).toBe(iso("2026-12-24T10:00:00Z"));
  });
});

describe.each(testDatabases())("service levels on $name", (target) => {
  let store: Store;
  let kallesia = "";
  let castella = "";
  const jobs = [...SERVICE_LEVEL_JOBS];
  const runDue = async (now: Date) => {
    const kinds: string[] = [];
    for (;;) {
      const r = await runNextJob({ db: store.db, jobs, workerId: "w", now: () => now });
      if (!r) return kinds;
      kinds.push(`${r.job.name}:${r.kind}`);
    }
  };
  const relay = (now: Date) =>
    relayOutbox(store.db, { relayId: "r", now, subscribers: [scheduleServiceTimers] });
  const events = async (type: string) =>
    store.db
      .selectFrom("outbox")
      .select(["aggregate_id", "payload"])
      .where("event_type", "=", type)
      .execute();

  beforeAll(async () => {
    store = await target.open();
    kallesia = (await seedBrand(store.db, "kallesia")).id;
    castella = (
      await seedBrand(store.db, "castella", {
        serviceLevels: {
          opens: "10:00",
          closes: "18:00",
          targets: { lost_parcel: { firstResponseHours: 12, resolutionHours: 24 } },
          autoCloseDays: 3,
          returnReminderDays: 5,
        },
      })
    ).id;
  });
  afterAll(() => store.close());

  it("Castélla's configured targets skip Thanksgiving and the weekend in New York", async () => {
    const levels = await brandServiceLevels(store.db, castella);
    // Wednesday 25 Nov, 15:00 in New York (20:00Z): 3 h that day, Thursday is Thanksgiving, 8 h on
    // Friday, then the weekend: the 12th hour is Monday 30 Nov at 11:00 (16:00Z).
    const due = caseDueDates(levels, "lost_parcel", new Date("2026-11-25T20:00:00Z"));
    expect(due.firstResponseDueAt).toBe(iso("2026-11-30T16:00:00Z"));
    // 24 h: Wed 3 + Fri 8 + Mon 8 + Tue 5 → Tuesday 1 Dec 15:00 New York.
    expect(due.resolutionDueAt).toBe(iso("2026-12-01T20:00:00Z"));
  });

  it("flags a Kallesia case near breach and breached as the fake clock passes Christmas, and fires the timers once", async () => {
    const opened = new Date("2026-12-24T15:00:00Z");
    const mail = await receiveEmailMessage(store.db, {
      brandId: kallesia,
      mailbox: "support",
      from: "ella@example.com",
      fromName: null,
      subject: "Parcel never arrived",
      text: "My parcel has not arrived.",
      messageId: "<sla-1@example.com>",
      inReplyTo: null,
      references: [],
      replyToken: null,
      attachments: [],
      now: opened,
    });
    const row = await store.db
      .selectFrom("support_cases")
      .selectAll()
      .where("id", "=", mail.caseId)
      .executeTakeFirstOrThrow();
    expect(row.request_type).toBe("lost_parcel");
    expect(row.first_response_due_at).toBe(iso("2026-12-29T15:00:00Z"));
    // 40 h: Thu 2, Tue 8, Wed 8, Thu 8, (1 Jan), Mon 8, Tue 6 → Tuesday 5 Jan 15:00.
    expect(row.sla_due_at).toBe(iso("2027-01-05T15:00:00Z"));

    await relay(opened);
    const timers = await listTimers(store.db, { status: "queued" });
    expect(timers.filter((t) => t.kind === "case_target")).toHaveLength(4);

    const flagsAt = async (at: string) => {
      const [c] = await listCases(store.db, {
        actor: staff("admin"),
        brandSlug: "kallesia",
        now: new Date(at),
      });
      return c?.sla;
    };
    expect(await flagsAt("2026-12-28T12:00:00Z")).toMatchObject({ firstResponse: "ok", atRisk: false });
    expect(await flagsAt("2026-12-29T10:00:00Z")).toMatchObject({
      firstResponse: "near_breach",
      atRisk: true,
    });
    expect(await flagsAt("2026-12-29T16:00:00Z")).toMatchObject({ firstResponse: "breached", atRisk: true });
    const atRisk = await listCases(store.db, {
      actor: staff("admin"),
      sla: "at_risk",
      now: new Date("2026-12-29T16:00:00Z"),
    });
    expect(atRisk.map((c) => c.id)).toEqual([mail.caseId]);

    // Nothing fires on Christmas Day; the near-breach timer fires on the 28th, the breach one after 15:00 on the 29th.
    expect(await runDue(new Date("2026-12-25T12:00:00Z"))).toEqual([]);
    expect(await runDue(new Date("2026-12-28T16:00:00Z"))).toEqual(["service.case_target:done"]);
    expect(await runDue(new Date("2026-12-29T15:00:02Z"))).toEqual(["service.case_target:done"]);
    expect((await events("case.sla_near_breach")).map((e) => JSON.parse(e.payload).target)).toEqual([
      "first_response",
    ]);
    expect((await events("case.sla_breached")).map((e) => JSON.parse(e.payload).target)).toEqual([
      "first_response",
    ]);

    // Answered on the 30th: the first response is breached for good, the resolution clock keeps going.
    await replyToCase(store.db, {
      caseId: mail.caseId,
      body: "Looking into it.",
      actor: staff("agent", kallesia),
      now: new Date("2026-12-30T10:00:00Z"),
    });
    expect(await flagsAt("2026-12-30T11:00:00Z")).toMatchObject({
      firstResponse: "breached",
      resolution: "ok",
    });

    // Solved on 4 January: the resolution near-breach timer finds it solved and raises nothing.
    const solvedAt = new Date("2027-01-04T10:00:00Z");
    await setCaseStatus(store.db, {
      caseId: mail.caseId,
      status: "resolved",
      actor: staff("agent", kallesia),
      now: solvedAt,
    });
    expect(await flagsAt("2027-01-04T11:00:00Z")).toMatchObject({ resolution: "met", atRisk: false });
    await relay(solvedAt);
    await runDue(new Date("2027-01-06T00:00:00Z"));
    expect(await events("case.sla_breached")).toHaveLength(1);
    expect(await events("case.sla_near_breach")).toHaveLength(1);

    // Quiet for the default 5 days: closed by the auto-close timer, not before.
    expect(await runDue(new Date("2027-01-09T09:00:00Z"))).toEqual([]);
    expect(await runDue(new Date("2027-01-09T10:00:01Z"))).toEqual(["service.auto_close:done"]);
    const closed = await store.db
      .selectFrom("support_cases")
      .select(["status", "closed_at"])
      .where("id", "=", mail.caseId)
      .executeTakeFirstOrThrow();
    expect(closed).toEqual({ status: "closed", closed_at: iso("2027-01-09T10:00:01Z") });
  });

  it("reminds about an unshipped Castélla return after 5 days and watches Kallesia's inspection promise", async () => {
    const order = await seedOrder(store.db, {
      brandId: castella,
      currency: "USD",
      status: "delivered",
      placedAt: "2026-11-01T10:00:00Z",
      deliveredAt: "2026-11-10T10:00:00Z",
      lines: [{ key: "1", unitPrice: 8500 }],
    });
    const authorisedAt = "2026-11-20T15:00:00.000Z";
    const returnId = newId();
    const base = {
      kind: "return" as const,
      decision: "{}",
      refund_method: "original_payment",
      return_courier: null,
      return_tracking_number: null,
      return_tracking_url: null,
      requested_at: authorisedAt,
      authorized_at: authorisedAt,
      shipped_at: null,
      inspected_at: null,
      closed_at: null,
      created_at: authorisedAt,
      updated_at: authorisedAt,
    };
    await store.db
      .insertInto("returns")
      .values({
        ...base,
        id: returnId,
        brand_id: castella,
        order_id: order.orderId,
        rma_number: "RMA-C-9",
        status: "authorized",
        currency: "USD",
        received_at: null,
      })
      .execute();
    await store.db
      .insertInto("outbox")
      .values({
        id: newId(),
        brand_id: castella,
        event_type: "return.authorized",
        aggregate_type: "return",
        aggregate_id: returnId,
        payload: "{}",
        created_at: authorisedAt,
        published_at: null,
        last_error: null,
      })
      .execute();
    await relay(new Date(authorisedAt));
    expect(await runDue(new Date("2026-11-25T14:59:00Z"))).toEqual([]);
    expect(await runDue(new Date("2026-11-25T15:00:00Z"))).toEqual(["service.return_reminder:done"]);
    expect((await events("return.ship_reminder")).map((e) => e.aggregate_id)).toEqual([returnId]);

    const kOrder = await seedOrder(store.db, {
      brandId: kallesia,
      currency: "GBP",
      status: "delivered",
      placedAt: "2026-12-01T10:00:00Z",
      deliveredAt: "2026-12-05T10:00:00Z",
      lines: [{ key: "1", unitPrice: 5000 }],
    });
    const kReturn = newId();
    const arrived = "2026-12-24T11:00:00.000Z";
    await store.db
      .insertInto("returns")
      .values({
        ...base,
        id: kReturn,
        brand_id: kallesia,
        order_id: kOrder.orderId,
        rma_number: "RMA-K-9",
        status: "received",
        currency: "GBP",
        received_at: arrived,
      })
      .execute();
    await store.db
      .insertInto("outbox")
      .values({
        id: newId(),
        brand_id: kallesia,
        event_type: "return.received",
        aggregate_type: "return",
        aggregate_id: kReturn,
        payload: "{}",
        created_at: arrived,
        published_at: null,
        last_error: null,
      })
      .execute();
    await relay(new Date(arrived));
    const promises = (await listTimers(store.db)).filter((t) => t.kind === "return_promise");
    // The inspection promise ends with Tuesday 12 January (10 working days), the refund with the 26th.
    expect(promises.map((t) => [t.runAt, (t.payload as { stage: string }).stage])).toEqual([
      [iso("2027-01-13T00:00:00Z"), "inspection"],
      [iso("2027-01-27T00:00:00Z"), "refund"],
    ]);
    expect(await runDue(new Date("2027-01-12T23:59:00Z"))).toEqual([]);
    expect(await runDue(new Date("2027-01-13T00:00:00Z"))).toEqual(["service.return_promise:done"]);
    const missed = await events("return.promise_missed");
    expect(missed.map((e) => JSON.parse(e.payload))).toEqual([
      { rma: "RMA-K-9", stage: "inspection", promisedBy: "2027-01-12" },
    ]);
  });
});
