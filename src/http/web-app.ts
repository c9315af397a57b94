// Serves the built web front end (web/dist): the portal at `/`, the console at `/console`, the chat
// widget at `/widget.js`. Addresses the API does not own fall back to the page that routes them in the
// browser, so a link from an email (`/b/kallesia/order`) opens straight on its page.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { PROJECT_ROOT } from "../app/brands/brand-policies.ts";

export const WEB_DIST = join(PROJECT_ROOT, "web", "dist");

export interface WebApp {
  /** Answers a GET the API has no route for with the right page, or returns false. */
  readonly fallback: (request: FastifyRequest, reply: FastifyReply) => boolean;
}

function isPageRequest(request: FastifyRequest): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const path = request.url.split("?")[0] ?? "/";
  if (path.startsWith("/api/") || path.startsWith("/assets/")) return false;
  // A missing file (`/logo.png`) is a 404, not a page.
  return !/\.[a-z0-9]{1,5}$/i.test(path);
}

export async function registerWebApp(app: FastifyInstance, dist = WEB_DIST): Promise<WebApp> {
  const portal = join(dist, "index.html");
  const console = join(dist, "console", "index.html");
  if (!existsSync(portal)) {
    const message =
      "<!doctype html><html lang=en><meta charset=utf-8><title>Aftercare</title>" +
      "<p>The web front end is not built yet: run <code>npm run build:web</code> and reload.</p>";
    return {
      fallback: (request, reply) => {
        if (!isPageRequest(request)) return false;
        void reply.status(503).type("text/html; charset=utf-8").send(message);
        return true;
      },
    };
  }
  await app.register(fastifyStatic, {
    root: dist,
    prefix: "/",
    wildcard: false,
    index: false,
    // Hashed assets never change; pages are revalidated so a new build shows at once.
    setHeaders: (res, path) => {
      res.setHeader(
        "cache-control",
        path.includes("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
      );
    },
  });
  const pages = {
    portal: readFileSync(portal, "utf8"),
    console: existsSync(console) ? readFileSync(console, "utf8") : null,
  };
  return {
    fallback: (request, reply) => {
      if (!isPageRequest(request)) return false;
      const path = request.url.split("?")[0] ?? "/";
      const html = path === "/console" || path.startsWith("/console/") ? pages.console : pages.portal;
      if (html === null) return false;
      // The chat page is what the widget frames on a store's own site; every other page stays unframeable.
      if (/^\/b\/[^/]+\/contact$/.test(path)) {
        reply.removeHeader("x-frame-options");
        const csp = reply.getHeader("content-security-policy");
        if (typeof csp === "string") {
          void reply.header(
            "content-security-policy",
            csp.replace(/frame-ancestors [^;]+/, "frame-ancestors *"),
          );
        }
      }
      void reply.status(200).header("cache-control", "no-cache").type("text/html; charset=utf-8").send(html);
      return true;
    },
  };
}
