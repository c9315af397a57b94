import { z } from "zod";

export const ZAssistantBrandParams = z.object({ brand: z.string().min(1).max(40) });
export type TAssistantBrandParams = z.infer<typeof ZAssistantBrandParams>;

export const ZConversationParams = z.object({
  brand: z.string().min(1).max(40),
  id: z.string().min(1).max(64),
});
export type TConversationParams = z.infer<typeof ZConversationParams>;

export const ZAskBody = z.object({
  /** Echoed back, so a batch of questions can be matched to its answers. */
  id: z.union([z.string().max(200), z.number()]).optional(),
  question: z.string().min(1).max(2000),
});
export type TAskBody = z.infer<typeof ZAskBody>;

const ZCitation = z.object({
  document: z.string(),
  text: z.string().max(600).describe("a verbatim passage of the brand's document"),
  title: z.string().optional().describe("the help article quoted, when the imported page names it"),
  url: z.string().optional().describe("the help article's public address, when known"),
});

const ZIntent = z.enum([
  "faq",
  "track_order",
  "start_return",
  "start_exchange",
  "change_order",
  "cancel_order",
  "report_missing",
  "report_faulty",
  "lost_parcel",
  "talk_to_person",
]);

/** The answer document of docs/contract.md. */
export const ZAnswer = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  answer: z.string(),
  citations: z.array(ZCitation).describe("best first"),
  confidence: z.number().min(0).max(1),
  handoff: z.boolean().describe("true when the brand's documents do not answer; a person is offered"),
  intent: ZIntent,
  action: z.object({ flow: z.string(), url: z.string() }).optional(),
});
export type TAnswer = z.infer<typeof ZAnswer>;

export const ZStartConversationBody = z.object({
  /** The first message; without one the conversation simply opens. */
  text: z.string().max(2000).optional(),
});
export type TStartConversationBody = z.infer<typeof ZStartConversationBody>;

export const ZChatMessageBody = z.object({ text: z.string().min(1).max(2000) });
export type TChatMessageBody = z.infer<typeof ZChatMessageBody>;

export const ZHandoffBody = z.object({
  /** Where the team answers; a shopper signed in to an order need not give it. */
  email: z.email().max(320).optional(),
});
export type THandoffBody = z.infer<typeof ZHandoffBody>;

export const ZConversation = z.object({
  id: z.string(),
  brand: z.string(),
  status: z.enum(["active", "handoff_offered", "handed_off"]),
  handoff: z.object({
    offered: z.boolean(),
    accepted: z.boolean(),
    caseId: z.string().nullable(),
    caseStatus: z.string().nullable(),
    agentAssigned: z.boolean(),
    at: z.string().nullable(),
  }),
  messages: z.array(
    z.object({
      role: z.enum(["shopper", "assistant", "agent"]),
      text: z.string(),
      at: z.string(),
      citations: z.array(ZCitation).optional(),
      toCase: z.boolean().optional(),
    }),
  ),
});

export const ZChatTurn = z.object({
  conversation: ZConversation,
  reply: ZAnswer.nullable().describe("null when the message went to the team's case"),
});
