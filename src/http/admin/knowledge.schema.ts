import { z } from "zod";

export const ZKnowledgeBrandParams = z.object({ brand: z.string().min(1).max(40) });
export type TKnowledgeBrandParams = z.infer<typeof ZKnowledgeBrandParams>;
export const ZKnowledgeDocumentParams = ZKnowledgeBrandParams.extend({ id: z.string().min(1).max(64) });
export type TKnowledgeDocumentParams = z.infer<typeof ZKnowledgeDocumentParams>;

export const ZImportKnowledgeBody = z.object({
  /** File name cited to shoppers; its ending says the format: .md, .txt, .html or a help-centre .json export. */
  name: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .regex(/^[^/\\]+\.(md|markdown|txt|html|htm|json)$/i, "a file name ending in .md, .txt, .html or .json"),
  /** The page's text. A document of the same name is replaced. */
  content: z.string().min(1).max(900_000),
});
export type TImportKnowledgeBody = z.infer<typeof ZImportKnowledgeBody>;

export const ZImportedKnowledge = z.object({
  documentId: z.string(),
  name: z.string(),
  passages: z.number().int(),
  replaced: z.boolean(),
});

export const ZKnowledgeDocument = z.object({
  id: z.string(),
  name: z.string(),
  contentType: z.string(),
  importedAt: z.string(),
  passages: z.number().int(),
  articles: z.array(z.object({ title: z.string(), url: z.string().nullable(), passages: z.number().int() })),
});
export const ZKnowledgeDocumentList = z.object({ documents: z.array(ZKnowledgeDocument) });
