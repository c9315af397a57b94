// A brand's knowledge base as the admin sees it in Settings → Knowledge: each imported document with the
// help articles it holds (title and address, as the assistant cites them), how many passages each gave,
// and when the document was imported.
import type { Db } from "../../db/database.ts";
import { requireBrand } from "../brands/require-brand.ts";
import type { Actor } from "../kernel/actor.ts";
import { assertStaff } from "../kernel/staff-access.ts";

export interface KnowledgeArticleView {
  /** The article's title; a document without one is listed under its file name. */
  readonly title: string;
  readonly url: string | null;
  readonly passages: number;
}

export interface KnowledgeDocumentView {
  readonly id: string;
  readonly name: string;
  readonly contentType: string;
  readonly importedAt: string;
  readonly passages: number;
  readonly articles: readonly KnowledgeArticleView[];
}

export async function listKnowledgeDocuments(
  db: Db,
  options: { readonly actor: Actor; readonly brandSlug: string },
): Promise<KnowledgeDocumentView[]> {
  const brand = await requireBrand(db, options.brandSlug);
  assertStaff(options.actor, brand.id, ["admin"]);
  const documents = await db
    .selectFrom("kb_documents")
    .select(["id", "name", "content_type", "imported_at"])
    .where("brand_id", "=", brand.id)
    .orderBy("name")
    .execute();
  // One pass over the brand's passages (titles and addresses only), grouped in order of appearance.
  const passages = await db
    .selectFrom("kb_passages")
    .select(["document_id", "article_title", "article_url"])
    .where("brand_id", "=", brand.id)
    .orderBy("document_id")
    .orderBy("position")
    .execute();
  const byDocument = new Map<string, Map<string, { title: string | null; url: string | null; n: number }>>();
  for (const p of passages) {
    let articles = byDocument.get(p.document_id);
    if (!articles) {
      articles = new Map();
      byDocument.set(p.document_id, articles);
    }
    const key = `${p.article_title ?? ""}\u0000${p.article_url ?? ""}`;
    const article = articles.get(key);
    if (article) article.n += 1;
    else articles.set(key, { title: p.article_title, url: p.article_url, n: 1 });
  }
  return documents.map((d) => {
    const articles = [...(byDocument.get(d.id)?.values() ?? [])];
    return {
      id: d.id,
      name: d.name,
      contentType: d.content_type,
      importedAt: d.imported_at,
      passages: articles.reduce((n, a) => n + a.n, 0),
      articles: articles.map((a) => ({ title: a.title ?? d.name, url: a.url, passages: a.n })),
    };
  });
}
