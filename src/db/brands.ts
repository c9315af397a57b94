// Brand lookups shared by many use cases.
import type { Db } from "./database.ts";
import { preparedQuery } from "./prepared.ts";
import type { Brand } from "./schema.ts";

// Nearly every public request starts here; compiled once (see prepared.ts).
const bySlug = preparedQuery((db, slug: string) =>
  db.selectFrom("brands").selectAll().where("slug", "=", slug),
);

export async function brandBySlug(db: Db, slug: string): Promise<Brand | undefined> {
  const [brand] = await bySlug(db, slug);
  return brand;
}
