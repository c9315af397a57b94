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
  // Answers depend only on the question and this index, so the questions asked most (a sale day asks
  // the same few thousands of times) are answered once per index; a rebuilt index starts afresh.
  const answers = new Map<string, AssistantAnswer>();
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
      let answer = answers.get(text);
      if (answer) {
        // Most recently used last: the Map's order is the eviction order.
        answers.delete(text);
      } else {
        answer = deepFreeze(assistant.ask(text));
        if (answers.size >= ANSWER_CACHE_SIZE) {
          const oldest = answers.keys().next().value;
          if (oldest !== undefined) answers.delete(oldest);
        }
      }
      answers.set(text, answer);
      return answer;
    },
  };
}

/** Answers kept per built index; the least recently asked question is dropped beyond this. */
export const ANSWER_CACHE_SIZE = 2000;

/** A shared answer must not be changed by one caller under another. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

export async function askAssistant(db: Db, options: AskAssistantOptions): Promise<AssistantAnswer> {
  const assistant = await loadBrandAssistant(db, options);
  return assistant.ask(options.question);
}
