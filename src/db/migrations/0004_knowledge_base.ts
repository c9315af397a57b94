// Each brand's knowledge base (documents and the passages the assistant cites) and the assistant's
// conversations with shoppers.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("kb_documents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("brand_id", "text", (c) => c.notNull().references("brands.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("imported_at", "text", (c) => c.notNull())
    // Importing a file with the same name again replaces it.
    .addUniqueConstraint("kb_documents_brand_name_unique", ["brand_id", "name"])
    .execute();

  await db.schema
    .createTable("kb_passages")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("document_id", "text", (c) => c.notNull().references("kb_documents.id").onDelete("cascade"))
    // Kept on the passage too, so a brand's passages load without a join and never mix with another's.
    .addColumn("brand_id", "text", (c) => c.notNull().references("brands.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("heading", "text")
    .addColumn("text", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("kb_passages_brand_idx").on("kb_passages").column("brand_id").execute();
  await db.schema
    .createIndex("kb_passages_document_idx")
    .on("kb_passages")
    .columns(["document_id", "position"])
    .execute();

  await db.schema
    .createTable("assistant_conversations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("brand_id", "text", (c) => c.notNull().references("brands.id").onDelete("cascade"))
    .addColumn("case_id", "text", (c) => c.references("support_cases.id").onDelete("set null"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
    .addColumn("messages", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("handoff_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["assistant_conversations", "kb_passages", "kb_documents"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
