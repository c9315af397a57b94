import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Store } from "../db/database.ts";
import { testDatabases } from "../db/test-db.ts";
import { defineJob } from "./definition.ts";
import { backoffDelayMs, claimNext, completeJob, enqueue, failJob } from "./queue.ts";

const T0 = new Date("2026-03-09T10:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

const ping = defineJob({
  name: "test.ping",
  version: 1,
  payload: z.object({ n: z.number().int() }),
  maxAttempts: 3,
  backoff: { baseMs: 1_000, maxMs: 60_000 },
  async handler() {},
});

describe("backoffDelayMs", () => {
  it("doubles from the base and stops at the cap", () => {
    const b = { baseMs: 1_000, maxMs: 5_000 };
    expect([1, 2, 3, 4, 50].map((a) => backoffDelayMs(a, b))).toEqual([1_000, 2_000, 4_000, 5_000, 5_000]);
  });
});

describe.each(testDatabases())("job queue on $name", (target) => {
  let store: Store;
  beforeAll(async () => {
    store = await target.open();
  });
  afterAll(() => store.close());
  beforeEach(async () => {
    await store.db.deleteFrom("jobs").execute();
  });

  it("enqueues a job once per dedupe key and rejects a bad payload", async () => {
    const first = await enqueue(store.db, ping, { n: 1 }, { now: T0, dedupeKey: "k1" });
    const again = await enqueue(store.db, ping, { n: 2 }, { now: T0, dedupeKey: "k1" });
    const other = await enqueue(store.db, ping, { n: 3 }, { now: T0 });
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    expect(other.created).toBe(true);
    const rows = await store.db.selectFrom("jobs").selectAll().orderBy("created_at").execute();
    expect(rows).toHaveLength(2);
    expect(JSON.parse(rows.find((r) => r.id === first.id)?.payload ?? "")).toEqual({ n: 1 });
    await expect(enqueue(store.db, ping, { n: 1.5 }, { now: T0 })).rejects.toThrow();
  });

  it("claims due jobs oldest first, never a future one, and completes them", async () => {
    const later = await enqueue(store.db, ping, { n: 2 }, { now: T0, runAt: at(5_000) });
    const due = await enqueue(store.db, ping, { n: 1 }, { now: T0 });
    expect(await claimNext(store.db, "w1", ["other.job"], T0, 60_000)).toBeNull();

    const job = await claimNext(store.db, "w1", ["test.ping"], T0, 60_000);
    expect(job?.id).toBe(due.id);
    expect(job).toMatchObject({ status: "running", locked_by: "w1", attempts: 1 });
    expect(job?.locked_until).toBe(at(60_000).toISOString());
    // The only other job is not due yet, and the claimed one is locked.
    expect(await claimNext(store.db, "w2", ["test.ping"], at(1_000), 60_000)).toBeNull();
    if (!job) throw new Error("no job");
    expect(await completeJob(store.db, job, "w2", at(1_000))).toBe(false);
    expect(await completeJob(store.db, job, "w1", at(1_000))).toBe(true);
    const done = await store.db
      .selectFrom("jobs")
      .selectAll()
      .where("id", "=", due.id)
      .executeTakeFirstOrThrow();
    expect(done).toMatchObject({ status: "done", locked_by: null, locked_until: null });

    expect((await claimNext(store.db, "w2", ["test.ping"], at(5_000), 60_000))?.id).toBe(later.id);
  });

  it("retries a failed job after an exponential backoff and fails it after max attempts", async () => {
    const { id } = await enqueue(store.db, ping, { n: 1 }, { now: T0 });
    const backoff = { baseMs: 1_000, maxMs: 60_000 };
    let now = T0;
    const expectedDelays = [1_000, 2_000];
    for (const delay of expectedDelays) {
      const job = await claimNext(store.db, "w1", ["test.ping"], now, 60_000);
      if (!job) throw new Error("job not claimed");
      expect(await failJob(store.db, job, "w1", "boom", now, { backoff })).toBe("retrying");
      const row = await store.db
        .selectFrom("jobs")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: "queued", last_error: "boom", locked_by: null });
      expect(row.run_at).toBe(new Date(now.getTime() + delay).toISOString());
      // Not before the backoff has passed.
      expect(
        await claimNext(store.db, "w1", ["test.ping"], new Date(now.getTime() + delay - 1), 60_000),
      ).toBeNull();
      now = new Date(now.getTime() + delay);
    }
    const last = await claimNext(store.db, "w1", ["test.ping"], now, 60_000);
    expect(last?.attempts).toBe(3);
    if (!last) throw new Error("job not claimed");
    expect(await failJob(store.db, last, "w1", "still broken", now, { backoff })).toBe("failed");
    const row = await store.db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "failed", attempts: 3, last_error: "still broken" });
    expect(await claimNext(store.db, "w1", ["test.ping"], at(3_600_000), 60_000)).toBeNull();
  });

  it("gives a crashed worker's job to another worker once its lock expires", async () => {
    const { id } = await enqueue(store.db, ping, { n: 1 }, { now: T0 });
    const crashed = await claimNext(store.db, "crashed", ["test.ping"], T0, 10_000);
    expect(crashed?.id).toBe(id);
    expect(await claimNext(store.db, "w2", ["test.ping"], at(9_999), 10_000)).toBeNull();
    const taken = await claimNext(store.db, "w2", ["test.ping"], at(10_001), 10_000);
    expect(taken).toMatchObject({ id, locked_by: "w2", attempts: 2 });
    // The crashed worker coming back cannot overwrite the new owner's result.
    if (!crashed || !taken) throw new Error("not claimed");
    expect(await failJob(store.db, crashed, "crashed", "late", at(10_002))).toBe("lost");
    expect(await completeJob(store.db, taken, "w2", at(10_003))).toBe(true);
  });

  it("fails a job whose worker died on its last attempt instead of running it again", async () => {
    const { id } = await enqueue(store.db, ping, { n: 1 }, { now: T0, maxAttempts: 1 });
    expect((await claimNext(store.db, "crashed", ["test.ping"], T0, 1_000))?.id).toBe(id);
    expect(await claimNext(store.db, "w2", ["test.ping"], at(2_000), 1_000)).toBeNull();
    const row = await store.db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.status).toBe("failed");
    expect(row.last_error).toMatch(/stopped before finishing/);
  });
});
