// Fastify's `trustProxy` option from the TRUST_PROXY setting. Once a proxy is trusted, request.ip (the
// key of the per-address rate limits) and request.protocol (the Secure flag of the staff cookies) come
// from its X-Forwarded-For and X-Forwarded-Proto headers instead of the socket.
import type { FastifyServerOptions } from "fastify";
import type { TrustProxy } from "../config.ts";

export function fastifyTrustProxy(trust: TrustProxy): NonNullable<FastifyServerOptions["trustProxy"]> {
  if (typeof trust === "boolean") return trust;
  if ("addresses" in trust) return [...trust.addresses];
  // Fastify 5 no longer accepts a bare number (it now trusts nothing for one), so the hop count is
  // spelled out as the function proxy-addr always meant by it: the nearest `hops` proxies are believed,
  // whatever their addresses. That is only safe when the server cannot be reached around them.
  const { hops } = trust;
  return (_address: string, hop: number) => hop < hops;
}
