// The partnerships queue: a brand's applications, by status, oldest first.

import type { Db } from "../../db/database.ts";
import { requireBrand } from "../brands/require-brand.ts";
import type { Actor } from "../kernel/actor.ts";
import { assertStaff } from "../kernel/staff-access.ts";
import { type CollaborationView, toCollaborationView } from "./collaboration-view.ts";

export interface ListCollaborationsOptions {
  readonly actor: Actor;
  readonly brand: string;
  readonly status?: string | undefined;
  readonly platform?: string | undefined;
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
}

export async function listCollaborations(
  db: Db,
  options: ListCollaborationsOptions,
): Promise<CollaborationView[]> {
  const brand = await requireBrand(db, options.brand);
  assertStaff(options.actor, brand.id, ["admin", "partnerships"]);
  let query = db.selectFrom("collaboration_applications").selectAll().where("brand_id", "=", brand.id);
  if (options.status) query = query.where("status", "=", options.status);
  if (options.platform) query = query.where("platform", "=", options.platform);
  const rows = await query
    .orderBy("created_at")
    .orderBy("id")
    .limit(Math.min(options.limit ?? 50, 200))
    .offset(options.offset ?? 0)
    .execute();
  return rows.map(toCollaborationView);
}
