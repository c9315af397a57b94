// The audit log as admins read it: newest first, filtered by brand, actor, action or entity, paged by
// the timestamp of the last row seen. An admin bound to one brand reads that brand's rows only.

import type { Db } from "../../db/database.ts";
import { requireBrand } from "../brands/require-brand.ts";
import type { Actor } from "../kernel/actor.ts";
import { AppError } from "../kernel/errors.ts";

export interface ListAuditLogOptions {
  readonly brandSlug?: string;
  readonly actorId?: string;
  readonly action?: string;
  readonly entityType?: string;
  readonly entityId?: string;
  /** Rows strictly older than this timestamp (the `createdAt` of the last row of the previous page). */
  readonly before?: string;
  readonly limit?: number;
}

export interface AuditLogRow {
  readonly id: string;
  readonly brandId: string | null;
  readonly actorType: string;
  readonly actorId: string | null;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly requestId: string | null;
  readonly createdAt: string;
}

const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

export async function listAuditLog(
  db: Db,
  options: ListAuditLogOptions,
  actor: Actor,
): Promise<AuditLogRow[]> {
  if (actor.type !== "system" && !(actor.type === "staff" && actor.role === "admin")) {
    throw new AppError("FORBIDDEN", "Only an admin can read the audit log.");
  }
  let query = db.selectFrom("audit_log").selectAll();
  const scopedBrand = actor.type === "staff" ? actor.brandId : null;
  if (options.brandSlug) {
    const brand = await requireBrand(db, options.brandSlug);
    if (scopedBrand !== null && brand.id !== scopedBrand) throw new AppError("FORBIDDEN", "Not your brand.");
    query = query.where("brand_id", "=", brand.id);
  } else if (scopedBrand !== null) {
    query = query.where("brand_id", "=", scopedBrand);
  }
  if (options.actorId) query = query.where("actor_id", "=", options.actorId);
  if (options.action) query = query.where("action", "=", options.action);
  if (options.entityType) query = query.where("entity_type", "=", options.entityType);
  if (options.entityId) query = query.where("entity_id", "=", options.entityId);
  if (options.before) query = query.where("created_at", "<", options.before);
  const rows = await query
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(Math.min(Math.max(options.limit ?? 50, 1), 500))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    brandId: r.brand_id,
    actorType: r.actor_type,
    actorId: r.actor_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: parse(r.before),
    after: parse(r.after),
    requestId: r.request_id,
    createdAt: r.created_at,
  }));
}
