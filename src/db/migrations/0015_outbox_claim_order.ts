// The outbox relay claims the oldest unpublished events, ordered by created_at then id. An import
// writes thousands of events with one created_at, and the old index (published_at, created_at) left
// the id order to a sort of every pending event on each claim: at a backlog of a million events each
// claim sorted them all, and on SQLite that blocked the server's requests. With id in the index the
// claim reads its batch in index order.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("outbox_claim_order_idx")
    .on("outbox")
    .columns(["published_at", "created_at", "id"])
    .execute();
  await db.schema.dropIndex("outbox_pending_idx").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("outbox_pending_idx")
    .on("outbox")
    .columns(["published_at", "created_at"])
    .execute();
  await db.schema.dropIndex("outbox_claim_order_idx").execute();
}
