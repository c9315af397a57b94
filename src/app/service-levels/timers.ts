// Service-level timers as jobs, so they survive restarts and fire once however many workers run:
// - a case's first-response and resolution targets: near breach and breach raise events for the desk;
// - a return's promised dates (inspection, refund) from the brand's timeline: a missed one raises an event;
// - an authorised return not shipped after `returnReminderDays`: the shopper is reminded by email;
// - a solved case that stays quiet for `autoCloseDays`: it is closed.
// The timers are scheduled by an outbox subscriber when the events that start them are published.
import { z } from "zod";
import type { Db } from "../../db/database.ts";
import { addDays } from "../../domain/calendar.ts";
import { defineJob } from "../../jobs/definition.ts";
import { enqueue } from "../../jobs/queue.ts";
import { SYSTEM } from "../kernel/actor.ts";
import { emitEvent, recordAudit } from "../kernel/audit.ts";
import { loadOrderById } from "../orders/load-order.ts";
import { promiseDates } from "../returns/return-promises.ts";
import { zonedInstant } from "./business-time.ts";
import { brandServiceLevels } from "./service-settings.ts";

const ZCaseCheck = z.object({
  caseId: z.string(),
  target: z.enum(["first_response", "resolution"]),
  level: z.enum(["near_breach", "breached"]),
  dueAt: z.string(),
});

export const caseTargetJob = defineJob({
  name: "service.case_target",
  version: 1,
  payload: ZCaseCheck,
  async handler(p, ctx) {
    const c = await ctx.db
      .selectFrom("support_cases")
      .selectAll()
      .where("id", "=", p.caseId)
      .executeTakeFirst();
    if (!c) return;
    const due = p.target === "first_response" ? c.first_response_due_at : c.sla_due_at;
    const done = p.target === "first_response" ? c.first_response_at : c.resolved_at;
    // Answered in time, or the due date moved since the timer was set: nothing to raise.
    if (done !== null || due !== p.dueAt || c.status === "closed") return;
    await emitEvent(
      ctx.db,
      {
        brandId: c.brand_id,
        type: p.level === "breached" ? "case.sla_breached" : "case.sla_near_breach",
        aggregateType: "support_case",
        aggregateId: c.id,
        payload: { caseId: c.id, target: p.target, dueAt: p.dueAt, requestType: c.request_type },
      },
      ctx.now,
    );
  },
});

const ZReturnPromise = z.object({
  returnId: z.string(),
  stage: z.enum(["inspection", "refund"]),
  by: z.string(),
});

export const returnPromiseJob = defineJob({
  name: "service.return_promise",
  version: 1,
  payload: ZReturnPromise,
  async handler(p, ctx) {
    const ret = await ctx.db
      .selectFrom("returns")
      .selectAll()
      .where("id", "=", p.returnId)
      .executeTakeFirst();
    if (!ret) return;
    const kept =
      p.stage === "inspection"
        ? ret.inspected_at !== null || ret.status === "rejected"
        : (await ctx.db
            .selectFrom("refunds")
            .select("id")
            .where("return_id", "=", ret.id)
            .executeTakeFirst()) !== undefined || ret.status === "rejected";
    if (kept) return;
    await emitEvent(
      ctx.db,
      {
        brandId: ret.brand_id,
        type: "return.promise_missed",
        aggregateType: "return",
        aggregateId: ret.id,
        payload: { rma: ret.rma_number, stage: p.stage, promisedBy: p.by },
      },
      ctx.now,
    );
  },
});

export const returnReminderJob = defineJob({
  name: "service.return_reminder",
  version: 1,
  payload: z.object({ returnId: z.string() }),
  async handler(p, ctx) {
    const ret = await ctx.db
      .selectFrom("returns")
      .selectAll()
      .where("id", "=", p.returnId)
      .executeTakeFirst();
    if (ret?.status !== "authorized" || ret.shipped_at !== null || ret.return_tracking_number !== null)
      return;
    // The email subscriber turns this event into the reminder to the shopper.
    await emitEvent(
      ctx.db,
      {
        brandId: ret.brand_id,
        type: "return.ship_reminder",
        aggregateType: "return",
        aggregateId: ret.id,
        payload: { rma: ret.rma_number, authorizedAt: ret.authorized_at },
      },
      ctx.now,
    );
  },
});

export const autoCloseJob = defineJob({
  name: "service.auto_close",
  version: 1,
  payload: z.object({ caseId: z.string(), resolvedAt: z.string() }),
  async handler(p, ctx) {
    const at = ctx.now.toISOString();
    await ctx.db.transaction().execute(async (trx) => {
      const c = await trx
        .selectFrom("support_cases")
        .selectAll()
        .where("id", "=", p.caseId)
        .executeTakeFirst();
      // Reopened, or resolved again later (a newer timer owns it).
      if (c?.status !== "resolved" || c.resolved_at !== p.resolvedAt) return;
      await trx
        .updateTable("support_cases")
        .set({ status: "closed", closed_at: at, updated_at: at })
        .where("id", "=", c.id)
        .where("status", "=", "resolved")
        .execute();
      await recordAudit(
        trx,
        SYSTEM,
        {
          brandId: c.brand_id,
          action: "case.auto_close",
          entityType: "support_case",
          entityId: c.id,
          before: { status: "resolved" },
          after: { status: "closed" },
        },
        ctx.now,
      );
      await emitEvent(
        trx,
        {
          brandId: c.brand_id,
          type: "case.closed",
          aggregateType: "support_case",
          aggregateId: c.id,
          payload: { caseId: c.id, automatic: true },
        },
        ctx.now,
      );
    });
  },
});

