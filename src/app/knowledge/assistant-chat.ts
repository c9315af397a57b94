// The assistant as a conversation for the portal's chat widget. The conversation's id is a random
// id and is the shopper's only key to it. Until the shopper accepts a person, the assistant answers;
// once they accept, a support case holds the whole conversation and every later message goes to that
// case. The handoff state is read again inside the transaction that stores the assistant's reply, so
// a reply computed while the conversation was being handed over is dropped instead of talking over
// the team.

import { PostgresAdapter } from "kysely";
import { signedInFlowUrl } from "../../assistant/intents.ts";
import type { AssistantAnswer, Citation } from "../../assistant/types.ts";
import type { Db } from "../../db/database.ts";
import { newId } from "../../db/database.ts";
import type { Brand } from "../../db/schema.ts";
import { requireBrand } from "../brands/require-brand.ts";
import { requireText } from "../cases/case-access.ts";
import { insertCase, type NewCaseMessage } from "../cases/create-case.ts";
import { listCaseMessages } from "../cases/get-case.ts";
import { addCustomerMessage } from "../cases/reply-to-case.ts";
import type { Actor } from "../kernel/actor.ts";
import { recordAudit } from "../kernel/audit.ts";
import { AppError, notFound } from "../kernel/errors.ts";
import type { AnswerFn } from "./answer-question.ts";

export type ConversationStatus = "active" | "handoff_offered" | "handed_off";

export interface ChatMessage {
  readonly role: "shopper" | "assistant" | "agent";
  readonly text: string;
  readonly at: string;
  readonly citations?: readonly Citation[] | undefined;
  /** A shopper message sent after the handoff, delivered to the case instead of the assistant. */
  readonly toCase?: boolean | undefined;
}

export interface ConversationView {
  readonly id: string;
  readonly brand: string;
  readonly status: ConversationStatus;
  readonly handoff: {
    /** The assistant could not answer and offered a person. */
    readonly offered: boolean;
    readonly accepted: boolean;
    readonly caseId: string | null;
    readonly caseStatus: string | null;
    /** Someone on the team has taken the case. */
    readonly agentAssigned: boolean;
    readonly at: string | null;
  };
  readonly messages: readonly ChatMessage[];
}

export interface ChatTurn {
  readonly conversation: ConversationView;
  /** The assistant's answer, or null when the message went to the team's case. */
  readonly reply: AssistantAnswer | null;
}

interface ChatContext {
  readonly brandSlug: string;
  readonly actor: Actor;
  readonly now: Date;
}

const MAX_MESSAGE_CHARS = 2000;
/** Keeps the stored history bounded; a very long chat is better started afresh. */
const MAX_MESSAGES = 200;
const SUBJECT_CHARS = 80;

type ConversationRow = {
  id: string;
  brand_id: string;
  case_id: string | null;
  status: string;
  messages: string;
  handoff_at: string | null;
};

