// Builds the Fastify application: security headers, one error shape, request ids, the API routes
// declared as data, the OpenAPI document generated from them, and the docs page.
import { randomUUID } from "node:crypto";
import multipart from "@fastify/multipart";
import Fastify, { type FastifyInstance, LogController } from "fastify";
import { DEFAULT_MAX_EVIDENCE_BYTES } from "../app/claims/evidence-storage.ts";
import { apiKeyRoutes } from "./admin/api-keys.routes.ts";
import { auditLogRoutes } from "./admin/audit-log.routes.ts";
import { brandSettingsRoutes } from "./admin/brand-settings.routes.ts";
import { discountCodeRoutes } from "./admin/discounts.routes.ts";
import { emailAdminRoutes } from "./admin/email.routes.ts";
import { knowledgeRoutes } from "./admin/knowledge.routes.ts";
import { policyEditorRoutes } from "./admin/policy-editor.routes.ts";
import { staffUserRoutes } from "./admin/staff-users.routes.ts";
import { storeWebhookRoutes } from "./admin/store-webhooks.routes.ts";
import { webhookRoutes } from "./admin/webhooks.routes.ts";
import { deskCaseRoutes } from "./agent/cases.routes.ts";
import { deskClaimRoutes } from "./agent/claims.routes.ts";
import { deskCollaborationRoutes } from "./agent/collaborations.routes.ts";
import { consoleRoutes } from "./agent/console.routes.ts";
import { deskOrderRoutes } from "./agent/desk-orders.routes.ts";
import { moneyRoutes } from "./agent/money.routes.ts";
import { returnReviewRoutes } from "./agent/return-review.routes.ts";
import { returnsDeskRoutes } from "./agent/returns-desk.routes.ts";
import { deskServiceRoutes } from "./agent/service.routes.ts";
import { sessionRoutes } from "./auth/session.routes.ts";
import { createAccessGuard, registerAuth } from "./auth.ts";
import { shopperCaseRoutes } from "./customer/cases.routes.ts";
import { shopperClaimRoutes } from "./customer/claims.routes.ts";
import { orderChangesRoutes } from "./customer/order-changes.routes.ts";
import { shopperReturnViewRoutes } from "./customer/return-view.routes.ts";
import { returnsRoutes } from "./customer/returns.routes.ts";
import { shopperStoreCreditRoutes } from "./customer/store-credit.routes.ts";
import type { ServerDeps } from "./deps.ts";
import { renderDocsPage } from "./docs-page.ts";
import { errorBody, handleError } from "./errors.ts";
import { checkoutRoutes } from "./integrations/checkout.routes.ts";
import { ordersRoutes } from "./integrations/orders.routes.ts";
import { paymentRoutes } from "./integrations/payments.routes.ts";
import { registerMetrics } from "./metrics.ts";
import { buildOpenApi } from "./openapi.ts";
import { assistantRoutes } from "./public/assistant.routes.ts";
import { publicBrandRoutes } from "./public/brands.routes.ts";
import { publicCollaborationRoutes } from "./public/collaborations.routes.ts";
import { policyRoutes } from "./public/policy.routes.ts";
import { satisfactionRoutes } from "./public/satisfaction.routes.ts";
import { type RouteSpec, registerRoutes } from "./route.ts";
import { securityHeaders } from "./security-headers.ts";
import { fastifyTrustProxy } from "./trust-proxy.ts";
import { registerWebApp } from "./web-app.ts";

export function apiRoutes(deps: ServerDeps): RouteSpec[] {
  return [
    ...policyRoutes(deps),
    ...ordersRoutes(deps),
    ...assistantRoutes(deps),
    ...deskCaseRoutes(deps),
    ...deskOrderRoutes(deps),
    ...shopperCaseRoutes(deps),
    ...sessionRoutes(deps),
    ...staffUserRoutes(deps),
    ...apiKeyRoutes(deps),
    ...auditLogRoutes(deps),
    ...returnsRoutes(deps),
    ...orderChangesRoutes(deps),
    ...returnsDeskRoutes(deps),
    ...returnReviewRoutes(deps),
    ...shopperReturnViewRoutes(deps),
    ...shopperStoreCreditRoutes(deps),
    ...paymentRoutes(deps),
    ...moneyRoutes(deps),
    ...shopperClaimRoutes(deps),
    ...deskClaimRoutes(deps),
    ...discountCodeRoutes(deps),
    ...publicBrandRoutes(deps),
    ...publicCollaborationRoutes(deps),
    ...deskCollaborationRoutes(deps),
    ...checkoutRoutes(deps),
    ...webhookRoutes(deps),
    ...storeWebhookRoutes(deps),
    ...emailAdminRoutes(deps),
    ...deskServiceRoutes(deps),
    ...satisfactionRoutes(deps),
    ...consoleRoutes(deps),
    ...policyEditorRoutes(deps),
    ...brandSettingsRoutes(deps),
    ...knowledgeRoutes(deps),
  ];
}

