// Admin: the mail side, webhook deliveries and the outbox. Outbound mail (with SMTP_URL unset every message
// is held here for staff), inbound mail that could not be stored (dead letters, re-processable), the log of
// webhook delivery attempts with their response codes, and the domain events waiting for the relay.
import { createEvidenceStorage } from "../../app/claims/evidence-storage.ts";
import { listOutboxEvents } from "../../app/integrations/list-outbox-events.ts";
import { listWebhookDeliveries } from "../../app/integrations/list-webhook-deliveries.ts";
import { AppError, notFound } from "../../app/kernel/errors.ts";
import { listDeadLetters, retryDeadLetter } from "../../email/ingest.ts";
import { listOutboundEmails } from "../../email/mail-views.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute, type RouteSpec } from "../route.ts";
import {
  ZDeadLetterList,
  ZDeadLetterParams,
  ZDeadLetterQuery,
  ZDeadLetterRetry,
  ZOutboundEmailList,
  ZOutboundEmailQuery,
  ZOutboxEventList,
  ZOutboxQuery,
  ZWebhookDeliveryList,
  ZWebhookDeliveryQuery,
} from "./email.schema.ts";

export function emailAdminRoutes(deps: ServerDeps): RouteSpec[] {
  const db = deps.store.db;
  const installAdmin = (actor: { type: string; brandId?: string | null }) => {
    // Dead letters may belong to no brand at all: only install-wide admins see them.
    if (actor.type !== "staff" || actor.brandId !== null) {
      throw new AppError("FORBIDDEN", "Dead letters are for admins of the whole install.");
    }
  };
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/admin/emails",
      summary: "Outbound emails, newest first; without SMTP_URL every message is held here",
      tags: ["admin"],
      access: { kind: "staff", roles: ["admin", "agent"] },
      query: ZOutboundEmailQuery,
      response: ZOutboundEmailList,
      handler: async ({ query, actor }) => ({
        emails: await listOutboundEmails(db, {
          actor,
          brandSlug: query.brand,
          status: query.status,
          caseId: query.caseId,
          limit: query.limit,
        }),
      }),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/admin/email/dead-letters",
      summary: "Inbound mail that could not be parsed or stored, with the reason",
      tags: ["admin"],
      access: { kind: "staff", roles: ["admin"] },
      query: ZDeadLetterQuery,
      response: ZDeadLetterList,
      handler: async ({ query, actor }) => {
        installAdmin(actor);
        return { deadLetters: await listDeadLetters(db, { status: query.status, limit: query.limit }) };
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/admin/email/dead-letters/:id/retry",
      summary: "Process a dead letter again (after a fix); it stays listed with its new status",
      tags: ["admin"],
      access: { kind: "staff", roles: ["admin"] },
      params: ZDeadLetterParams,
      response: ZDeadLetterRetry,
      handler: async ({ params, actor }) => {
        installAdmin(actor);
        const result = await retryDeadLetter(
          {
            db,
            evidence: createEvidenceStorage({ dataDir: deps.config.dataDir }),
            dataDir: deps.config.dataDir,
            now: deps.now,
          },
          params.id,
        );
        if (!result) throw notFound("dead letter", params.id);
        return {
          outcome: result.outcome,
          caseId: "caseId" in result ? result.caseId : null,
          reason: "reason" in result ? result.reason : null,
        };
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/admin/webhook-deliveries",
      summary: "The webhook delivery log: every attempt with its response code",
      tags: ["admin"],
      access: { kind: "staff", roles: ["admin"] },
      query: ZWebhookDeliveryQuery,
      response: ZWebhookDeliveryList,
      handler: async ({ query, actor }) => ({
        deliveries: await listWebhookDeliveries(db, {
          actor,
          subscriptionId: query.subscriptionId,
          failedOnly: query.failed === "true",
          limit: query.limit,
        }),
      }),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/admin/outbox",
      summary: "Recent outbox events: published or still pending, with attempts and the last error",
      tags: ["admin"],
      access: { kind: "staff", roles: ["admin"] },
      query: ZOutboxQuery,
      response: ZOutboxEventList,
      handler: async ({ query, actor }) => ({
        events: await listOutboxEvents(db, { actor, state: query.state, limit: query.limit }),
      }),
    }),
  ];
}
