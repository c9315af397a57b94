// A background job is a definition: a name, a version, a zod schema for its payload and a handler.
// Callers enqueue by definition (src/jobs/queue.ts), so a payload is checked when it is queued and again
// when it runs; the runner (src/jobs/runner.ts) looks definitions up by name.
import type { z } from "zod";
import type { Db } from "../db/database.ts";

/** The slice of a pino / Fastify logger that jobs use, so tests can pass a silent one. */
export interface JobLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: JobLogger = { info() {}, warn() {}, error() {} };

export interface JobContext {
  readonly db: Db;
  /** The moment the job started; handlers never read the clock themselves. */
  readonly now: Date;
  readonly logger: JobLogger;
  readonly jobId: string;
  /** The worker running it, for logs. */
  readonly workerId: string;
  /** 1 on the first run, counting runs a crashed worker never finished. */
  readonly attempt: number;
  readonly maxAttempts: number;
}

export interface Backoff {
  /** Delay before the second run; each later retry waits twice as long as the one before. */
  readonly baseMs: number;
  readonly maxMs: number;
}

export interface JobDefinition<P> {
  readonly name: string;
  /** Bumped when the payload's meaning changes, and logged with every run. */
  readonly version: number;
  readonly payload: z.ZodType<P>;
  /** Runs before the job is marked failed for good (default 5). */
  readonly maxAttempts?: number;
  readonly backoff?: Backoff;
  // Method syntax on purpose: it lets a list of definitions with different payloads share one type.
  handler(payload: P, ctx: JobContext): Promise<void>;
}

/** Any definition, whatever its payload: what registries and the runner hold. */
export type AnyJobDefinition = JobDefinition<unknown>;

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_BACKOFF: Backoff = { baseMs: 10_000, maxMs: 60 * 60_000 };

export function defineJob<P>(definition: JobDefinition<P>): JobDefinition<P> {
  if (!/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/.test(definition.name)) {
    throw new Error(`job name '${definition.name}' must look like area.action`);
  }
  return definition;
}

/**
 * Thrown by a handler when running the job again cannot help (the thing it works on is gone, its input
 * is wrong): the job is marked failed at once instead of being retried.
 */
export class PermanentJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PermanentJobError";
  }
}
