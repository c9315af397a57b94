// Removes one document and its passages from a brand's knowledge base. The assistant's cache notices the
// change on the next question (its key is the brand's document ids) and stops citing the document.
import type { Db } from "../../db/database.ts";
import { requireBrand } from "../brands/require-brand.ts";
import type { Actor } from "../kernel/actor.ts";
import { recordAudit } from "../kernel/audit.ts";
import { notFound } from "../kernel/errors.ts";
import { assertStaff } from "../kernel/staff-access.ts";

export async function deleteKnowledgeDocument(
  db: Db,
  options: {
    readonly actor: Actor;
    readonly brandSlug: string;
    readonly documentId: string;
    readonly now: Date;
    readonly requestId?: string | null | undefined;
  },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const brand = await requireBrand(trx, options.brandSlug);
    assertStaff(options.actor, brand.id, ["admin"]);
    const document = await trx
      .selectFrom("kb_documents")
      .select(["id", "name", "content_type", "imported_at"])
      .where("id", "=", options.documentId)
      .where("brand_id", "=", brand.id)
      .executeTakeFirst();
    if (!document) throw notFound("knowledge document", options.documentId);
    await trx.deleteFrom("kb_passages").where("document_id", "=", document.id).execute();
    await trx.deleteFrom("kb_documents").where("id", "=", document.id).execute();
    await recordAudit(
      trx,
      options.actor,
      {
        brandId: brand.id,
        action: "knowledge.deleted",
        entityType: "kb_document",
        entityId: document.id,
        before: { name: document.name, contentType: document.content_type, importedAt: document.imported_at },
        requestId: options.requestId ?? null,
      },
      options.now,
    );
  });
}
