import { z } from "zod";
import { CASE_CHANNELS, CASE_PRIORITIES, CASE_STATUSES } from "../../app/cases/case-access.ts";
import { REQUEST_TYPES } from "../../app/service-levels/service-settings.ts";

export const ZCaseParams = z.object({ id: z.string().min(1).max(64) });
export type TCaseParams = z.infer<typeof ZCaseParams>;

export const ZAttachmentParams = z.object({
  id: z.string().min(1).max(64),
  messageId: z.string().min(1).max(64),
  index: z.coerce.number().int().min(0).max(50),
});

export const ZListCasesQuery = z.object({
  brand: z.string().min(1).max(40).optional(),
  status: z.enum(CASE_STATUSES).optional(),
  /** A staff user id, or "none" for the unassigned queue. */
  assignee: z.string().min(1).max(64).optional(),
  /** An order number; needs `brand` unless the user works for one brand. */
  order: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  channel: z.enum(CASE_CHANNELS).optional(),
  requestType: z.enum(REQUEST_TYPES).optional(),
  /** at_risk: a target near breach or breached and not yet met; breached: a target missed. */
  sla: z.enum(["at_risk", "breached"]).optional(),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe("search: an order number, the shopper's email, or words in the subject or messages"),
});
export type TListCasesQuery = z.infer<typeof ZListCasesQuery>;

export const ZCreateCaseBody = z.object({
  brand: z.string().min(1).max(40),
  subject: z.string().min(1).max(200),
  body: z.string().min(1).max(20_000).describe("kept on the case as an internal note"),
  channel: z.enum(CASE_CHANNELS).default("phone"),
  priority: z.enum(CASE_PRIORITIES).optional(),
  orderNumber: z.string().min(1).max(64).optional(),
  customerEmail: z.email().max(320).optional(),
});
export type TCreateCaseBody = z.infer<typeof ZCreateCaseBody>;

export const ZCaseMessageBody = z.object({ body: z.string().min(1).max(20_000) });
export type TCaseMessageBody = z.infer<typeof ZCaseMessageBody>;

export const ZAssignCaseBody = z.object({
  /** A staff user id, or null to put the case back in the queue. */
  assigneeId: z.string().min(1).max(64).nullable(),
});
export type TAssignCaseBody = z.infer<typeof ZAssignCaseBody>;

export const ZMergeCaseBody = z.object({
  duplicateId: z.string().min(1).max(64).describe("the case to fold into this one"),
});

export const ZCaseStatusBody = z.object({ status: z.enum(CASE_STATUSES) });
export type TCaseStatusBody = z.infer<typeof ZCaseStatusBody>;

export const ZCaseSummary = z.object({
  id: z.string(),
  brandId: z.string(),
  orderId: z.string().nullable(),
  customerEmail: z.string(),
  subject: z.string(),
  status: z.string(),
  priority: z.string(),
  channel: z.string(),
  assigneeId: z.string().nullable(),
  slaDueAt: z.string().nullable().describe("when the resolution target falls due"),
  requestType: z.string(),
  mailbox: z.string().nullable(),
  firstResponseDueAt: z.string().nullable(),
  firstResponseAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  mergedInto: z.string().nullable().describe("set on a duplicate: the case its messages were moved to"),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ZCaseMessage = z.object({
  id: z.string(),
  direction: z.string(),
  authorType: z.string(),
  authorId: z.string().nullable(),
  body: z.string(),
  internal: z.boolean(),
  createdAt: z.string(),
  attachments: z
    .array(
      z.object({
        name: z.string().nullable(),
        contentType: z.string().describe("read from the file's bytes"),
        sizeBytes: z.number(),
        evidence: z.boolean(),
      }),
    )
    .optional(),
});

const ZSlaState = z.enum(["met", "ok", "near_breach", "breached", "none"]);
export const ZListedCase = ZCaseSummary.extend({
  sla: z.object({ firstResponse: ZSlaState, resolution: ZSlaState, atRisk: z.boolean() }),
});
export const ZCaseList = z.object({ cases: z.array(ZListedCase) });
export const ZCaseDetail = z.object({
  case: ZCaseSummary,
  orderNumber: z.string().nullable(),
  messages: z.array(ZCaseMessage),
});
export const ZCaseReply = z.object({ message: ZCaseMessage, status: z.string() });
