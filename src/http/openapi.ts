// The OpenAPI 3.1 document, generated from the route declarations and their zod schemas.
import { z } from "zod";
import type { RouteSpec } from "./route.ts";

type JsonSchema = Record<string, unknown>;

function schemaOf(type: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(type, { io, unrepresentable: "any" }) as JsonSchema;
  return rest;
}

const toOpenApiPath = (url: string) => url.replace(/:([A-Za-z_]+)/g, "{$1}");

const ErrorSchema: JsonSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message", "details", "requestId"],
      properties: {
        code: { type: "string" },
        message: { type: "string" },
        details: {},
        requestId: { type: "string" },
      },
    },
  },
};

const SECURITY: Record<RouteSpec["access"]["kind"], Record<string, string[]>[]> = {
  public: [],
  shopper: [{ shopperToken: [] }],
  staff: [{ staffSession: [] }],
  apiKey: [{ apiKey: [] }],
  storeWebhook: [{ storeSignature: [] }, { apiKey: [] }],
};

/** The client errors a route can answer with, each in the one error shape (errors.ts). */
function errorResponsesOf(r: RouteSpec): Record<string, unknown> {
  const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });
  return {
    ...(r.body || r.query || r.params ? { "400": ref("Invalid") } : {}),
    ...(r.access.kind === "public" ? {} : { "401": ref("Unauthorized"), "403": ref("Forbidden") }),
    ...(r.params || r.access.kind !== "public" ? { "404": ref("NotFound") } : {}),
    ...(r.method !== "GET" ? { "409": ref("Conflict") } : {}),
    "429": ref("TooManyRequests"),
  };
}

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

export function buildOpenApi(
  routes: readonly RouteSpec[],
  info: { title: string; version: string },
): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = toOpenApiPath(r.url);
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ["path", r.params],
      ["query", r.query],
    ] as const) {
      if (!schema) continue;
      const json = schemaOf(schema, "input");
      const props = (json.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((json.required ?? []) as string[]);
      for (const [name, s] of Object.entries(props)) {
        parameters.push({ name, in: where, required: where === "path" || required.has(name), schema: s });
      }
    }
    const responses: Record<string, unknown> = {
      [String(r.status ?? 200)]: {
        description: "Success",
        ...(r.response
          ? { content: { "application/json": { schema: schemaOf(r.response, "output") } } }
          : {}),
      },
      ...errorResponsesOf(r),
      default: { $ref: "#/components/responses/Error" },
    };
    const operation: Record<string, unknown> = {
      summary: r.summary,
      tags: [...r.tags],
      operationId: `${r.method.toLowerCase()}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
      parameters,
      responses,
      security: SECURITY[r.access.kind],
      "x-aftercare-access": r.access,
    };
    if (r.body) {
      operation.requestBody = {
        required: true,
        content: { "application/json": { schema: schemaOf(r.body, "input") } },
      };
    }
    paths[path] = { ...(paths[path] ?? {}), [r.method.toLowerCase()]: operation };
  }
  return {
    openapi: "3.1.0",
    info: { ...info, license: { name: "MIT", identifier: "MIT" } },
    // Relative: the document describes the server that serves it, wherever it is deployed.
    servers: [{ url: "/", description: "this Aftercare server" }],
    paths,
    components: {
      schemas: { Error: ErrorSchema },
      responses: {
        Invalid: errorResponse(
          "The request is malformed or breaks a rule (code VALIDATION); `details` says which field",
        ),
        Unauthorized: errorResponse(
          "Not signed in, or the session or key is missing or expired (code UNAUTHORIZED)",
        ),
        Forbidden: errorResponse("Signed in, but this role, brand or order may not do this (code FORBIDDEN)"),
        NotFound: errorResponse("No such resource, or not one the caller may see (code NOT_FOUND)"),
        Conflict: errorResponse("The resource is not in a state that allows this (code CONFLICT)"),
        TooManyRequests: errorResponse(
          "Too many requests; wait for the time in Retry-After (code RATE_LIMITED)",
        ),
        Error: errorResponse("An unexpected error; the request id identifies it in the logs"),
      },
      securitySchemes: {
        staffSession: { type: "apiKey", in: "cookie", name: "aftercare_session" },
        shopperToken: { type: "http", scheme: "bearer" },
        apiKey: { type: "apiKey", in: "header", name: "x-api-key" },
        // Base64 HMAC-SHA256 of the raw body with the brand's store webhook secret.
        storeSignature: { type: "apiKey", in: "header", name: "x-shopify-hmac-sha256" },
      },
    },
  };
}
