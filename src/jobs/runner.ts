// Workers: a loop that claims one job at a time, runs its handler, and completes or fails it. Several
// workers (in one process or across instances) share the queue safely; see ./queue.ts. Stopping a
// worker lets the job in hand finish, so a deploy does not cut a webhook or a refund email in half.
import { hostname } from "node:os";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { Db } from "../db/database.ts";
import { type AnyJobDefinition, type JobLogger, PermanentJobError, silentLogger } from "./definition.ts";
import { claimNext, completeJob, type FailOutcome, failJob, type JobRow } from "./queue.ts";

export const DEFAULT_POLL_MS = 1_000;
/** Long enough for any handler we ship (webhook delivery times out well before). */
export const DEFAULT_LOCK_MS = 5 * 60_000;

export interface WorkerOptions {
  readonly db: Db;
  readonly jobs: readonly AnyJobDefinition[];
  readonly workerId?: string;
  readonly now?: () => Date;
  readonly pollMs?: number;
  readonly lockMs?: number;
  readonly logger?: JobLogger;
}

export type RunOutcome =
  | { readonly kind: "done"; readonly job: JobRow }
  | { readonly kind: FailOutcome; readonly job: JobRow; readonly error: string };

export function newWorkerId(prefix = "worker"): string {
  return `${prefix}:${hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Claims and runs one due job; null when none was due. */
export async function runNextJob(
  options: WorkerOptions & { readonly workerId: string },
): Promise<RunOutcome | null> {
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? silentLogger;
  const byName = new Map(options.jobs.map((d) => [d.name, d]));
  const job = await claimNext(
    options.db,
    options.workerId,
    [...byName.keys()],
    now(),
    options.lockMs ?? DEFAULT_LOCK_MS,
  );
  if (!job) return null;
  const definition = byName.get(job.name);
  const log = { jobId: job.id, job: job.name, version: definition?.version, attempt: job.attempts };
  let failure: { error: string; permanent: boolean };
  try {
    if (!definition) throw new PermanentJobError(`no handler for job '${job.name}'`);
    const parsed = definition.payload.safeParse(JSON.parse(job.payload));
    if (!parsed.success) throw new PermanentJobError(`invalid payload: ${parsed.error.message}`);
    await definition.handler(parsed.data, {
      db: options.db,
      now: now(),
      logger,
      jobId: job.id,
      workerId: options.workerId,
      attempt: job.attempts,
      maxAttempts: job.max_attempts,
    });
    if (await completeJob(options.db, job, options.workerId, now())) {
      logger.info(log, "job done");
    } else {
      logger.warn(log, "job finished after its lock expired; another worker had taken it over");
    }
    return { kind: "done", job };
  } catch (error) {
    failure = { error: messageOf(error), permanent: error instanceof PermanentJobError };
  }
  const outcome = await failJob(options.db, job, options.workerId, failure.error, now(), {
    permanent: failure.permanent,
    backoff: definition?.backoff,
  });
  const level = outcome === "retrying" ? "warn" : "error";
  logger[level](
    { ...log, err: failure.error, outcome },
    `job ${outcome === "retrying" ? "will retry" : outcome}`,
  );
  return { kind: outcome, job, error: failure.error };
}

export interface Loop {
  /** Asks the loop to stop and resolves once the work in hand has finished. */
  stop(): Promise<void>;
}

/**
 * Calls `tick` until stopped: again on the next turn of the event loop while it reports work done, after
 * `pollMs` when there was none or it threw (a database outage must not spin the CPU).
 */
export function startLoop(
  name: string,
  tick: () => Promise<boolean>,
  options: { readonly pollMs: number; readonly logger: JobLogger },
): Loop {
  let stopping = false;
  let wake: (() => void) | null = null;
  const sleep = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, options.pollMs);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const running = (async () => {
    while (!stopping) {
      let worked = false;
      try {
        worked = await tick();
      } catch (error) {
        options.logger.error({ loop: name, err: messageOf(error) }, `${name}: error, retrying after a pause`);
      }
      if (!worked && !stopping) await sleep();
      // On SQLite every query completes synchronously, so a loop with a backlog would otherwise run
      // from promise to promise without ever letting the server answer a request; yield to the event
      // loop between passes (a start-up with a full outbox waited for it to drain before /ready).
      else await yieldToEventLoop();
      wake = null;
    }
  })();
  return {
    stop: async () => {
      stopping = true;
      wake?.();
      await running;
    },
  };
}

/** A worker with concurrency 1: start as many as the load needs, in one process or several. */
export function startWorker(options: WorkerOptions): Loop & { readonly workerId: string } {
  const workerId = options.workerId ?? newWorkerId();
  const loop = startLoop("worker", async () => (await runNextJob({ ...options, workerId })) !== null, {
    pollMs: options.pollMs ?? DEFAULT_POLL_MS,
    logger: options.logger ?? silentLogger,
  });
  return { ...loop, workerId };
}
