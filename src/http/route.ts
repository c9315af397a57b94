// Routes are declared as data (method, path, zod schemas, who may call them) and registered from
// that data, so the same declaration validates requests and generates the OpenAPI document: the
// docs cannot drift from what the server accepts.
import { PassThrough } from "node:stream";
import { errorCodes, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import type { z } from "zod";
import type { Actor } from "../app/kernel/actor.ts";

/**
 * Who may call a route. Staff routes list the roles allowed. `storeWebhook` is the store platform's
 * order webhook: signed with the brand's webhook secret when the brand has one, else an API key.
 */
export type RouteAccess =
  | { readonly kind: "public" }
  | { readonly kind: "shopper" }
  | { readonly kind: "staff"; readonly roles: readonly StaffRole[] }
  | { readonly kind: "apiKey" }
  | { readonly kind: "storeWebhook" };

export { STAFF_ROLES, type StaffRole } from "../app/kernel/actor.ts";

import type { StaffRole } from "../app/kernel/actor.ts";

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

const rawBodies = new WeakMap<FastifyRequest, Buffer>();

/** The request body exactly as it arrived, on routes whose callers sign it (kept by keepRawBody). */
export function rawBodyOf(request: FastifyRequest): Buffer | undefined {
  return rawBodies.get(request);
}

/**
 * Reads the body before Fastify parses it and hands the parser the same bytes again: a signature covers
 * the bytes sent, and JSON parsed and serialised back would not match it. Only the routes that need it
 * pay for the copy. The route's body limit is enforced here, as the parser would have.
 */
async function keepRawBody(request: FastifyRequest, _reply: FastifyReply, payload: NodeJS.ReadableStream) {
  const limit = request.routeOptions.bodyLimit;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    size += bytes.length;
    if (limit !== undefined && size > limit) throw new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE();
    chunks.push(bytes);
  }
  const raw = Buffer.concat(chunks);
  rawBodies.set(request, raw);
  const again = new PassThrough();
  again.end(raw);
  return again;
}

export function registerRoutes(app: FastifyInstance, routes: readonly RouteSpec[], guard: AccessGuard): void {
  for (const spec of routes) {
    app.route({
      method: spec.method,
      url: spec.url,
      ...(spec.access.kind === "storeWebhook" ? { preParsing: keepRawBody } : {}),
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
