// The access guard: establishes who is calling each route from its declared access rule.
//   staff  — the `aftercare_session` cookie (HMAC-signed, expiring); unsafe methods must also carry the
//            session's CSRF value in `x-csrf-token` (double submit: the `aftercare_csrf` cookie is
//            readable by the console, a cross-site form cannot read or set it);
//   shopper — `Authorization: Bearer <token>`, a session scoped to one order;
//   apiKey — `x-api-key`;
//   storeWebhook — the store platform's signature when the brand has a webhook secret, else `x-api-key`
//            (store-webhook-auth.ts).
// 401 when the caller is not signed in, 403 for a role the route does not admit. Requests carrying a
// bearer token or an API key are not cookie-authenticated, so they need no CSRF value.
import { randomBytes } from "node:crypto";
import cookie from "@fastify/cookie";
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { verifyApiKey } from "../app/access/api-keys.ts";
import { sameSecret, verifyToken } from "../app/access/session-tokens.ts";
import type { Actor } from "../app/kernel/actor.ts";
import { AppError } from "../app/kernel/errors.ts";
import { preparedQuery } from "../db/prepared.ts";
import type { ServerDeps } from "./deps.ts";
import type { AccessGuard, RouteAccess } from "./route.ts";
import { storeWebhookActor } from "./store-webhook-auth.ts";

export const SESSION_COOKIE = "aftercare_session";
export const CSRF_COOKIE = "aftercare_csrf";
export const CSRF_HEADER = "x-csrf-token";

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

// Tests and embedders may build a server without a secret; they then get one for the life of the
// process (sessions simply do not survive a restart). `aftercare serve` always resolves a lasting one.
const ephemeralSecrets = new WeakMap<ServerDeps, string>();

export function sessionSecretOf(deps: ServerDeps): string {
  const configured = deps.sessionSecret ?? deps.config.sessionSecret;
  if (configured) return configured;
  let secret = ephemeralSecrets.get(deps);
  if (!secret) {
    secret = randomBytes(32).toString("base64url");
    ephemeralSecrets.set(deps, secret);
  }
  return secret;
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== "string") return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1] ?? null;
}

const staffUserById = preparedQuery((db, id: string) =>
  db.selectFrom("staff_users").select(["id", "role", "brand_id", "active"]).where("id", "=", id),
);

async function staffActor(deps: ServerDeps, request: FastifyRequest, secret: string) {
  const token = request.cookies[SESSION_COOKIE];
  const claims = token ? verifyToken(secret, token, "staff", deps.now()) : null;
  if (!claims) throw new AppError("UNAUTHORIZED", "Sign in first.");
  // The role and brand come from the store on every request, so a change or a deactivation applies at
  // once rather than when the cookie expires.
  const [user] = await staffUserById(deps.store.db, claims.userId);
  if (user?.active !== 1) throw new AppError("UNAUTHORIZED", "Sign in first.");
  if (UNSAFE_METHODS.has(request.method)) {
    const header = request.headers[CSRF_HEADER];
    if (typeof header !== "string" || !sameSecret(header, claims.csrf)) {
      throw new AppError(
        "FORBIDDEN",
        "Missing or wrong CSRF token: send the aftercare_csrf cookie's value in x-csrf-token.",
      );
    }
  }
  return { type: "staff", id: user.id, role: user.role, brandId: user.brand_id } as const;
}

