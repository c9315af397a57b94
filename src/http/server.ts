// Builds the Fastify application: security headers, one error shape, request ids, the API routes
// declared as data, the OpenAPI document generated from them, and the docs page.
import { randomUUID } from "node:crypto";
import helmet from "@fastify/helmet";
import Fastify, { type FastifyInstance } from "fastify";
import { AppError } from "../app/errors.ts";
import type { ServerDeps } from "./deps.ts";
import { renderDocsPage } from "./docs-page.ts";
import { errorBody, handleError } from "./errors.ts";
import { buildOpenApi } from "./openapi.ts";
import { policyRoutes } from "./public/policy.routes.ts";
import { type AccessGuard, type RouteSpec, registerRoutes } from "./route.ts";

export function apiRoutes(deps: ServerDeps): RouteSpec[] {
  return [...policyRoutes(deps)];
}

const guard: AccessGuard = async (_request, access) => {
  if (access.kind !== "public") throw new AppError("UNAUTHORIZED", "Sign in first.");
  return { type: "anonymous" };
};

export async function buildServer(
  deps: ServerDeps,
  options: { logger?: boolean } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: (req) => {
      const incoming = req.headers["x-request-id"];
      return typeof incoming === "string" && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    },
    bodyLimit: 1_048_576,
  });
  await app.register(helmet, { contentSecurityPolicy: { directives: { "script-src": ["'self'"] } } });
  app.addHook("onSend", async (request, reply, payload) => {
    reply.header("x-request-id", String(request.id));
    return payload;
  });
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send(errorBody(request, "NOT_FOUND", `No route ${request.method} ${request.url}`));
  });

  const routes = apiRoutes(deps);
  registerRoutes(app, routes, guard);
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
