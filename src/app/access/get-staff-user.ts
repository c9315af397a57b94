// The signed-in staff member's own record, for the console's header and role-dependent menus.
import type { Db } from "../../db/database.ts";
import type { Actor } from "../kernel/actor.ts";
import { AppError } from "../kernel/errors.ts";
import type { PublicStaffUser } from "./create-staff-user.ts";

export async function getStaffUser(db: Db, actor: Actor): Promise<PublicStaffUser> {
  if (actor.type !== "staff") throw new AppError("UNAUTHORIZED", "Sign in first.");
  const user = await db
    .selectFrom("staff_users")
    .select(["id", "email", "name", "role", "brand_id", "active", "created_at", "last_login_at"])
    .where("id", "=", actor.id)
    .executeTakeFirst();
  if (!user) throw new AppError("UNAUTHORIZED", "Sign in first.");
  return user;
}
