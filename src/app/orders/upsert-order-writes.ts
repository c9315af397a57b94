// The rows a batch of upsertOrders inserts, written at the end with multi-row statements, and the
// fingerprints it records on orders found unchanged.
import { type CompiledQuery, type Insertable, sql } from "kysely";
import { type Db, newId } from "../../db/database.ts";
import { insertRows, insertStatements } from "../../db/insert-rows.ts";
import type {
  AuditLogTable,
  CustomersTable,
  Order,
  OrderLine,
  OutboxTable,
  Payment,
  Shipment,
} from "../../db/schema.ts";
import { type Actor, actorId } from "../kernel/actor.ts";
import { chunks, INSERT_ROWS } from "./upsert-order-rows.ts";

/** Rows a batch inserts, written at the end with multi-row statements. */
export class Writes {
  /** New customers, when the batch's writes are run elsewhere (see statements). */
  readonly customers: Insertable<CustomersTable>[] = [];
  readonly orders: Insertable<Order>[] = [];
  readonly lines: Insertable<OrderLine>[] = [];
  readonly payments: Insertable<Payment>[] = [];
  readonly shipments: Insertable<Shipment>[] = [];
  readonly audit: Insertable<AuditLogTable>[] = [];
  readonly events: Insertable<OutboxTable>[] = [];
  /** Fingerprints to record on orders found unchanged, without touching anything else. */
  readonly fingerprints: { readonly id: string; readonly fingerprint: string }[] = [];

  audited(actor: Actor, stamp: string, entry: { brandId: string; action: string; id: string } & Changes) {
    this.audit.push({
      id: newId(),
      brand_id: entry.brandId,
      actor_type: actor.type,
      actor_id: actorId(actor),
      action: entry.action,
      entity_type: "order",
      entity_id: entry.id,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      request_id: null,
      created_at: stamp,
    });
  }

  emit(stamp: string, brandId: string, type: string, orderId: string, payload: unknown) {
    this.events.push({
      id: newId(),
      brand_id: brandId,
      event_type: type,
      aggregate_type: "order",
      aggregate_id: orderId,
      payload: JSON.stringify(payload),
      created_at: stamp,
      published_at: null,
      last_error: null,
    });
  }

  /**
   * The inserts of a batch of new orders as statements, to be run in one transaction elsewhere (an
   * import's write-behind connection): customers, then orders and what references them.
   */
  statements(db: Db): CompiledQuery[] {
    if (this.fingerprints.length) throw new Error("fingerprint updates are written by flush only");
    return [
      ...insertStatements(db, "customers", this.customers),
      ...insertStatements(db, "orders", this.orders),
      ...insertStatements(db, "order_lines", this.lines),
      ...insertStatements(db, "payments", this.payments),
      ...insertStatements(db, "shipments", this.shipments),
      ...insertStatements(db, "audit_log", this.audit),
      ...insertStatements(db, "outbox", this.events),
    ];
  }

  async flush(trx: Db): Promise<void> {
    // Parents first: lines, payments and shipments reference their order.
    await insertRows(trx, "customers", this.customers);
    await insertRows(trx, "orders", this.orders);
    await insertRows(trx, "order_lines", this.lines);
    await insertRows(trx, "payments", this.payments);
    await insertRows(trx, "shipments", this.shipments);
    await insertRows(trx, "audit_log", this.audit);
    await insertRows(trx, "outbox", this.events);
    for (const part of chunks(this.fingerprints, INSERT_ROWS))
      await trx
        .updateTable("orders")
        .set({
          fingerprint: sql<string>`case "id" ${sql.join(
            part.map((f) => sql`when ${f.id} then ${f.fingerprint}`),
            sql` `,
          )} end`,
        })
        .where(
          "id",
          "in",
          part.map((f) => f.id),
        )
        .execute();
  }
}

interface Changes {
  readonly before?: unknown;
  readonly after?: unknown;
}
