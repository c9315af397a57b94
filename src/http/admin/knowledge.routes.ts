// Admin: a brand's knowledge base for the assistant — the imported documents with their articles, importing
// (or replacing, by name) a page pasted as Markdown, text or HTML, and deleting a document.
import { deleteKnowledgeDocument } from "../../app/knowledge/delete-knowledge-document.ts";
import { importKnowledge } from "../../app/knowledge/import-knowledge.ts";
import { listKnowledgeDocuments } from "../../app/knowledge/list-knowledge-documents.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute, type RouteAccess, type RouteSpec } from "../route.ts";
import {
  ZImportedKnowledge,
  ZImportKnowledgeBody,
  ZKnowledgeBrandParams,
  ZKnowledgeDocumentList,
  ZKnowledgeDocumentParams,
} from "./knowledge.schema.ts";

const ADMIN: RouteAccess = { kind: "staff", roles: ["admin"] };
const BASE = "/api/v1/admin/brands/:brand/knowledge";

export function knowledgeRoutes(deps: ServerDeps): RouteSpec[] {
  const db = deps.store.db;
  return [
    defineRoute({
      method: "GET",
      url: BASE,
      summary: "The brand's knowledge documents: their articles, passage counts and import times",
      tags: ["admin", "knowledge"],
      access: ADMIN,
      params: ZKnowledgeBrandParams,
      response: ZKnowledgeDocumentList,
      handler: async ({ params, actor }) => ({
        documents: await listKnowledgeDocuments(db, { actor, brandSlug: params.brand }),
      }),
    }),
    defineRoute({
      method: "POST",
      url: BASE,
      summary: "Import a help page into the brand's knowledge base; one of the same name is replaced",
      tags: ["admin", "knowledge"],
      access: ADMIN,
      params: ZKnowledgeBrandParams,
      body: ZImportKnowledgeBody,
      response: ZImportedKnowledge,
      status: 201,
      handler: async ({ params, body, actor, request }) =>
        importKnowledge(db, {
          actor,
          brandSlug: params.brand,
          name: body.name,
          content: body.content,
          now: deps.now(),
          requestId: String(request.id),
        }),
    }),
    defineRoute({
      method: "DELETE",
      url: `${BASE}/:id`,
      summary: "Delete a knowledge document and its passages",
      tags: ["admin", "knowledge"],
      access: ADMIN,
      params: ZKnowledgeDocumentParams,
      status: 204,
      handler: async ({ params, actor, request }) => {
        await deleteKnowledgeDocument(db, {
          actor,
          brandSlug: params.brand,
          documentId: params.id,
          now: deps.now(),
          requestId: String(request.id),
        });
        return undefined;
      },
    }),
  ];
}
