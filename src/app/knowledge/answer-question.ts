// Answers one shopper question for a brand: the brand's cached assistant gives the extractive answer
// with its citations, and when an OpenAI-compatible endpoint is configured the answer is reworded
// under the guard in assistant/rephrase.ts. Off by default; the citations never change.
import { type FetchLike, type RephraseConfig, rephraseAnswer } from "../../assistant/rephrase.ts";
import type { AssistantAnswer } from "../../assistant/types.ts";
import type { BrandAssistantCache } from "./brand-assistant-cache.ts";

/** How the chat and the ask endpoint obtain an answer; tests pass their own. */
export type AnswerFn = (brandSlug: string, question: string) => Promise<AssistantAnswer>;

export interface AnswererOptions {
  readonly cache: BrandAssistantCache;
  /** The rephrasing endpoint, or null to answer extractively (the default). */
  readonly llm?: RephraseConfig | null | undefined;
  readonly fetchImpl?: FetchLike | undefined;
  /** Told why a rewording was not used, for the logs. */
  readonly onKept?: ((reason: string) => void) | undefined;
}

export function createAnswerer(options: AnswererOptions): AnswerFn {
  return async (brandSlug, question) => {
    const assistant = await options.cache.get(brandSlug);
    const answer = assistant.ask(question);
    if (!options.llm) return answer;
    const outcome = await rephraseAnswer(answer, options.llm, options.fetchImpl);
    if (outcome.kind === "kept" && outcome.reason !== "nothing to rephrase") options.onKept?.(outcome.reason);
    return outcome.answer;
  };
}