async function readConversation(db: Db, brand: Brand, id: string, lock: boolean): Promise<ConversationRow> {
  let query = db
    .selectFrom("assistant_conversations")
    .select(["id", "brand_id", "case_id", "status", "messages", "handoff_at"])
    .where("id", "=", id)
    .where("brand_id", "=", brand.id);
  // SQLite runs one writer at a time already; PostgreSQL needs the row lock to serialise turns.
  if (lock && db.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw notFound("conversation", id);
  return row;
}

function parseMessages(json: string): ChatMessage[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? (parsed as ChatMessage[]) : [];
}

function statusOf(row: ConversationRow): ConversationStatus {
  if (row.case_id !== null) return "handed_off";
  return row.status === "handoff_offered" ? "handoff_offered" : "active";
}

async function viewOf(db: Db, brand: Brand, row: ConversationRow): Promise<ConversationView> {
  const messages = parseMessages(row.messages);
  let caseStatus: string | null = null;
  let agentAssigned = false;
  if (row.case_id !== null) {
    const supportCase = await db
      .selectFrom("support_cases")
      .select(["status", "assignee_id"])
      .where("id", "=", row.case_id)
      .executeTakeFirst();
    caseStatus = supportCase?.status ?? null;
    agentAssigned = (supportCase?.assignee_id ?? null) !== null;
    // The team answers on the case; their public replies belong in the chat history too.
    const replies = await listCaseMessages(db, row.case_id, {
      includeInternal: false,
      since: row.handoff_at ?? "",
    });
    for (const reply of replies) {
      if (reply.authorType === "staff")
        messages.push({ role: "agent", text: reply.body, at: reply.createdAt });
    }
    messages.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  }
  const status = statusOf(row);
  return {
    id: row.id,
    brand: brand.slug,
    status,
    handoff: {
      offered: status !== "active",
      accepted: row.case_id !== null,
      caseId: row.case_id,
      caseStatus,
      agentAssigned,
      at: row.handoff_at,
    },
    messages,
  };
}

/**
 * A shopper signed in to an order who asks about it ("where is my parcel") is pointed to that
 * order's page rather than to the page that finds an order first.
 */
function toOrderPage(answer: AssistantAnswer, brandSlug: string): AssistantAnswer {
  if (!answer.action) return answer;
  const { url } = answer.action;
  const base = url.slice(0, Math.max(0, url.indexOf(`/b/${encodeURIComponent(brandSlug)}`)));
  const orderPage = signedInFlowUrl(answer.action.flow, base, brandSlug);
  if (!orderPage) return answer;
  return {
    ...answer,
    answer: answer.answer.split(url).join(orderPage),
    action: { flow: answer.action.flow, url: orderPage },
  };
}

function offersPerson(answer: AssistantAnswer): boolean {
  return answer.handoff || answer.intent === "talk_to_person";
}

export async function getConversation(
  db: Db,
  options: { readonly brandSlug: string; readonly conversationId: string },
): Promise<ConversationView> {
  const brand = await requireBrand(db, options.brandSlug);
  return viewOf(db, brand, await readConversation(db, brand, options.conversationId, false));
}

/** Stores a shopper's message and, while no person has the conversation, the assistant's answer. */
export async function sendChatMessage(
  db: Db,
  options: ChatContext & {
    readonly conversationId: string;
    readonly text: string;
    readonly answer: AnswerFn;
  },
): Promise<ChatTurn> {
  const text = requireText(options.text, "text", MAX_MESSAGE_CHARS);
  const brand = await requireBrand(db, options.brandSlug);
  const before = await readConversation(db, brand, options.conversationId, false);
  // Answering can take a while (a rephrasing endpoint); do it outside the transaction.
  const answered = before.case_id === null ? await options.answer(brand.slug, text) : null;
  const signedIn = options.actor.type === "shopper" && options.actor.brandId === brand.id;
  const answer = answered && signedIn ? toOrderPage(answered, brand.slug) : answered;

  const turn = await db.transaction().execute(async (trx) => {
    const row = await readConversation(trx, brand, options.conversationId, true);
    const messages = parseMessages(row.messages);
    if (messages.length + 2 > MAX_MESSAGES) {
      throw new AppError("CONFLICT", "This conversation is full; please start a new one.");
    }
    const at = options.now.toISOString();
    let status: ConversationStatus;
    let reply: AssistantAnswer | null = null;
    if (row.case_id !== null || answer === null) {
      // Handed to the team (possibly while the answer was being prepared): the case gets the message.
      const supportCase = await trx
        .selectFrom("support_cases")
        .selectAll()
        .where("id", "=", row.case_id ?? "")
        .executeTakeFirst();
      if (!supportCase) throw notFound("case", row.case_id ?? "");
      await addCustomerMessage(trx, options.actor, supportCase, text, options.now);
      messages.push({ role: "shopper", text, at, toCase: true });
      status = "handed_off";
    } else {
      reply = answer;
      messages.push({ role: "shopper", text, at });
      messages.push({ role: "assistant", text: answer.answer, at, citations: answer.citations });
      status = offersPerson(answer) ? "handoff_offered" : "active";
    }
    await trx
      .updateTable("assistant_conversations")
      .set({ messages: JSON.stringify(messages), status, updated_at: at })
      .where("id", "=", row.id)
      .execute();
    return { row: { ...row, status, messages: JSON.stringify(messages) }, reply };
  });
  return { conversation: await viewOf(db, brand, turn.row), reply: turn.reply };
}

/** Opens a conversation, answering its first message when there is one. */
export async function startConversation(
  db: Db,
  options: ChatContext & { readonly text?: string | undefined; readonly answer: AnswerFn },
): Promise<ChatTurn> {
  const brand = await requireBrand(db, options.brandSlug);
  const at = options.now.toISOString();
  const id = newId();
  await db
    .insertInto("assistant_conversations")
    .values({ id, brand_id: brand.id, case_id: null, handoff_at: null, created_at: at, updated_at: at })
    .execute();
  if (options.text === undefined || options.text.trim() === "") {
    return {
      conversation: await getConversation(db, { brandSlug: brand.slug, conversationId: id }),
      reply: null,
    };
  }
  return sendChatMessage(db, { ...options, conversationId: id, text: options.text });
}

/**
 * The shopper accepts a person: a chat case is opened holding the whole conversation, linked to the
 * conversation and, when the shopper is signed in to an order of this brand, to that order. Accepting
 * twice returns the same case.
 */
export async function acceptHandoff(
  db: Db,
  options: ChatContext & {
    readonly conversationId: string;
    /** Where the team can answer; not needed when the shopper is signed in to an order. */
    readonly email?: string | undefined;
    readonly requestId?: string | null | undefined;
  },
): Promise<ConversationView> {
  const { actor, now } = options;
  const brand = await requireBrand(db, options.brandSlug);
  const row = await db.transaction().execute(async (trx) => {
    const current = await readConversation(trx, brand, options.conversationId, true);
    if (current.case_id !== null) return current;

    const signedIn = actor.type === "shopper" && actor.brandId === brand.id ? actor : null;
    const email = (signedIn?.email ?? options.email ?? "").trim().toLowerCase();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      throw new AppError("VALIDATION", "an email address is needed so the team can answer you", {
        field: "email",
      });
    }
    const messages = parseMessages(current.messages);
    const firstQuestion = messages.find((m) => m.role === "shopper")?.text ?? "Chat with the assistant";
    // The case thread is ordered by time; a question and its answer share a moment, so each copy is
    // stamped at least a millisecond after the one before to keep the conversation's order.
    let previous = 0;
    const caseMessages: NewCaseMessage[] = messages.map((m) => {
      previous = Math.max(Date.parse(m.at), previous + 1);
      const createdAt = new Date(previous).toISOString();
      return m.role === "shopper"
        ? { direction: "inbound", authorType: "customer", authorId: email, body: m.text, createdAt }
        : { direction: "outbound", authorType: "assistant", authorId: null, body: m.text, createdAt };
    });
    const supportCase = await insertCase(
      trx,
      actor,
      {
        brandId: brand.id,
        orderId: signedIn?.orderId ?? null,
        customerEmail: email,
        subject: `Chat: ${firstQuestion.slice(0, SUBJECT_CHARS)}`,
        channel: "chat",
        priority: "normal",
        messages: caseMessages,
        requestId: options.requestId,
      },
      now,
    );
    const at = now.toISOString();
    await trx
      .updateTable("assistant_conversations")
      .set({ case_id: supportCase.id, status: "handed_off", handoff_at: at, updated_at: at })
      .where("id", "=", current.id)
      .execute();
    await recordAudit(
      trx,
      actor,
      {
        brandId: brand.id,
        action: "conversation.handoff",
        entityType: "assistant_conversation",
        entityId: current.id,
        before: { status: current.status },
        after: { status: "handed_off", caseId: supportCase.id },
        requestId: options.requestId ?? null,
      },
      now,
    );
    return { ...current, case_id: supportCase.id, status: "handed_off", handoff_at: at };
  });
  return viewOf(db, brand, row);
}
