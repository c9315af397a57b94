// Desk macros: saved replies per brand that agents insert into a case reply. Admins and agents of the
// brand may add one; names are unique per brand (saving a name again replaces its text).
import type { Db } from "../../db/database.ts";
import { newId } from "../../db/database.ts";
import { requireBrand } from "../brands/require-brand.ts";
import type { Actor } from "../kernel/actor.ts";
import { actorId } from "../kernel/actor.ts";
import { recordAudit } from "../kernel/audit.ts";
import { requireDeskActor, requireText } from "./case-access.ts";

export interface MacroView {
  readonly id: string;
  readonly brand: string;
  readonly name: string;
  readonly body: string;
  readonly createdAt: string;
}

export async function listMacros(
  db: Db,
  options: { actor: Actor; brandSlug?: string | undefined },
): Promise<MacroView[]> {
  requireDeskActor(options.actor, null);
  let q = db
    .selectFrom("desk_macros")
    .innerJoin("brands", "brands.id", "desk_macros.brand_id")
    .selectAll("desk_macros")
    .select("brands.slug");
  const brandId = options.actor.type === "staff" ? options.actor.brandId : null;
  if (brandId !== null) q = q.where("desk_macros.brand_id", "=", brandId);
  if (options.brandSlug) q = q.where("brands.slug", "=", options.brandSlug);
  const rows = await q.orderBy("brands.slug").orderBy("desk_macros.name").execute();
  return rows.map((r) => ({ id: r.id, brand: r.slug, name: r.name, body: r.body, createdAt: r.created_at }));
}

export async function saveMacro(
  db: Db,
  options: { actor: Actor; brandSlug: string; name: string; body: string; now: Date },
): Promise<MacroView> {
  const brand = await requireBrand(db, options.brandSlug);
  requireDeskActor(options.actor, brand.id);
  const name = requireText(options.name, "name", 80);
  const body = requireText(options.body, "body", 10_000);
  const at = options.now.toISOString();
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto("desk_macros")
      .values({
        id: newId(),
        brand_id: brand.id,
        name,
        body,
        created_by: actorId(options.actor),
        created_at: at,
      })
      .onConflict((oc) =>
        oc
          .columns(["brand_id", "name"])
          .doUpdateSet({ body, created_by: actorId(options.actor), created_at: at }),
      )
      .execute();
    const row = await trx
      .selectFrom("desk_macros")
      .selectAll()
      .where("brand_id", "=", brand.id)
      .where("name", "=", name)
      .executeTakeFirstOrThrow();
    await recordAudit(
      trx,
      options.actor,
      {
        brandId: brand.id,
        action: "macro.save",
        entityType: "desk_macro",
        entityId: row.id,
        after: { name },
      },
      options.now,
    );
    return { id: row.id, brand: brand.slug, name: row.name, body: row.body, createdAt: row.created_at };
  });
}
