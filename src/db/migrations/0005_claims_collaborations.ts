// What an agent settled a claim with (reship, refund, decline), the reply the partnerships team sent
// to a collaboration application, and one application per brand, platform and handle so that a
// shopper who submits the form twice does not land in the queue twice.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("claims").addColumn("resolution", "text").execute();
  await db.schema.alterTable("collaboration_applications").addColumn("reply", "text").execute();
  await db.schema
    .createIndex("collaboration_applications_handle_unique")
    .on("collaboration_applications")
    .columns(["brand_id", "platform", "handle"])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("collaboration_applications_handle_unique").ifExists().execute();
  await db.schema.alterTable("collaboration_applications").dropColumn("reply").execute();
  await db.schema.alterTable("claims").dropColumn("resolution").execute();
}