export function createAccessGuard(deps: ServerDeps): AccessGuard {
  const secret = sessionSecretOf(deps);
  return async (request: FastifyRequest, access: RouteAccess): Promise<Actor> => {
    switch (access.kind) {
      case "public": {
        // A signed-in shopper on a public route (the assistant's chat, say) is recognised, so a
        // handoff can link the case to their order; a missing or stale token is simply anonymous.
        const token = bearerToken(request);
        const claims = token ? verifyToken(secret, token, "shopper", deps.now()) : null;
        return claims
          ? { type: "shopper", orderId: claims.orderId, brandId: claims.brandId, email: claims.email }
          : { type: "anonymous" };
      }
      case "staff": {
        const actor = await staffActor(deps, request, secret);
        if (actor.role !== "admin" && !access.roles.includes(actor.role)) {
          throw new AppError("FORBIDDEN", `This needs one of the roles: ${access.roles.join(", ")}.`);
        }
        return actor;
      }
      case "shopper": {
        const token = bearerToken(request);
        const claims = token ? verifyToken(secret, token, "shopper", deps.now()) : null;
        if (!claims)
          throw new AppError("UNAUTHORIZED", "Find your order first: the session is missing or has expired.");
        return { type: "shopper", orderId: claims.orderId, brandId: claims.brandId, email: claims.email };
      }
      case "apiKey": {
        const key = request.headers["x-api-key"];
        const actor = typeof key === "string" ? await verifyApiKey(deps.store.db, key, deps.now()) : null;
        if (!actor) throw new AppError("UNAUTHORIZED", "A valid x-api-key header is required.");
        return actor;
      }
      case "storeWebhook":
        return storeWebhookActor(deps, request);
      default: {
        const never: never = access;
        throw new Error(`unknown access rule ${JSON.stringify(never)}`);
      }
    }
  };
}

function cookieBase(request: FastifyRequest) {
  return { path: "/", sameSite: "lax" as const, secure: request.protocol === "https" };
}

export function setStaffSessionCookies(
  request: FastifyRequest,
  reply: FastifyReply,
  session: { token: string; csrf: string; expiresAt: Date },
): void {
  const base = { ...cookieBase(request), expires: session.expiresAt };
  void reply.setCookie(SESSION_COOKIE, session.token, { ...base, httpOnly: true });
  // Readable by the console's script on purpose: it echoes the value in x-csrf-token.
  void reply.setCookie(CSRF_COOKIE, session.csrf, { ...base, httpOnly: false });
}

export function clearStaffSessionCookies(request: FastifyRequest, reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { ...cookieBase(request), httpOnly: true });
  void reply.clearCookie(CSRF_COOKIE, cookieBase(request));
}

/** Endpoints that guess at secrets (order number + email, passwords) get a per-IP budget. */
const brandScope = (r: FastifyRequest) => String((r.params as { brand?: unknown }).brand ?? "");

const LIMITED: readonly { method: string; url: string; max: number; scope: (r: FastifyRequest) => string }[] =
  [
    {
      method: "POST",
      url: "/api/v1/brands/:brand/shopper-session",
      max: 10,
      scope: (r) => String((r.params as { brand?: unknown }).brand ?? ""),
    },
    {
      method: "POST",
      url: "/api/v1/brands/:brand/shopper-session/link",
      max: 10,
      scope: (r) => String((r.params as { brand?: unknown }).brand ?? ""),
    },
    { method: "POST", url: "/api/v1/staff/login", max: 10, scope: () => "" },
    // Public forms and the assistant: generous for a person, a wall for a script.
    { method: "POST", url: "/api/v1/brands/:brand/collaborations", max: 5, scope: brandScope },
    { method: "POST", url: "/api/v1/brands/:brand/assistant/ask", max: 300, scope: brandScope },
    { method: "POST", url: "/api/v1/brands/:brand/assistant/conversations", max: 20, scope: brandScope },
    {
      method: "POST",
      url: "/api/v1/brands/:brand/assistant/conversations/:id/messages",
      max: 300,
      scope: brandScope,
    },
  ];

/** Cookies and rate limits; call before the routes are registered. */
export async function registerAuth(app: FastifyInstance): Promise<void> {
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  const limiters = LIMITED.map((rule) => ({
    rule,
    limit: app.createRateLimit({
      max: rule.max,
      timeWindow: 60_000,
      keyGenerator: (r) => `${rule.url}|${r.ip}|${rule.scope(r)}`,
    }),
  }));
  app.addHook("onRequest", async (request, reply) => {
    const hit = limiters.find(
      ({ rule }) => rule.method === request.method && rule.url === request.routeOptions.url,
    );
    if (!hit) return;
    const result = await hit.limit(request);
    if (!result.isAllowed && result.isExceeded) {
      void reply.header("retry-after", String(result.ttlInSeconds));
      throw new AppError("RATE_LIMITED", "Too many attempts. Wait a minute and try again.", {
        retryAfterSeconds: result.ttlInSeconds,
      });
    }
  });
}
