// Whom a case can be given to: the active agents and admins, by name. Agents see this list (it holds no
// email or login details); brand-bound staff see colleagues of their brand and those of every brand.
import type { Db } from "../../db/database.ts";
import type { Actor } from "../kernel/actor.ts";
import { AppError } from "../kernel/errors.ts";

export interface Colleague {
  readonly id: string;
  readonly name: string;
  readonly role: string;
}

export async function listColleagues(db: Db, actor: Actor): Promise<Colleague[]> {
  if (actor.type !== "staff" || !(actor.role === "admin" || actor.role === "agent")) {
    throw new AppError("FORBIDDEN", "Only agents and admins assign cases.");
  }
  let query = db
    .selectFrom("staff_users")
    .select(["id", "name", "role"])
    .where("active", "=", 1)
    .where("role", "in", ["agent", "admin"])
    .orderBy("name");
  if (actor.brandId !== null) {
    const brandId = actor.brandId;
    query = query.where((eb) => eb.or([eb("brand_id", "=", brandId), eb("brand_id", "is", null)]));
  }
  return query.execute();
}
