// Optional rephrasing of an extractive answer through an OpenAI-compatible chat-completions endpoint.
// The cited passages stay the source of truth: the model may only reword them, and a guard throws away
// any rewording that brings in something the passages do not say (a number, an amount, a duration, an
// email address, a link, a name) or that flips a "not". Anything going wrong (no answer in time, an
// error, a rejected rewording) leaves the shopper with the extractive answer, which is always safe.
import type { AssistantAnswer } from "./types.ts";

export interface RephraseConfig {
  /** The chat-completions URL, or an API base (".../v1") that it is appended to. */
  readonly url: string;
  readonly model?: string | undefined;
  readonly apiKey?: string | undefined;
  /** Give up and keep the extractive answer after this long (default 4 s). */
  readonly timeoutMs?: number | undefined;
}

export type RephraseOutcome =
  | { readonly kind: "rephrased"; readonly answer: AssistantAnswer }
  | { readonly kind: "kept"; readonly answer: AssistantAnswer; readonly reason: string };

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

const DEFAULT_TIMEOUT_MS = 4000;
const MAX_REPHRASED_CHARS = 1500;

const SYSTEM_PROMPT = [
  "You reword a customer-care answer for an online shop so it reads naturally.",
  "Use only facts stated in the passages. Do not add numbers, prices, times, names, links or conditions.",
  "Keep every limit and every negation. Reply with the reworded answer only, in at most four sentences.",
].join(" ");

export function completionsUrl(url: string): string {
  const trimmed = url.replace(/\/+$/, "");
  return /\/chat\/completions$/.test(trimmed) ? trimmed : `${trimmed}/chat/completions`;
}

/** Rewords `answer` when that is safe; otherwise returns it unchanged with the reason. */
export async function rephraseAnswer(
  answer: AssistantAnswer,
  config: RephraseConfig,
  fetchImpl: FetchLike = fetch,
): Promise<RephraseOutcome> {
  // A handoff says plainly that the documents do not answer; there is nothing to reword.
  if (answer.handoff || answer.citations.length === 0) {
    return { kind: "kept", answer, reason: "nothing to rephrase" };
  }
  const passages = answer.citations.map((c) => c.text);
  let candidate: string;
  try {
    candidate = await requestRephrasing(answer.answer, passages, config, fetchImpl);
  } catch (error) {
    return { kind: "kept", answer, reason: `rephrasing failed: ${describe(error)}` };
  }
  const problem = unsupportedFact(candidate, [...passages, answer.answer], answer.answer);
  if (problem) return { kind: "kept", answer, reason: problem };
  return { kind: "rephrased", answer: { ...answer, answer: candidate } };
}

async function requestRephrasing(
  extractive: string,
  passages: readonly string[],
  config: RephraseConfig,
  fetchImpl: FetchLike,
): Promise<string> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (config.apiKey) headers.authorization = `Bearer ${config.apiKey}`;
  const user = [
    "Passages:",
    ...passages.map((p, i) => `[${i + 1}] ${p}`),
    "",
    "Answer to reword:",
    extractive,
  ].join("\n");
  const response = await fetchImpl(completionsUrl(config.url), {
    method: "POST",
    headers,
    body: JSON.stringify({
      model: config.model ?? "default",
      temperature: 0,
      messages: [
        { role: "system", content: SYSTEM_PROMPT },
        { role: "user", content: user },
      ],
    }),
    signal: AbortSignal.timeout(config.timeoutMs ?? DEFAULT_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`endpoint answered ${response.status}`);
  const body: unknown = await response.json();
  const content = messageContent(body)?.trim();
  if (!content) throw new Error("endpoint returned no text");
  if (content.length > MAX_REPHRASED_CHARS) throw new Error("endpoint returned an over-long text");
  return content;
}

function messageContent(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null || !("choices" in body)) return undefined;
  const choices = body.choices;
  if (!Array.isArray(choices)) return undefined;
  const first: unknown = choices[0];
  if (typeof first !== "object" || first === null || !("message" in first)) return undefined;
  const message = first.message;
  if (typeof message !== "object" || message === null || !("content" in message)) return undefined;
  return typeof message.content === "string" ? message.content : undefined;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.name === "TimeoutError" ? "timed out" : error.message;
  return String(error);
}

// ---------------------------------------------------------------------------------------------------
// The guard. It compares what the rewording states with what the sources state, after normalising
// spellings that mean the same ("ten" and "10", "$10.00" and "$10").