export async function buildServer(
  deps: ServerDeps,
  options: {
    /** Pino options; `stream` is where the lines go (standard output by default). */
    logger?: boolean | { level: string; stream?: { write(line: string): void } };
    /** The built front end (web/dist by default); `false` serves the API only. */
    web?: false | { dist?: string };
  } = {},
): Promise<FastifyInstance> {
  const security = securityHeaders({ contentSecurityPolicy: { directives: { "script-src": ["'self'"] } } });
  const app = Fastify({
    logger: options.logger ?? false,
    // A URL Fastify cannot route (bad percent-encoding, a parameter over the length limit) is answered
    // before any hook runs: it gets the API's error shape and the security headers here.
    frameworkErrors: (error, request, reply) => {
      void reply.headers(security).header("x-request-id", String(request.id));
      handleError(error, request, reply);
    },
    genReqId: (req) => {
      const incoming = req.headers["x-request-id"];
      return typeof incoming === "string" && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    },
    bodyLimit: 1_048_576,
    trustProxy: fastifyTrustProxy(deps.config.trustProxy),
    // Requests arriving once the server is stopping get the API's own error shape (below).
    return503OnClosing: false,
    // One log line per request (below) rather than one when it arrives and another when it is answered.
    logController: new LogController({ disableRequestLogging: true }),
  });
  // While stopping, requests in flight finish; new ones are told to come back (a load balancer retries
  // them on another instance) and their connection is closed so the client does not reuse it.
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onRequest", async (request, reply) => {
    // Every response carries the security headers, errors and 404s included.
    void reply.headers(security);
    if (!closing) return;
    void reply.header("connection", "close").header("retry-after", "5");
    return reply
      .status(503)
      .send(errorBody(request, "SHUTTING_DOWN", "The server is restarting. Try again in a moment."));
  });
  app.addHook("onSend", async (request, reply, payload) => {
    reply.header("x-request-id", String(request.id));
    // A request finished while stopping closes its connection: an idle keep-alive connection would
    // otherwise hold the shutdown open until its timeout.
    if (closing) reply.header("connection", "close");
    return payload;
  });
  if (options.logger) {
    app.addHook("onResponse", async (request, reply) => {
      request.log.info(
        {
          method: request.method,
          url: request.url,
          ip: request.ip,
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime * 10) / 10,
        },
        "request",
      );
    });
  }
  app.setErrorHandler(handleError);
  const web = options.web === false ? null : await registerWebApp(app, options.web?.dist);
  app.setNotFoundHandler((request, reply) => {
    if (web?.fallback(request, reply)) return;
    void reply.status(404).send(errorBody(request, "NOT_FOUND", `No route ${request.method} ${request.url}`));
  });

  const routes = apiRoutes(deps);
  await registerAuth(app);
  // Claim photos: one file per request; each route sets its own size limit (the evidence storage's).
  await app.register(multipart, {
    limits: { fileSize: DEFAULT_MAX_EVIDENCE_BYTES, files: 1, fields: 5, parts: 6, fieldSize: 1024 },
  });
  registerMetrics(app);
  registerRoutes(app, routes, createAccessGuard(deps));
  const openapi = buildOpenApi(routes, { title: "Aftercare", version: "0.1.0" });
  app.get("/api/v1/openapi.json", async () => openapi);
  app.get("/docs", async (_request, reply) =>
    reply
      .type("text/html; charset=utf-8")
      .send(renderDocsPage(openapi as Parameters<typeof renderDocsPage>[0])),
  );
  app.get("/health", async () => ({ status: "ok" }));
  app.get("/ready", async (request, reply) => {
    try {
      await deps.store.db.selectFrom("brands").select("id").limit(1).execute();
      return { status: "ready" };
    } catch {
      return reply.status(503).send(errorBody(request, "NOT_READY", "The database is not reachable."));
    }
  });
  return app;
}
