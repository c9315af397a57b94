// Answers shoppers' questions from one brand's knowledge base only. Building the retrieval index is
// the costly part, so callers answering many questions (the --jsonl batch, the chat endpoint) load a
// brand's assistant once and ask it repeatedly.
import { createBrandAssistant } from "../../assistant/brand-assistant.ts";
import type { AssistantAnswer, Passage } from "../../assistant/types.ts";
import type { Db } from "../../db/database.ts";
import { requireBrand } from "../brands/require-brand.ts";
import { AppError } from "../kernel/errors.ts";

export interface LoadBrandAssistantOptions {
  readonly brandSlug: string;
  /** Portal address used in the links of action answers ("start a return" …). */
  readonly portalBaseUrl?: string | undefined;
}

export interface BrandAssistant {
  readonly brandSlug: string;
  readonly passageCount: number;
  ask(question: string): AssistantAnswer;
}

export interface AskAssistantOptions extends LoadBrandAssistantOptions {
  readonly question: string;
}

const MAX_QUESTION_CHARS = 2000;

export async function loadBrandPassages(db: Db, brandId: string): Promise<Passage[]> {
  return db
    .selectFrom("kb_passages")
    .innerJoin("kb_documents", "kb_documents.id", "kb_passages.document_id")
    .select([
      "kb_documents.name as document",
      "kb_passages.position",
      "kb_passages.heading",
      "kb_passages.text",
      "kb_passages.article_title as title",
      "kb_passages.article_url as url",
    ])
    .where("kb_passages.brand_id", "=", brandId)
    .orderBy("kb_documents.name")
    .orderBy("kb_passages.position")
    .execute();
}

export async function loadBrandAssistant(
  db: Db,
  options: LoadBrandAssistantOptions,
): Promise<BrandAssistant> {
  const brand = await requireBrand(db, options.brandSlug);
  const passages = await loadBrandPassages(db, brand.id);
  const assistant = createBrandAssistant(passages, {
    brandSlug: brand.slug,
    portalBaseUrl: options.portalBaseUrl,
  });
  return {
    brandSlug: brand.slug,
    passageCount: passages.length,
    ask(question) {
      const text = question.trim();
      if (!text) throw new AppError("VALIDATION", "the question is empty", { field: "question" });
      if (text.length > MAX_QUESTION_CHARS) {
        throw new AppError("VALIDATION", `the question is longer than ${MAX_QUESTION_CHARS} characters`, {
          field: "question",
        });
      }
      return assistant.ask(text);
    },
  };
}

export async function askAssistant(db: Db, options: AskAssistantOptions): Promise<AssistantAnswer> {
  const assistant = await loadBrandAssistant(db, options);
  return assistant.ask(options.question);
}