export const SERVICE_LEVEL_JOBS = [caseTargetJob, returnPromiseJob, returnReminderJob, autoCloseJob] as const;

interface TimerEvent {
  readonly id: string;
  readonly brandId: string | null;
  readonly type: string;
  readonly aggregateId: string;
}

/** The end of a promised day in the brand's zone: the promise is kept if done by then. */
function endOfDay(date: string, timeZone: string): Date {
  return zonedInstant(addDays(date, 1), "00:00", timeZone);
}

async function scheduleCaseTargets(db: Db, caseId: string, now: Date): Promise<void> {
  const c = await db.selectFrom("support_cases").selectAll().where("id", "=", caseId).executeTakeFirst();
  if (!c) return;
  const { levels } = await brandServiceLevels(db, c.brand_id);
  const opened = Date.parse(c.created_at);
  const targets = [
    ["first_response", c.first_response_due_at],
    ["resolution", c.sla_due_at],
  ] as const;
  for (const [target, dueAt] of targets) {
    if (!dueAt) continue;
    const due = Date.parse(dueAt);
    const near = new Date(opened + (due - opened) * levels.nearBreachShare);
    for (const [level, runAt] of [
      ["near_breach", near],
      ["breached", new Date(due + 1000)],
    ] as const) {
      await enqueue(
        db,
        caseTargetJob,
        { caseId, target, level, dueAt },
        { now, runAt, dedupeKey: `sla:${caseId}:${target}:${level}:${dueAt}` },
      );
    }
  }
}

/** Outbox subscriber: sets the timers that events start. Safe to see an event twice (dedupe keys). */
export async function scheduleServiceTimers(db: Db, event: TimerEvent, now: Date): Promise<void> {
  if (event.brandId === null) return;
  switch (event.type) {
    case "case.created":
      await scheduleCaseTargets(db, event.aggregateId, now);
      return;
    case "case.resolved": {
      const c = await db
        .selectFrom("support_cases")
        .selectAll()
        .where("id", "=", event.aggregateId)
        .executeTakeFirst();
      if (!c?.resolved_at) return;
      const { levels } = await brandServiceLevels(db, c.brand_id);
      await enqueue(
        db,
        autoCloseJob,
        { caseId: c.id, resolvedAt: c.resolved_at },
        {
          now,
          runAt: new Date(Date.parse(c.resolved_at) + levels.autoCloseDays * 86_400_000),
          dedupeKey: `autoclose:${c.id}:${c.resolved_at}`,
        },
      );
      return;
    }
    case "return.authorized": {
      const ret = await db
        .selectFrom("returns")
        .selectAll()
        .where("id", "=", event.aggregateId)
        .executeTakeFirst();
      if (!ret) return;
      const { levels } = await brandServiceLevels(db, ret.brand_id);
      const from = Date.parse(ret.authorized_at ?? ret.created_at);
      await enqueue(
        db,
        returnReminderJob,
        { returnId: ret.id },
        {
          now,
          runAt: new Date(from + levels.returnReminderDays * 86_400_000),
          dedupeKey: `return-reminder:${ret.id}`,
        },
      );
      return;
    }
    case "return.received": {
      const ret = await db
        .selectFrom("returns")
        .selectAll()
        .where("id", "=", event.aggregateId)
        .executeTakeFirst();
      if (!ret?.received_at) return;
      const loaded = await loadOrderById(db, ret.order_id);
      const dates = promiseDates(loaded, ret, now);
      const zone = loaded.policy.file.brand.timeZone;
      for (const [stage, by] of [
        ["inspection", dates.inspectionBy],
        ["refund", dates.refundExpectedBy],
      ] as const) {
        if (!by) continue;
        await enqueue(
          db,
          returnPromiseJob,
          { returnId: ret.id, stage, by },
          { now, runAt: endOfDay(by, zone), dedupeKey: `promise:${ret.id}:${stage}:${by}` },
        );
      }
      return;
    }
    default:
      return;
  }
}

export interface TimerView {
  readonly id: string;
  readonly kind: string;
  readonly runAt: string;
  readonly status: string;
  readonly payload: unknown;
}

/** The timers still to fire (or fired), newest due first: the console's view of promises being tracked. */
export async function listTimers(
  db: Db,
  options: { status?: string; limit?: number } = {},
): Promise<TimerView[]> {
  let q = db.selectFrom("jobs").selectAll().where("name", "like", "service.%");
  if (options.status) q = q.where("status", "=", options.status as "queued");
  const rows = await q
    .orderBy("run_at")
    .limit(Math.min(options.limit ?? 200, 1000))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.name.slice("service.".length),
    runAt: r.run_at,
    status: r.status,
    payload: JSON.parse(r.payload) as unknown,
  }));
}
