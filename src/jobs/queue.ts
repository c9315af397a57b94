// The job queue, one table on both databases. Each job runs once however many workers poll it: a worker
// claims a job with a single UPDATE that only one statement can win (FOR UPDATE SKIP LOCKED on
// PostgreSQL, SQLite's one writer at a time), holds it until locked_until, and then completes or fails
// it. A worker that dies leaves its lock to expire, and the job is claimed again.
import { PostgresAdapter, type Selectable } from "kysely";
import { type Db, newId } from "../db/database.ts";
import type { JobsTable } from "../db/schema.ts";
import {
  type AnyJobDefinition,
  type Backoff,
  DEFAULT_BACKOFF,
  DEFAULT_MAX_ATTEMPTS,
  type JobDefinition,
} from "./definition.ts";

export type JobRow = Selectable<JobsTable>;

export interface EnqueueOptions {
  readonly now: Date;
  /** Not before this moment (default: now). */
  readonly runAt?: Date;
  /** Enqueueing again with the same key returns the first job instead of adding one. */
  readonly dedupeKey?: string;
  readonly maxAttempts?: number;
}

export interface Enqueued {
  readonly id: string;
  /** False when a job with the same dedupe key already existed. */
  readonly created: boolean;
}

/** Adds a job; pass a transaction as `db` to queue it together with the change that calls for it. */
export async function enqueue<P>(
  db: Db,
  job: JobDefinition<P>,
  payload: P,
  options: EnqueueOptions,
): Promise<Enqueued> {
  // Checked here so a bad payload fails the caller, not a worker minutes later.
  const checked = job.payload.parse(payload);
  const id = newId();
  const at = options.now.toISOString();
  const inserted = await db
    .insertInto("jobs")
    .values({
      id,
      name: job.name,
      payload: JSON.stringify(checked),
      run_at: (options.runAt ?? options.now).toISOString(),
      max_attempts: options.maxAttempts ?? job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      locked_by: null,
      locked_until: null,
      last_error: null,
      dedupe_key: options.dedupeKey ?? null,
      created_at: at,
      updated_at: at,
    })
    // The unique index on dedupe_key settles races between two callers: one insert wins, the other
    // does nothing and finds the winner below.
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  if (options.dedupeKey === undefined) throw new Error(`job ${job.name} was not inserted`);
  const existing = await db
    .selectFrom("jobs")
    .select("id")
    .where("dedupe_key", "=", options.dedupeKey)
    .executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

/**
 * Claims the next due job among `names` for `workerId` until now + lockMs, or returns null. Due means
 * queued with run_at passed, or running under a lock that expired (its worker crashed or hung).
 */
export async function claimNext(
  db: Db,
  workerId: string,
  names: readonly string[],
  now: Date,
  lockMs: number,
): Promise<JobRow | null> {
  if (!names.length) return null;
  const at = now.toISOString();
  await failAbandoned(db, at);
  const postgres = isPostgres(db);
  // One statement on purpose. On PostgreSQL the subquery locks the row it picks and skips rows other
  // workers hold, so concurrent claims take different jobs. On SQLite the statement takes the write
  // lock before it reads, which makes it as exclusive as an immediate transaction; a multi-statement
  // transaction would instead hold the lock across awaits, and better-sqlite3 waits for a busy lock by
  // blocking the whole process.
  const row = await db
    .updateTable("jobs")
    .set((eb) => ({
      status: "running",
      locked_by: workerId,
      locked_until: new Date(now.getTime() + lockMs).toISOString(),
      attempts: eb("attempts", "+", 1),
      updated_at: at,
    }))
    .where("id", "=", (eb) => {
      const due = eb
        .selectFrom("jobs as due")
        .select("due.id")
        .where("due.name", "in", [...names])
        .where((w) =>
          w.or([
            w.and([w("due.status", "=", "queued"), w("due.run_at", "<=", at)]),
            w.and([
              w("due.status", "=", "running"),
              w("due.locked_until", "<", at),
              w("due.attempts", "<", w.ref("due.max_attempts")),
            ]),
          ]),
        )
        .orderBy("due.run_at")
        .orderBy("due.created_at")
        .limit(1);
      return postgres ? due.forUpdate().skipLocked() : due;
    })
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

/** A job whose worker died on its last allowed attempt is failed rather than run yet again. */
async function failAbandoned(db: Db, at: string): Promise<void> {
  await db
    .updateTable("jobs")
    .set({
      status: "failed",
      locked_by: null,
      locked_until: null,
      last_error: "the worker running the last attempt stopped before finishing",
      updated_at: at,
    })
    .where("status", "=", "running")
    .where("locked_until", "<", at)
    .where((eb) => eb("attempts", ">=", eb.ref("max_attempts")))
    .execute();
}

/**
 * Marks a claimed job done. False when this worker no longer holds it (its lock expired and another
 * worker took the job over), so the caller knows its result was not the one recorded.
 */
export async function completeJob(db: Db, job: JobRow, workerId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable("jobs")
    .set({ status: "done", locked_by: null, locked_until: null, updated_at: now.toISOString() })
    .where("id", "=", job.id)
    .where("status", "=", "running")
    .where("locked_by", "=", workerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type FailOutcome = "retrying" | "failed" | "lost";

/** Delay before the run after `attempt` (1-based): base, 2×base, 4×base… capped at max. */
export function backoffDelayMs(attempt: number, backoff: Backoff = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, attempt - 1);
  // Past 2^30 the cap has long applied; stopping there keeps the arithmetic finite.
  return Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(exponent, 30));
}

/**
 * Records a failed run: queued again after the backoff while attempts remain, failed for good otherwise
 * (or at once when `permanent`). "lost" when this worker no longer held the job.
 */
export async function failJob(
  db: Db,
  job: JobRow,
  workerId: string,
  error: string,
  now: Date,
  options: { permanent?: boolean; backoff?: Backoff } = {},
): Promise<FailOutcome> {
  const giveUp = options.permanent === true || job.attempts >= job.max_attempts;
  const result = await db
    .updateTable("jobs")
    .set({
      status: giveUp ? "failed" : "queued",
      run_at: giveUp
        ? job.run_at
        : new Date(now.getTime() + backoffDelayMs(job.attempts, options.backoff)).toISOString(),
      locked_by: null,
      locked_until: null,
      // Bounded so a huge error body from a subscriber cannot bloat the table.
      last_error: error.slice(0, 2000),
      updated_at: now.toISOString(),
    })
    .where("id", "=", job.id)
    .where("status", "=", "running")
    .where("locked_by", "=", workerId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return "lost";
  return giveUp ? "failed" : "retrying";
}

/** Names the runner should claim: only jobs it has a handler for. */
export function jobNames(definitions: readonly AnyJobDefinition[]): string[] {
  return definitions.map((d) => d.name);
}

/** dialectOf() for a Db handle: its parameter type does not accept Kysely<Database> as is. */
export function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
