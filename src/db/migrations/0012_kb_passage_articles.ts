// Each knowledge passage keeps the help article it came from (its title and public address), so the
// assistant names the article it quotes: a help centre's export or a page holds many articles.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("kb_passages").addColumn("article_title", "text").execute();
  await db.schema.alterTable("kb_passages").addColumn("article_url", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("kb_passages").dropColumn("article_url").execute();
  await db.schema.alterTable("kb_passages").dropColumn("article_title").execute();
}