const NUMBER_WORDS: Readonly<Record<string, string>> = {
  zero: "0",
  one: "1",
  two: "2",
  three: "3",
  four: "4",
  five: "5",
  six: "6",
  seven: "7",
  eight: "8",
  nine: "9",
  ten: "10",
  eleven: "11",
  twelve: "12",
  thirteen: "13",
  fourteen: "14",
  fifteen: "15",
  sixteen: "16",
  seventeen: "17",
  eighteen: "18",
  nineteen: "19",
  twenty: "20",
  thirty: "30",
  forty: "40",
  fifty: "50",
  sixty: "60",
  ninety: "90",
  hundred: "100",
};

const UNITS = /^(minute|hour|day|week|month|year|weekday)s?$/;
const CURRENCY = /[$€£¥₺]|\b(?:usd|eur|gbp|mxn|try|dollars?|euros?|pounds?|pesos?|lira)\b/gi;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>()"']+/gi;
const NEGATION =
  /\b(?:not|no|never|cannot|can't|won't|don't|doesn't|isn't|aren't|wasn't|weren't|shouldn't|mustn't|unable|neither|nor|none|nothing|non)\b|n't\b/gi;

function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9']+/g) ?? [];
}

/** Every number stated, as digits: "ten", "10" and "10.00" all become "10". */
function numbers(text: string): Set<string> {
  const out = new Set<string>();
  for (const raw of text.match(/\d[\d,]*(?:\.\d+)?/g) ?? []) {
    out.add(raw.replaceAll(",", "").replace(/\.0+$/, ""));
  }
  for (const word of words(text)) {
    const digit = NUMBER_WORDS[word];
    if (digit) out.add(digit);
  }
  return out;
}

/** Units of time the text mentions ("working days" → "day"). */
function units(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of words(text)) {
    const m = UNITS.exec(word);
    if (m?.[1]) out.add(m[1] === "weekday" ? "day" : m[1]);
  }
  return out;
}

function matches(text: string, pattern: RegExp): Set<string> {
  return new Set((text.match(pattern) ?? []).map((m) => m.toLowerCase().replace(/[.,;:!?]+$/, "")));
}

/**
 * Capitalised words that read as names: inside a sentence, or all capitals / mixed case anywhere
 * ("UPS", "FedEx"). A sentence's first word is capitalised anyway, so it only counts when it looks
 * like a name on its own.
 */
function names(text: string): Set<string> {
  const out = new Set<string>();
  const tokens = text.split(/\s+/);
  let sentenceStart = true;
  for (const token of tokens) {
    const word = token.replace(/^[^\p{L}\d]+|[^\p{L}\d]+$/gu, "");
    if (word && /^\p{Lu}/u.test(word) && word !== "I") {
      const nameLike = /\p{Lu}.*\p{Lu}/u.test(word) || /\p{Ll}\p{Lu}/u.test(word);
      if (!sentenceStart || nameLike) out.add(word.toLowerCase());
    }
    if (token) sentenceStart = /[.!?:]["')\]]*$/.test(token);
  }
  return out;
}

function negations(text: string): number {
  return (text.match(NEGATION) ?? []).length;
}

/**
 * Why `candidate` cannot be shown, or null when everything it states is in `sources`. `extractive`
 * is the answer it replaces: a rewording must keep that answer's negations.
 */
export function unsupportedFact(
  candidate: string,
  sources: readonly string[],
  extractive: string,
): string | null {
  const source = sources.join("\n");
  const sourceWords = new Set(words(source));
  const checks: readonly [string, Set<string>, Set<string>][] = [
    ["number", numbers(candidate), numbers(source)],
    ["duration", units(candidate), units(source)],
    ["amount", matches(candidate, CURRENCY), matches(source, CURRENCY)],
    ["email address", matches(candidate, EMAIL), matches(source, EMAIL)],
    ["link", matches(candidate, URL_PATTERN), matches(source, URL_PATTERN)],
  ];
  for (const [kind, stated, known] of checks) {
    for (const value of stated) {
      if (!known.has(value)) return `rephrasing adds a ${kind} not in the passages: ${value}`;
    }
  }
  if (/%|\bper ?cent\b/i.test(candidate) && !/%|\bper ?cent\b/i.test(source)) {
    return "rephrasing adds a percentage not in the passages";
  }
  for (const name of names(candidate)) {
    const parts = words(name);
    if (!parts.every((p) => sourceWords.has(p))) return `rephrasing adds a name not in the passages: ${name}`;
  }
  const kept = negations(candidate);
  if (negations(extractive) > 0 && kept === 0) return "rephrasing drops a negation";
  if (kept > negations(source)) return "rephrasing adds a negation";
  return null;
}
