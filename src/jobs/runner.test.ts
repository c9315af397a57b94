import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createDb, type Store } from "../db/database.ts";
import { testDatabases } from "../db/test-db.ts";
import { defineJob, PermanentJobError } from "./definition.ts";
import { enqueue } from "./queue.ts";
import { runNextJob, startWorker } from "./runner.ts";

const T0 = new Date("2026-03-09T10:00:00.000Z");
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error("timed out");
    await tick(20);
  }
}

describe.each(testDatabases())("job runner on $name", (target) => {
  let store: Store & { url: string };
  beforeAll(async () => {
    store = await target.open();
  });
  afterAll(() => store.close());
  beforeEach(async () => {
    await store.db.deleteFrom("jobs").execute();
  });

  it("runs a job, retries a throwing one, and fails at once on a permanent error or a bad payload", async () => {
    const seen: number[] = [];
    const job = defineJob({
      name: "test.work",
      version: 1,
      payload: z.object({ n: z.number() }),
      backoff: { baseMs: 1_000, maxMs: 1_000 },
      async handler(payload, ctx) {
        seen.push(payload.n);
        expect(ctx.now).toEqual(T0);
        if (payload.n === 2) throw new Error("try later");
        if (payload.n === 3) throw new PermanentJobError("never works");
      },
    });
    const ids = [];
    for (const n of [1, 2, 3]) ids.push((await enqueue(store.db, job, { n }, { now: T0 })).id);
    // A payload that no longer matches the definition (queued by an older version, say).
    await store.db
      .updateTable("jobs")
      .set({ payload: '{"n":"x"}' })
      .where("id", "=", ids[0] ?? "")
      .execute();
    const opts = { db: store.db, jobs: [job], workerId: "w", now: () => T0 };
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await runNextJob(opts));
    expect(await runNextJob(opts)).toBeNull();
    expect(seen.sort()).toEqual([2, 3]);
    const byId = new Map(outcomes.map((o) => [o?.job.id, o]));
    expect(byId.get(ids[0])).toMatchObject({
      kind: "failed",
      error: expect.stringMatching(/invalid payload/),
    });
    expect(byId.get(ids[1])).toMatchObject({ kind: "retrying", error: "try later" });
    expect(byId.get(ids[2])).toMatchObject({ kind: "failed", error: "never works" });
  });

  it("two runners on separate connections run each of 50 jobs exactly once", async () => {
    const calls = new Map<number, number>();
    const byWorker = new Map<string, number>();
    const job = defineJob({
      name: "test.count",
      version: 1,
      payload: z.object({ n: z.number() }),
      async handler(payload, ctx) {
        calls.set(payload.n, (calls.get(payload.n) ?? 0) + 1);
        byWorker.set(ctx.workerId, (byWorker.get(ctx.workerId) ?? 0) + 1);
        await tick(payload.n % 3);
      },
    });
    for (let n = 0; n < 50; n++) await enqueue(store.db, job, { n }, { now: T0 });
    const a = createDb(store.url);
    const b = createDb(store.url);
    const workers = [a, b].map((s) => startWorker({ db: s.db, jobs: [job], pollMs: 5 }));
    try {
      await waitUntil(async () => {
        const open = await store.db
          .selectFrom("jobs")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("status", "!=", "done")
          .executeTakeFirstOrThrow();
        return Number(open.n) === 0;
      });
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      await a.close();
      await b.close();
    }
    expect(calls.size).toBe(50);
    expect([...calls.values()].every((c) => c === 1)).toBe(true);
    // Both runners took part, so the exactly-once result was earned under real contention.
    expect(byWorker.size).toBe(2);
  });

  it("stopping a worker lets the job in hand finish", async () => {
    let release: () => void = () => {};
    let started: () => void = () => {};
    const running = new Promise<void>((r) => {
      started = r;
    });
    const job = defineJob({
      name: "test.slow",
      version: 1,
      payload: z.object({}),
      async handler() {
        started();
        await new Promise<void>((r) => {
          release = r;
        });
      },
    });
    const { id } = await enqueue(store.db, job, {}, { now: T0 });
    const worker = startWorker({ db: store.db, jobs: [job], pollMs: 5 });
    await running;
    let stopped = false;
    const stopping = worker.stop().then(() => {
      stopped = true;
    });
    await tick(30);
    expect(stopped).toBe(false);
    release();
    await stopping;
    const row = await store.db
      .selectFrom("jobs")
      .select("status")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("done");
  });
});
