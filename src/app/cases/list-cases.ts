// The desk's inbox, and a shopper's list of cases about their order. Staff filter by brand, status,
// assignee and order; a staff user tied to one brand only ever sees that brand's cases.

import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import { readTogether } from "../../db/read-together.ts";
import { requireBrand } from "../brands/require-brand.ts";
import type { Actor } from "../kernel/actor.ts";
import { AppError, notFound } from "../kernel/errors.ts";
import { type SlaFlags, slaFlags } from "../service-levels/case-service-levels.ts";
import { brandLevels } from "../service-levels/service-settings.ts";
import {
  type CaseChannel,
  type CaseStatus,
  type CaseSummary,
  caseSummary,
  requireDeskActor,
} from "./case-access.ts";

export interface ListCasesOptions {
  readonly brandSlug?: string | undefined;
  readonly status?: CaseStatus | undefined;
  /** A staff user id, or "none" for the unassigned queue. */
  readonly assigneeId?: string | undefined;
  readonly orderNumber?: string | undefined;
  readonly limit?: number | undefined;
  readonly channel?: CaseChannel | undefined;
  readonly requestType?: string | undefined;
  /** at_risk: near breach or breached on a target not yet met; breached: a target already missed. */
  readonly sla?: "at_risk" | "breached" | undefined;
  /** Words: an order number, the shopper's email, or text in the subject or any message. */
  readonly search?: string | undefined;
  readonly actor: Actor;
  /** The moment the flags are computed for (default: now). */
  readonly now?: Date | undefined;
}

export type ListedCase = CaseSummary & { readonly sla: SlaFlags };

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;

export async function listCases(db: Db, options: ListCasesOptions): Promise<ListedCase[]> {
  // The cases and their brands' service levels in one read transaction (see db/read-together.ts).
  return readTogether(db, (reader) => readCases(reader, options));
}

async function readCases(db: Db, options: ListCasesOptions): Promise<ListedCase[]> {
  const { actor } = options;
  const limit = Math.min(Math.max(1, options.limit ?? DEFAULT_LIMIT), MAX_LIMIT);
  let query = db.selectFrom("support_cases").selectAll("support_cases");

  if (actor.type === "shopper") {
    // A shopper's session covers one order; filters cannot widen it.
    query = query.where("order_id", "=", actor.orderId).where("brand_id", "=", actor.brandId);
  } else {
    requireDeskActor(actor, null);
    let brandId: string | null = actor.type === "staff" ? actor.brandId : null;
    if (options.brandSlug !== undefined) {
      const brand = await requireBrand(db, options.brandSlug);
      if (brandId !== null && brand.id !== brandId) throw notFound("brand", options.brandSlug);
      brandId = brand.id;
    }
    if (brandId !== null) query = query.where("brand_id", "=", brandId);
    if (options.assigneeId === "none") query = query.where("assignee_id", "is", null);
    else if (options.assigneeId !== undefined) query = query.where("assignee_id", "=", options.assigneeId);
    if (options.orderNumber !== undefined) {
      if (brandId === null) {
        throw new AppError("VALIDATION", "filtering by order number needs a brand", { field: "brand" });
      }
      const order = await db
        .selectFrom("orders")
        .select("id")
        .where("brand_id", "=", brandId)
        .where("number", "=", options.orderNumber)
        .executeTakeFirst();
      if (!order) return [];
      query = query.where("order_id", "=", order.id);
    }
  }
  if (options.status !== undefined) query = query.where("status", "=", options.status);
  if (options.channel !== undefined) query = query.where("channel", "=", options.channel);
  if (options.requestType !== undefined) query = query.where("request_type", "=", options.requestType);
  const search = options.search?.trim().toLowerCase();
  if (search) {
    // LIKE with the wildcards in the search escaped; lower() on both sides, so PostgreSQL matches as
    // SQLite does. Messages are searched too, internal notes included (this is the desk's search).
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const like = (column: string) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
    query = query.where((eb) =>
      eb.or([
        like("support_cases.subject"),
        like("support_cases.customer_email"),
        eb(
          "support_cases.order_id",
          "in",
          eb
            .selectFrom("orders")
            .select("orders.id")
            .where(sql<boolean>`lower(${sql.ref("orders.number")}) = ${search}`),
        ),
        eb.exists(
          eb
            .selectFrom("case_messages")
            .select("case_messages.id")
            .whereRef("case_messages.case_id", "=", "support_cases.id")
            .where(like("case_messages.body")),
        ),
      ]),
    );
  }
  const now = options.now ?? new Date();
  if (options.sla !== undefined) {
    // Cases whose clock has not stopped; the exact flag is settled per row below.
    query = query.where("status", "in", ["open", "pending"]);
  }

  const rows = await query
    .orderBy("updated_at", "desc")
    .orderBy("id")
    .limit(options.sla === undefined ? limit : MAX_LIMIT * 5)
    .execute();
  const shares = new Map<string, number>();
  const listed: ListedCase[] = [];
  for (const row of rows) {
    let share = shares.get(row.brand_id);
    if (share === undefined) {
      share = (await brandLevels(db, row.brand_id)).nearBreachShare;
      shares.set(row.brand_id, share);
    }
    const sla = slaFlags(row, now, share);
    if (options.sla === "at_risk" && !sla.atRisk) continue;
    if (options.sla === "breached" && sla.firstResponse !== "breached" && sla.resolution !== "breached")
      continue;
    const summary = caseSummary(row);
    // Object.assign rather than a spread followed by a new key: on Node 20 that spread takes
    // microseconds (a V8 slow path), paid here per case listed.
    listed.push(Object.assign({}, summary, actor.type === "shopper" ? { assigneeId: null, sla } : { sla }));
    if (listed.length >= limit) break;
  }
  return listed;
}
