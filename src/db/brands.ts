// Brand lookups shared by many use cases.
import type { Db } from "./database.ts";
import type { Brand } from "./schema.ts";

export async function brandBySlug(db: Db, slug: string): Promise<Brand | undefined> {
  return db.selectFrom("brands").selectAll().where("slug", "=", slug).executeTakeFirst();
}
