// Adds a document to a brand's knowledge base. Importing a file with the same name again replaces the
// old document and all its passages in one transaction, so the assistant never answers from a mix of
// the old and new versions. The CLI imports as the system; the console as an admin of the brand.
import { ingestDocument } from "../../assistant/pages/ingest.ts";
import type { Db } from "../../db/database.ts";
import { newId } from "../../db/database.ts";
import { requireBrand } from "../brands/require-brand.ts";
import { type Actor, SYSTEM } from "../kernel/actor.ts";
import { recordAudit } from "../kernel/audit.ts";
import { AppError } from "../kernel/errors.ts";
import { assertStaff } from "../kernel/staff-access.ts";

export interface ImportKnowledgeOptions {
  readonly brandSlug: string;
  /** File name as shoppers will see it in citations, e.g. "returns.md". */
  readonly name: string;
  readonly content: string;
  readonly now?: Date | undefined;
  /** Who imports (the system when absent); staff must be admins of the brand. */
  readonly actor?: Actor | undefined;
  readonly requestId?: string | null | undefined;
}

export interface ImportKnowledgeResult {
  readonly documentId: string;
  readonly name: string;
  readonly passages: number;
  /** True when a document of the same name was replaced. */
  readonly replaced: boolean;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  txt: "text/plain",
  md: "text/markdown",
  markdown: "text/markdown",
  html: "text/html",
  htm: "text/html",
  // A hosted help centre's articles export: each article keeps its title and address.
  json: "application/json",
};

// Keeps each multi-row insert well under both databases' bound-parameter limits.
const INSERT_CHUNK = 500;

export function knowledgeContentType(name: string): string | undefined {
  const ext = name.toLowerCase().split(".").pop() ?? "";
  return CONTENT_TYPES[ext];
}

export async function importKnowledge(
  db: Db,
  options: ImportKnowledgeOptions,
): Promise<ImportKnowledgeResult> {
  const name = options.name.trim();
  if (!name || /[/\\]/.test(name)) {
    throw new AppError("VALIDATION", `document name '${options.name}' must be a file name without folders`, {
      field: "name",
    });
  }
  const contentType = knowledgeContentType(name);
  if (!contentType) {
    throw new AppError(
      "VALIDATION",
      `${name}: only .txt, .md, .html and help-centre export .json documents can be imported`,
      {
        field: "name",
      },
    );
  }
  // Ingestion is pure and can be slow on a large page; doing it before the transaction keeps the
  // write lock short.
  let passages: ReturnType<typeof ingestDocument>;
  try {
    passages = ingestDocument(name, options.content);
  } catch (error) {
    throw new AppError("VALIDATION", `${name}: ${error instanceof Error ? error.message : String(error)}`, {
      field: "content",
    });
  }
  // A page with no text to answer from (one drawn by a script and saved before it ran, an empty
  // file) is refused, so re-importing it never replaces a good document with nothing.
  if (passages.length === 0) {
    throw new AppError(
      "VALIDATION",
      `${name}: no help text found (a page drawn by a script may need saving after it has loaded, or its text pasting into a .txt file)`,
      { field: "content" },
    );
  }
  const at = options.now ?? new Date();
  const now = at.toISOString();
  const actor = options.actor ?? SYSTEM;

  return db.transaction().execute(async (trx) => {
    const brand = await requireBrand(trx, options.brandSlug);
    assertStaff(actor, brand.id, ["admin"]);
    const previous = await trx
      .selectFrom("kb_documents")
      .select("id")
      .where("brand_id", "=", brand.id)
      .where("name", "=", name)
      .executeTakeFirst();
    if (previous) {
      await trx.deleteFrom("kb_passages").where("document_id", "=", previous.id).execute();
      await trx.deleteFrom("kb_documents").where("id", "=", previous.id).execute();
    }
    const documentId = newId();
    await trx
      .insertInto("kb_documents")
      .values({
        id: documentId,
        brand_id: brand.id,
        name,
        content_type: contentType,
        content: options.content,
        imported_at: now,
      })
      .execute();
    for (let start = 0; start < passages.length; start += INSERT_CHUNK) {
      const rows = passages.slice(start, start + INSERT_CHUNK).map((p) => ({
        id: newId(),
        document_id: documentId,
        brand_id: brand.id,
        position: p.position,
        heading: p.heading,
        text: p.text,
        article_title: p.title ?? null,
        article_url: p.url ?? null,
      }));
      await trx.insertInto("kb_passages").values(rows).execute();
    }
    await recordAudit(
      trx,
      actor,
      {
        brandId: brand.id,
        action: previous ? "knowledge.replaced" : "knowledge.imported",
        entityType: "kb_document",
        entityId: documentId,
        before: previous ? { documentId: previous.id } : undefined,
        after: { name, contentType, passages: passages.length },
        requestId: options.requestId ?? null,
      },
      at,
    );
    return { documentId, name, passages: passages.length, replaced: previous !== undefined };
  });
}
