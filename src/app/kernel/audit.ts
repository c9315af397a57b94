// The audit log and the outbox are written inside the use case's own transaction, so a change, its
// audit row and the events it announces are stored together or not at all.
import type { Db } from "../../db/database.ts";
import { newId } from "../../db/database.ts";
import { type Actor, actorId } from "./actor.ts";

export interface AuditEntry {
  readonly brandId: string | null;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly requestId?: string | null;
}

export async function recordAudit(db: Db, actor: Actor, entry: AuditEntry, now: Date): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      id: newId(),
      brand_id: entry.brandId,
      actor_type: actor.type,
      actor_id: actorId(actor),
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      request_id: entry.requestId ?? null,
      created_at: now.toISOString(),
    })
    .execute();
}

export interface DomainEvent {
  readonly brandId: string | null;
  /** e.g. order.placed, order.dispatched, return.authorized, refund.issued, case.created */
  readonly type: string;
  readonly aggregateType: string;
  readonly aggregateId: string;
  readonly payload: unknown;
}

/** Queues an event for email, jobs and webhooks; a publisher reads the outbox after commit. */
export async function emitEvent(db: Db, event: DomainEvent, now: Date): Promise<void> {
  await db
    .insertInto("outbox")
    .values({
      id: newId(),
      brand_id: event.brandId,
      event_type: event.type,
      aggregate_type: event.aggregateType,
      aggregate_id: event.aggregateId,
      payload: JSON.stringify(event.payload),
      created_at: now.toISOString(),
      published_at: null,
      last_error: null,
    })
    .execute();
}
