// The outbox relay: use cases write domain events to the outbox inside their own transaction; the relay
// reads the unpublished ones, oldest first, hands each to the subscribers (today: one webhook delivery
// job per matching subscription of the event's brand) and marks it published.
//
// Several relays may run (one per server instance). Each claims a batch with a single UPDATE, so an event
// is handled by one relay; a relay that dies mid-batch loses its claim after claimMs and another takes
// over. Subscribers must be idempotent for that one case; the webhook subscriber is, through the job
// queue's dedupe key per event and subscription.
import type { Selectable } from "kysely";
import type { Db } from "../../db/database.ts";
import type { OutboxTable } from "../../db/schema.ts";
import { type JobLogger, silentLogger } from "../../jobs/definition.ts";
import { enqueue, isPostgres } from "../../jobs/queue.ts";
import { type Loop, newWorkerId, startLoop } from "../../jobs/runner.ts";
import { eventMatches, webhookDeliveryJob } from "./webhooks.ts";

export interface OutboxEvent {
  readonly id: string;
  readonly brandId: string | null;
  readonly type: string;
  readonly aggregateType: string;
  readonly aggregateId: string;
  readonly createdAt: string;
  readonly payload: unknown;
}

/**
 * What one relay pass shares between its events: a subscriber reads the same brand's settings for
 * every event of a batch, so it reads them once per pass (a pass is a moment; a change made after it
 * is seen by the next one).
 */
export interface RelayPass {
  memo<T>(key: string, load: () => Promise<T>): Promise<T>;
}

export function newRelayPass(): RelayPass {
  const values = new Map<string, Promise<unknown>>();
  return {
    memo<T>(key: string, load: () => Promise<T>): Promise<T> {
      let value = values.get(key) as Promise<T> | undefined;
      if (value === undefined) {
        value = load();
        values.set(key, value);
        // A failed read is not kept: the next event of the pass tries again.
        value.catch(() => values.delete(key));
      }
      return value;
    },
  };
}

/** Receives each event once per relay pass; must tolerate seeing an event again after a relay crash. */
export type OutboxSubscriber = (db: Db, event: OutboxEvent, now: Date, pass: RelayPass) => Promise<void>;

/** Queues one signed delivery per active subscription of the event's brand whose filter matches. */
export const webhookSubscriber: OutboxSubscriber = async (db, event, now, pass) => {
  const brandId = event.brandId;
  if (brandId === null) return;
  const subscriptions = await pass.memo(`webhook-subscriptions:${brandId}`, async () =>
    (
      await db
        .selectFrom("webhook_subscriptions")
        .select(["id", "events"])
        .where("brand_id", "=", brandId)
        .where("active", "=", 1)
        .orderBy("created_at")
        .execute()
    ).map((s) => ({ id: s.id, events: JSON.parse(s.events) as string[] })),
  );
  for (const s of subscriptions) {
    if (!eventMatches(s.events, event.type)) continue;
    await enqueue(
      db,
      webhookDeliveryJob,
      { subscriptionId: s.id, eventId: event.id },
      { now, dedupeKey: `webhook:${event.id}:${s.id}` },
    );
  }
};

export const DEFAULT_SUBSCRIBERS: readonly OutboxSubscriber[] = [webhookSubscriber];

export interface RelayOptions {
  readonly relayId: string;
  readonly now: Date;
  readonly subscribers?: readonly OutboxSubscriber[];
  readonly batchSize?: number;
  /** How long a claimed batch stays with this relay before another may take it over. */
  readonly claimMs?: number;
  /** How long a failed event waits before a relay tries it again. */
  readonly retryMs?: number;
}

export interface RelayReport {
  readonly claimed: number;
  readonly published: number;
  readonly failed: number;
}

function toEvent(row: Selectable<OutboxTable>): OutboxEvent {
  return {
    id: row.id,
    brandId: row.brand_id,
    type: row.event_type,
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    createdAt: row.created_at,
    payload: JSON.parse(row.payload) as unknown,
  };
}

