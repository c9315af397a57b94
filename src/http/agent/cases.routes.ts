// The support desk: the inbox of cases, one case with its thread, replies, internal notes,
// assignment and status. Agents and admins only; the use cases also keep brand-bound staff to their
// brand.
import { assignCase } from "../../app/cases/assign-case.ts";
import { createCase } from "../../app/cases/create-case.ts";
import { getCase } from "../../app/cases/get-case.ts";
import { getMessageAttachment } from "../../app/cases/get-message-attachment.ts";
import { listCases } from "../../app/cases/list-cases.ts";
import { mergeCases } from "../../app/cases/merge-cases.ts";
import { replyToCase } from "../../app/cases/reply-to-case.ts";
import { setCaseStatus } from "../../app/cases/set-case-status.ts";
import { createEvidenceStorage } from "../../app/claims/evidence-storage.ts";
import type { ServerDeps } from "../deps.ts";
import { sendPrivateFile } from "../private-file.ts";
import { defineRoute, type RouteAccess, type RouteSpec } from "../route.ts";
import {
  ZAssignCaseBody,
  ZAttachmentParams,
  ZCaseDetail,
  ZCaseList,
  ZCaseMessageBody,
  ZCaseParams,
  ZCaseReply,
  ZCaseStatusBody,
  ZCaseSummary,
  ZCreateCaseBody,
  ZListCasesQuery,
  ZMergeCaseBody,
} from "./cases.schema.ts";

const DESK: RouteAccess = { kind: "staff", roles: ["agent", "admin"] };
const BASE = "/api/v1/desk/cases";

export function deskCaseRoutes(deps: ServerDeps): RouteSpec[] {
  const db = deps.store.db;
  const files = {
    evidence: createEvidenceStorage({ dataDir: deps.config.dataDir }),
    dataDir: deps.config.dataDir,
  };
  return [
    defineRoute({
      method: "GET",
      url: BASE,
      summary: "The desk's inbox: cases, most recently active first, with filters",
      tags: ["desk"],
      access: DESK,
      query: ZListCasesQuery,
      response: ZCaseList,
      handler: async ({ query, actor }) => ({
        cases: await listCases(db, {
          brandSlug: query.brand,
          status: query.status,
          assigneeId: query.assignee,
          orderNumber: query.order,
          limit: query.limit,
          channel: query.channel,
          requestType: query.requestType,
          sla: query.sla,
          search: query.q,
          now: deps.now(),
          actor,
        }),
      }),
    }),
    defineRoute({
      method: "POST",
      url: BASE,
      summary: "Open a case for a shopper (a phone call, a walk-in)",
      tags: ["desk"],
      access: DESK,
      body: ZCreateCaseBody,
      response: ZCaseSummary,
      status: 201,
      handler: async ({ body, actor, request }) =>
        createCase(db, {
          brandSlug: body.brand,
          subject: body.subject,
          body: body.body,
          channel: body.channel,
          priority: body.priority,
          orderNumber: body.orderNumber,
          customerEmail: body.customerEmail,
          actor,
          now: deps.now(),
          requestId: String(request.id),
        }),
    }),
    defineRoute({
      method: "GET",
      url: `${BASE}/:id`,
      summary: "One case with its whole thread, internal notes included",
      tags: ["desk"],
      access: DESK,
      params: ZCaseParams,
      response: ZCaseDetail,
      handler: async ({ params, actor }) => getCase(db, { caseId: params.id, actor }),
    }),
    defineRoute({
      method: "POST",
      url: `${BASE}/:id/replies`,
      summary: "Reply to the shopper; the case then waits on them (pending)",
      tags: ["desk"],
      access: DESK,
      params: ZCaseParams,
      body: ZCaseMessageBody,
      response: ZCaseReply,
      status: 201,
      handler: async ({ params, body, actor, request }) =>
        replyToCase(db, {
          caseId: params.id,
          body: body.body,
          actor,
          now: deps.now(),
          requestId: String(request.id),
        }),
    }),
    defineRoute({
      method: "POST",
      url: `${BASE}/:id/notes`,
      summary: "Add an internal note, never shown or sent to the shopper",
      tags: ["desk"],
      access: DESK,
      params: ZCaseParams,
      body: ZCaseMessageBody,
      response: ZCaseReply,
      status: 201,
      handler: async ({ params, body, actor, request }) =>
        replyToCase(db, {
          caseId: params.id,
          body: body.body,
          internal: true,
          actor,
          now: deps.now(),
          requestId: String(request.id),
        }),
    }),
    defineRoute({
      method: "PUT",
      url: `${BASE}/:id/assignee`,
      summary: "Give the case to an agent, or back to the queue",
      tags: ["desk"],
      access: DESK,
      params: ZCaseParams,
      body: ZAssignCaseBody,
      response: ZCaseSummary,
      handler: async ({ params, body, actor, request }) =>
        assignCase(db, {
          caseId: params.id,
          assigneeId: body.assigneeId,
          actor,
          now: deps.now(),
          requestId: String(request.id),
        }),
    }),
    defineRoute({
      method: "PUT",
      url: `${BASE}/:id/status`,
      summary: "Set the case's status (open, pending, resolved, closed)",
      tags: ["desk"],
      access: DESK,
      params: ZCaseParams,
      body: ZCaseStatusBody,
      response: ZCaseSummary,
      handler: async ({ params, body, actor, request }) =>
        setCaseStatus(db, {
          caseId: params.id,
          status: body.status,
          actor,
          now: deps.now(),
          requestId: String(request.id),
        }),
    }),
    defineRoute({
      method: "POST",
      url: `${BASE}/:id/resolve`,
      summary: "Resolve the case (the shopper is then asked for a satisfaction score)",
      tags: ["desk"],
      access: DESK,
      params: ZCaseParams,
      response: ZCaseSummary,
      handler: async ({ params, actor, request }) =>
        setCaseStatus(db, {
          caseId: params.id,
          status: "resolved",
          actor,
          now: deps.now(),
          requestId: String(request.id),
        }),
    }),
    defineRoute({
      method: "GET",
      url: `${BASE}/:id/messages/:messageId/attachments/:index`,
      summary: "One file that came with a shopper's email (photos shown, other files downloaded)",
      tags: ["desk"],
      access: DESK,
      params: ZAttachmentParams,
      handler: async ({ params, actor, reply }) => {
        const file = await getMessageAttachment(db, files, {
          actor,
          caseId: params.id,
          messageId: params.messageId,
          index: params.index,
        });
        const image = file.contentType.startsWith("image/");
        const name = (file.name ?? `attachment-${params.index + 1}`).replace(/[^\w.\- ]+/g, "_");
        // The type was read from the bytes on arrival; anything but a photo is a download, never rendered.
        return sendPrivateFile(reply, file, `${image ? "inline" : "attachment"}; filename="${name}"`);
      },
    }),
    defineRoute({
      method: "POST",
      url: `${BASE}/:id/merge`,
      summary: "Merge a duplicate case into this one: its messages move here and it is closed",
      tags: ["desk"],
      access: DESK,
      params: ZCaseParams,
      body: ZMergeCaseBody,
      response: ZCaseSummary,
      handler: async ({ params, body, actor, request }) =>
        mergeCases(db, {
          caseId: params.id,
          duplicateId: body.duplicateId,
          actor,
          now: deps.now(),
          requestId: String(request.id),
        }),
    }),
  ];
}
