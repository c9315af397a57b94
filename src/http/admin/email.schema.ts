import { z } from "zod";

export const ZOutboundEmailQuery = z.object({
  brand: z.string().min(1).max(40).optional(),
  status: z.enum(["queued", "held", "sent", "failed"]).optional(),
  caseId: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const ZOutboundEmail = z.object({
  id: z.string(),
  brandId: z.string(),
  caseId: z.string().nullable(),
  orderId: z.string().nullable(),
  template: z.string(),
  to: z.string(),
  from: z.string(),
  replyTo: z.string().nullable(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  messageId: z.string(),
  inReplyTo: z.string().nullable(),
  status: z.string().describe("queued, held (no SMTP_URL: kept for staff), sent or failed"),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export const ZOutboundEmailList = z.object({ emails: z.array(ZOutboundEmail) });

export const ZDeadLetterQuery = z.object({
  status: z.enum(["open", "reprocessed"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export const ZDeadLetter = z.object({
  id: z.string(),
  mailFrom: z.string().nullable(),
  recipients: z.array(z.string()),
  sizeBytes: z.number(),
  reason: z.string(),
  status: z.string(),
  attempts: z.number(),
  caseId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const ZDeadLetterList = z.object({ deadLetters: z.array(ZDeadLetter) });
export const ZDeadLetterParams = z.object({ id: z.string().min(1).max(64) });
export const ZDeadLetterRetry = z.object({
  outcome: z.string(),
  caseId: z.string().nullable(),
  reason: z.string().nullable(),
});

export const ZWebhookDeliveryQuery = z.object({
  subscriptionId: z.string().min(1).max(64).optional(),
  failed: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export const ZWebhookDelivery = z.object({
  id: z.string(),
  subscriptionId: z.string(),
  url: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  attempt: z.number(),
  statusCode: z.number().nullable(),
  ok: z.boolean(),
  error: z.string().nullable(),
  durationMs: z.number(),
  createdAt: z.string(),
});
export const ZWebhookDeliveryList = z.object({ deliveries: z.array(ZWebhookDelivery) });

export const ZOutboxQuery = z.object({
  /** pending: not handed to email, jobs and webhooks yet; published: handed over. */
  state: z.enum(["pending", "published"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export const ZOutboxEvent = z.object({
  id: z.string(),
  brandId: z.string().nullable(),
  eventType: z.string(),
  aggregateType: z.string(),
  aggregateId: z.string(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
});
export const ZOutboxEventList = z.object({ events: z.array(ZOutboxEvent) });
