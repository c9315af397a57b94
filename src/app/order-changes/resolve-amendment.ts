// The desk answers a best-effort change request: applied while the order has not left, or declined.
import type { Db } from "../../db/database.ts";
import type { Order } from "../../db/schema.ts";
import type { Actor } from "../kernel/actor.ts";
import { emitEvent, recordAudit } from "../kernel/audit.ts";
import { type Amendment, applyOrderChanges, type OrderChanges } from "./amend-order.ts";
import { assertNotDispatched, assertPending, openDeskRequest } from "./desk-request.ts";

export interface ResolveAmendmentOptions {
  readonly actor: Actor;
  readonly now: Date;
  readonly amendmentId: string;
  readonly approve: boolean;
  readonly note?: string | undefined;
}

export async function resolveAmendment(
  db: Db,
  options: ResolveAmendmentOptions,
): Promise<{ amendment: Amendment; order: Order }> {
  const { actor, now } = options;
  return db.transaction().execute(async (trx) => {
    const loaded = await openDeskRequest(trx, "amendments", options.amendmentId, actor, {
      shopper: false,
      roles: ["agent", "admin"],
    });
    const pending = await trx
      .selectFrom("amendments")
      .selectAll()
      .where("id", "=", options.amendmentId)
      .executeTakeFirstOrThrow();
    assertPending(pending.status, "change request");
    // A parcel that has left cannot be redirected from here: the change would only be on paper.
    if (options.approve) assertNotDispatched(loaded, "changes can only be made before dispatch");
    const at = now.toISOString();
    const changes = JSON.parse(pending.changes) as OrderChanges;
    const order = options.approve ? await applyOrderChanges(trx, loaded.order, changes, now) : loaded.order;
    const amendment: Amendment = {
      ...pending,
      status: options.approve ? "applied" : "declined",
      resolved_at: at,
    };
    await trx
      .updateTable("amendments")
      .set({ status: amendment.status, resolved_at: at })
      .where("id", "=", pending.id)
      .execute();
    await recordAudit(
      trx,
      actor,
      {
        brandId: loaded.order.brand_id,
        action: options.approve ? "order.amended" : "amendment.declined",
        entityType: "order",
        entityId: loaded.order.id,
        before: JSON.parse(pending.before) as unknown,
        after: options.approve ? changes : { declined: changes, note: options.note ?? null },
      },
      now,
    );
    await emitEvent(
      trx,
      {
        brandId: loaded.order.brand_id,
        type: options.approve ? "order.amended" : "amendment.declined",
        aggregateType: "order",
        aggregateId: loaded.order.id,
        payload: { orderNumber: loaded.order.number, email: order.email, amendmentId: pending.id, changes },
      },
      now,
    );
    return { amendment, order };
  });
}
