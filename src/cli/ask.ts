// `aftercare ask --brand SLUG [--json] "QUESTION"` answers one question from the brand's knowledge base;
// `aftercare ask --brand SLUG --jsonl` answers {"id","question"} lines from standard input, one answer
// line each, with the brand's assistant built once for the whole batch.
import { createInterface } from "node:readline";
import { AppError } from "../app/kernel/errors.ts";
import { type BrandAssistant, loadBrandAssistant } from "../app/knowledge/ask-assistant.ts";
import type { AssistantAnswer } from "../assistant/types.ts";
import { parseCommandArgs } from "./args.ts";
import { CliError } from "./cli-error.ts";
import { withStore } from "./with-store.ts";

const USAGE = `usage:
  aftercare ask --brand SLUG [--json] "QUESTION"
  aftercare ask --brand SLUG --jsonl  < questions.jsonl   (lines of {"id","question"})
`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("ask", argv, {
    brand: { type: "string" },
    json: { type: "boolean" },
    jsonl: { type: "boolean" },
  });
  const slug = values.brand;
  if (!slug) throw new CliError(`ask: --brand is required\n${USAGE}`);
  const question = positionals.join(" ").trim();
  if (values.jsonl && question)
    throw new CliError(`ask: --jsonl reads questions from standard input\n${USAGE}`);
  if (!values.jsonl && !question) throw new CliError(`ask: no question given\n${USAGE}`);

  return withStore(async ({ db }, config) => {
    const assistant = await loadBrandAssistant(db, { brandSlug: slug, portalBaseUrl: config.portalBaseUrl });
    if (values.jsonl) return answerLines(assistant);
    const answer = assistant.ask(question);
    process.stdout.write(values.json ? `${JSON.stringify(answerJson(answer))}\n` : formatAnswer(answer));
    return 0;
  });
}

/** The contract's answer shape, keys in the documented order. */
function answerJson(answer: AssistantAnswer, id?: unknown) {
  return {
    ...(id === undefined ? {} : { id }),
    answer: answer.answer,
    citations: answer.citations.map((c) => ({
      document: c.document,
      text: c.text,
      ...(c.title ? { title: c.title } : {}),
      ...(c.url ? { url: c.url } : {}),
    })),
    confidence: answer.confidence,
    handoff: answer.handoff,
    intent: answer.intent,
    ...(answer.action ? { action: answer.action } : {}),
  };
}

function formatAnswer(answer: AssistantAnswer): string {
  const lines = [answer.answer];
  if (answer.action) lines.push("", `→ ${answer.action.url}`);
  if (answer.citations.length) {
    lines.push("", "Sources:");
    answer.citations.forEach((c, i) => {
      const source = c.title ? `${c.title}${c.url ? ` <${c.url}>` : ""}` : c.document;
      lines.push(`  [${i + 1}] ${source}: “${c.text}”`);
    });
  }
  return `${lines.join("\n")}\n`;
}

async function answerLines(assistant: BrandAssistant): Promise<number> {
  let failed = false;
  const input = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  for await (const line of input) {
    lineNumber++;
    if (!line.trim()) continue;
    const parsed = parseQuestionLine(line, lineNumber);
    if ("error" in parsed) {
      failed = true;
      process.stdout.write(
        `${JSON.stringify({ id: parsed.id, error: { code: "INVALID_LINE", message: parsed.error } })}\n`,
      );
      continue;
    }
    try {
      process.stdout.write(`${JSON.stringify(answerJson(assistant.ask(parsed.question), parsed.id))}\n`);
    } catch (error) {
      // One bad question (empty, too long) must not lose the answers to the rest of the batch.
      if (!(error instanceof AppError)) throw error;
      failed = true;
      process.stdout.write(
        `${JSON.stringify({ id: parsed.id, error: { code: error.code, message: error.message } })}\n`,
      );
    }
  }
  return failed ? 1 : 0;
}

type QuestionLine = { id: unknown; question: string } | { id: unknown; error: string };

function parseQuestionLine(line: string, lineNumber: number): QuestionLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { id: null, error: `line ${lineNumber}: not JSON` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { id: null, error: `line ${lineNumber}: expected an object {"id","question"}` };
  }
  const record = value as Record<string, unknown>;
  const id = record.id ?? null;
  if (typeof record.question !== "string") {
    return { id, error: `line ${lineNumber}: "question" must be a string` };
  }
  return { id, question: record.question };
}
