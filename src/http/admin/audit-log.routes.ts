// Admin: who did what, when.
import { listAuditLog } from "../../app/access/list-audit-log.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute, type RouteSpec } from "../route.ts";
import { ZAuditLogPage, ZAuditLogQuery } from "./audit-log.schema.ts";

export function auditLogRoutes(deps: ServerDeps): RouteSpec[] {
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/admin/audit-log",
      summary: "Read the audit log, newest first, with filters",
      tags: ["admin"],
      access: { kind: "staff", roles: ["admin"] },
      query: ZAuditLogQuery,
      response: ZAuditLogPage,
      handler: async ({ query, actor }) => ({
        entries: await listAuditLog(
          deps.store.db,
          {
            brandSlug: query.brand,
            actorId: query.actorId,
            action: query.action,
            entityType: query.entityType,
            entityId: query.entityId,
            before: query.before,
            limit: query.limit,
          },
          actor,
        ),
      }),
    }),
  ];
}
