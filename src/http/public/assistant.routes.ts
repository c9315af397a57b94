// The assistant over HTTP: one-off questions (the contract's answer JSON) and the chat widget's
// conversations with handoff to a person. Public: a conversation's random id is the shopper's key.

import { createAnswerer } from "../../app/knowledge/answer-question.ts";
import {
  acceptHandoff,
  getConversation,
  sendChatMessage,
  startConversation,
} from "../../app/knowledge/assistant-chat.ts";
import { brandAssistantCacheFor } from "../../app/knowledge/brand-assistant-cache.ts";
import type { AssistantAnswer } from "../../assistant/types.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute, type RouteSpec } from "../route.ts";
import {
  ZAnswer,
  ZAskBody,
  ZAssistantBrandParams,
  ZChatMessageBody,
  ZChatTurn,
  ZConversation,
  ZConversationParams,
  ZHandoffBody,
  ZStartConversationBody,
} from "./assistant.schema.ts";

/** Exactly the contract's fields, whatever else the engine may carry. */
export function answerJson(answer: AssistantAnswer, id?: string | number) {
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
    ...(answer.action ? { action: { flow: answer.action.flow, url: answer.action.url } } : {}),
  };
}

export function assistantRoutes(deps: ServerDeps): RouteSpec[] {
  const db = deps.store.db;
  const answer = createAnswerer({
    cache: brandAssistantCacheFor(db, deps.config.portalBaseUrl),
    llm: deps.config.assistantLlm,
  });
  const base = "/api/v1/brands/:brand/assistant";
  return [
    defineRoute({
      method: "POST",
      url: `${base}/ask`,
      summary: "Answer one question from the brand's own help pages, with verbatim citations",
      tags: ["assistant"],
      access: { kind: "public" },
      params: ZAssistantBrandParams,
      body: ZAskBody,
      response: ZAnswer,
      handler: async ({ params, body }) => answerJson(await answer(params.brand, body.question), body.id),
    }),
    defineRoute({
      method: "POST",
      url: `${base}/conversations`,
      summary: "Start a chat with the assistant, optionally with a first message",
      tags: ["assistant"],
      access: { kind: "public" },
      params: ZAssistantBrandParams,
      body: ZStartConversationBody,
      response: ZChatTurn,
      status: 201,
      handler: async ({ params, body, actor }) => {
        const turn = await startConversation(db, {
          brandSlug: params.brand,
          text: body.text,
          actor,
          now: deps.now(),
          answer,
        });
        return { conversation: turn.conversation, reply: turn.reply && answerJson(turn.reply) };
      },
    }),
    defineRoute({
      method: "POST",
      url: `${base}/conversations/:id/messages`,
      summary: "Send a message: the assistant answers, or the team's case receives it after a handoff",
      tags: ["assistant"],
      access: { kind: "public" },
      params: ZConversationParams,
      body: ZChatMessageBody,
      response: ZChatTurn,
      handler: async ({ params, body, actor }) => {
        const turn = await sendChatMessage(db, {
          brandSlug: params.brand,
          conversationId: params.id,
          text: body.text,
          actor,
          now: deps.now(),
          answer,
        });
        return { conversation: turn.conversation, reply: turn.reply && answerJson(turn.reply) };
      },
    }),
    defineRoute({
      method: "POST",
      url: `${base}/conversations/:id/handoff`,
      summary: "Accept a person: open a support case holding the whole conversation",
      tags: ["assistant"],
      access: { kind: "public" },
      params: ZConversationParams,
      body: ZHandoffBody,
      response: ZConversation,
      handler: async ({ params, body, actor, request }) =>
        acceptHandoff(db, {
          brandSlug: params.brand,
          conversationId: params.id,
          email: body.email,
          actor,
          now: deps.now(),
          requestId: String(request.id),
        }),
    }),
    defineRoute({
      method: "GET",
      url: `${base}/conversations/:id`,
      summary: "A conversation's history and handoff state",
      tags: ["assistant"],
      access: { kind: "public" },
      params: ZConversationParams,
      response: ZConversation,
      handler: async ({ params }) =>
        getConversation(db, { brandSlug: params.brand, conversationId: params.id }),
    }),
  ];
}
