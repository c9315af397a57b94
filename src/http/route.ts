// Routes are declared as data (method, path, zod schemas, who may call them) and registered from
// that data, so the same declaration validates requests and generates the OpenAPI document: the
// docs cannot drift from what the server accepts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import type { Actor } from "../app/actor.ts";

/** Who may call a route. Staff routes list the roles allowed. */
export type RouteAccess =
  | { readonly kind: "public" }
  | { readonly kind: "shopper" }
  | { readonly kind: "staff"; readonly roles: readonly StaffRole[] }
  | { readonly kind: "apiKey" };

export { STAFF_ROLES, type StaffRole } from "../app/actor.ts";

import type { StaffRole } from "../app/actor.ts";

export interface RouteInput<P, Q, B> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  /** Who is calling, as established by the access guard for this route. */
  readonly actor: Actor;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
}

export interface RouteSpec<P = unknown, Q = unknown, B = unknown> {
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Fastify path, e.g. /api/v1/brands/:brand/policy/evaluate */
  readonly url: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly access: RouteAccess;
  readonly params?: z.ZodType<P>;
  readonly query?: z.ZodType<Q>;
  readonly body?: z.ZodType<B>;
  /** Documents a body the handler validates itself (to answer with its own error code). */
  readonly bodyDoc?: z.ZodType;
  readonly response?: z.ZodType;
  /** HTTP status of a success (default 200). */
  readonly status?: number;
  readonly handler: (input: RouteInput<P, Q, B>) => Promise<unknown>;
}

/** Keeps the generic parameters of a route while storing routes in one list. */
export function defineRoute<P, Q, B>(spec: RouteSpec<P, Q, B>): RouteSpec {
  return spec as unknown as RouteSpec;
}

/** Establishes the caller for a route's access rule: 401 when not signed in, 403 for the wrong role. */
export type AccessGuard = (request: FastifyRequest, access: RouteAccess) => Promise<Actor>;

export function registerRoutes(app: FastifyInstance, routes: readonly RouteSpec[], guard: AccessGuard): void {
  for (const spec of routes) {
    app.route({
      method: spec.method,
      url: spec.url,
      handler: async (request, reply) => {
        const actor = await guard(request, spec.access);
        const params = spec.params ? spec.params.parse(request.params) : request.params;
        const query = spec.query ? spec.query.parse(request.query) : request.query;
        const body = spec.body ? spec.body.parse(request.body ?? {}) : request.body;
        const result = await spec.handler({ params, query, body, actor, request, reply });
        if (reply.sent) return reply;
        return reply.status(spec.status ?? 200).send(result);
      },
    });
  }
}
