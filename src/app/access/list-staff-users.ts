// The admin's list of staff users; an admin bound to one brand sees that brand's users only.
import type { Db } from "../../db/database.ts";
import type { Actor } from "../kernel/actor.ts";
import { AppError } from "../kernel/errors.ts";
import type { PublicStaffUser } from "./create-staff-user.ts";

export async function listStaffUsers(db: Db, actor: Actor): Promise<PublicStaffUser[]> {
  if (actor.type !== "system" && !(actor.type === "staff" && actor.role === "admin")) {
    throw new AppError("FORBIDDEN", "Only an admin can list staff users.");
  }
  let query = db
    .selectFrom("staff_users")
    .select(["id", "email", "name", "role", "brand_id", "active", "created_at", "last_login_at"])
    .orderBy("email");
  if (actor.type === "staff" && actor.brandId !== null) query = query.where("brand_id", "=", actor.brandId);
  return query.execute();
}
