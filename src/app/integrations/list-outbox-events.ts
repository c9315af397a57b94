// The outbox as admins see it: recent domain events, whether the relay has handed each one to email, jobs
// and webhooks yet, how many times it tried, and the last error. Read-only: the relay alone moves events.
// Admins of one brand see their brand's events; events of no brand are for admins of the whole install.
import type { Db } from "../../db/database.ts";
import type { Actor } from "../kernel/actor.ts";
import { AppError } from "../kernel/errors.ts";

export interface OutboxEventView {
  readonly id: string;
  readonly brandId: string | null;
  readonly eventType: string;
  readonly aggregateType: string;
  readonly aggregateId: string;
  readonly createdAt: string;
  readonly publishedAt: string | null;
  readonly attempts: number;
  readonly lastError: string | null;
}

export async function listOutboxEvents(
  db: Db,
  options: {
    readonly actor: Actor;
    /** pending: not handed over yet (including those that failed and wait for another try). */
    readonly state?: "pending" | "published" | undefined;
    readonly limit?: number | undefined;
  },
): Promise<OutboxEventView[]> {
  const { actor } = options;
  if (actor.type !== "staff" || actor.role !== "admin") throw new AppError("FORBIDDEN", "Admins only.");
  let q = db
    .selectFrom("outbox")
    .select([
      "id",
      "brand_id",
      "event_type",
      "aggregate_type",
      "aggregate_id",
      "created_at",
      "published_at",
      "attempts",
      "last_error",
    ]);
  if (actor.brandId !== null) q = q.where("brand_id", "=", actor.brandId);
  if (options.state === "pending") q = q.where("published_at", "is", null);
  if (options.state === "published") q = q.where("published_at", "is not", null);
  const rows = await q
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(Math.min(options.limit ?? 100, 500))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    brandId: r.brand_id,
    eventType: r.event_type,
    aggregateType: r.aggregate_type,
    aggregateId: r.aggregate_id,
    createdAt: r.created_at,
    publishedAt: r.published_at,
    attempts: Number(r.attempts),
    lastError: r.last_error,
  }));
}
