// The brands a staff member works for, with their ids (cases, returns and users name brands by id):
// every brand for staff of the whole install, their own for staff tied to one.
import type { Db } from "../../db/database.ts";
import type { Actor } from "../kernel/actor.ts";
import { AppError } from "../kernel/errors.ts";

export interface StaffBrand {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly currency: string;
  readonly timeZone: string;
}

export async function listStaffBrands(db: Db, actor: Actor): Promise<StaffBrand[]> {
  if (actor.type !== "staff" && actor.type !== "system")
    throw new AppError("FORBIDDEN", "Only staff can do this.");
  let query = db.selectFrom("brands").select(["id", "slug", "name", "currency", "time_zone"]).orderBy("slug");
  if (actor.type === "staff" && actor.brandId !== null) query = query.where("id", "=", actor.brandId);
  return (await query.execute()).map((b) => ({
    id: b.id,
    slug: b.slug,
    name: b.name,
    currency: b.currency,
    timeZone: b.time_zone,
  }));
}