async function claimBatch(db: Db, options: RelayOptions): Promise<Selectable<OutboxTable>[]> {
  const at = options.now.toISOString();
  const postgres = isPostgres(db);
  const rows = await db
    .updateTable("outbox")
    .set((eb) => ({
      claimed_by: options.relayId,
      claimed_until: new Date(options.now.getTime() + (options.claimMs ?? 60_000)).toISOString(),
      attempts: eb("attempts", "+", 1),
    }))
    .where("id", "in", (eb) => {
      const pending = eb
        .selectFrom("outbox as pending")
        .select("pending.id")
        .where("pending.published_at", "is", null)
        .where((w) => w.or([w("pending.claimed_until", "is", null), w("pending.claimed_until", "<", at)]))
        .orderBy("pending.created_at")
        .orderBy("pending.id")
        .limit(options.batchSize ?? 100);
      return postgres ? pending.forUpdate().skipLocked() : pending;
    })
    .returningAll()
    .execute();
  // UPDATE … RETURNING gives no order; events go out oldest first.
  return rows.sort((a, b) =>
    a.created_at === b.created_at ? a.id.localeCompare(b.id) : a.created_at.localeCompare(b.created_at),
  );
}

/**
 * One pass: claims a batch of unpublished events, hands each to the subscribers, then marks the
 * handled ones published with one statement (a statement per event made each its own commit, which
 * was most of a pass's time with a large backlog). A crash before that statement leaves the claim to
 * expire and the events go round again, which subscribers tolerate.
 */
export async function relayOutbox(db: Db, options: RelayOptions): Promise<RelayReport> {
  const subscribers = options.subscribers ?? DEFAULT_SUBSCRIBERS;
  const rows = await claimBatch(db, options);
  const handled: string[] = [];
  const pass = newRelayPass();
  let failed = 0;
  for (const row of rows) {
    try {
      const event = toEvent(row);
      for (const subscriber of subscribers) await subscriber(db, event, options.now, pass);
      handled.push(row.id);
    } catch (error) {
      failed += 1;
      // The claim is kept until the retry time, so the event waits instead of failing on every pass.
      await db
        .updateTable("outbox")
        .set({
          last_error: (error instanceof Error ? error.message : String(error)).slice(0, 2000),
          claimed_until: new Date(options.now.getTime() + (options.retryMs ?? 30_000)).toISOString(),
        })
        .where("id", "=", row.id)
        .where("claimed_by", "=", options.relayId)
        .execute();
    }
  }
  let published = 0;
  // Chunks keep the statement under either database's limit on bound parameters.
  for (let from = 0; from < handled.length; from += 500) {
    const result = await db
      .updateTable("outbox")
      .set({
        published_at: options.now.toISOString(),
        claimed_by: null,
        claimed_until: null,
        last_error: null,
      })
      .where("id", "in", handled.slice(from, from + 500))
      // Still ours: publishing clears the claim, so this also means not yet published. (A condition on
      // published_at here would lead SQLite to scan the pending index instead of looking ids up.)
      .where("claimed_by", "=", options.relayId)
      .executeTakeFirst();
    published += Number(result.numUpdatedRows);
  }
  return { claimed: rows.length, published, failed };
}

export interface OutboxRelayLoopOptions {
  readonly db: Db;
  readonly now?: () => Date;
  readonly pollMs?: number;
  readonly relayId?: string;
  readonly subscribers?: readonly OutboxSubscriber[];
  readonly logger?: JobLogger;
}

export function startOutboxRelay(options: OutboxRelayLoopOptions): Loop & { readonly relayId: string } {
  const relayId = options.relayId ?? newWorkerId("relay");
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? silentLogger;
  const loop = startLoop(
    "outbox relay",
    async () => {
      const report = await relayOutbox(options.db, { relayId, now: now(), subscribers: options.subscribers });
      if (report.failed) logger.warn({ relayId, ...report }, "outbox relay: some events will be retried");
      // Another pass at once only when this one made progress; failed events wait for their retry time.
      return report.published > 0;
    },
    { pollMs: options.pollMs ?? 1_000, logger },
  );
  return { ...loop, relayId };
}
