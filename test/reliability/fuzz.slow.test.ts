// API fuzzing driven by the OpenAPI document the server publishes: every operation is called many
// times with bodies, parameters and headers built from its schema and then broken (wrong types, 1 MB
// strings, odd Unicode, missing and extra fields, traversal and injection strings, wrong content
// types), with and without valid credentials. Whatever arrives, the server answers: never a 5xx,
// never a crash, and every error in the one documented shape. The generator is seeded, so a failure
// names the request that can be replayed.
import type { FastifyInstance, InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signToken } from "../../src/app/access/session-tokens.ts";
import { loadConfig } from "../../src/config.ts";
import type { Store } from "../../src/db/database.ts";
import { testDatabases } from "../../src/db/test-db.ts";
import { buildServer } from "../../src/http/server.ts";
import { NOW, seedBrand, seedOrder, seedStaff, signIn } from "../support/auth-test-helpers.ts";

const SECRET = "fuzz-secret-0123456789abcdefghijklmnopqrstuvwxyz";
const REQUESTS_PER_OPERATION = 20;
const SEED = 0x5eed;

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  format?: string;
}

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly pathParams: string[];
  readonly query: { name: string; schema: Schema }[];
  readonly body: Schema | null;
}

/** A small seeded generator (mulberry32): the same run every time. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p: number) => next() < p,
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T,
    int: (n: number) => Math.floor(next() * n),
  };
}
type Random = ReturnType<typeof random>;

const MEGABYTE = "x".repeat(1_048_600);
const NASTY_STRINGS = [
  "",
  " ",
  "../../../../etc/passwd",
  "..%2f..%2f..%2fetc%2fpasswd",
  "' OR '1'='1' --",
  "1; DROP TABLE orders; --",
  '"; select * from staff_users; --',
  "<script>alert(1)</script>",
  "{{7*7}} #{7*7} <%= 7*7 %>",
  "\u0000",
  "\ud800",
  "\u202eevil\u202c",
  "𝕬𝖋𝖙𝖊𝖗𝖈𝖆𝖗𝖊 🧵👗",
  "ﷺ".repeat(50),
  "%00%ff",
  "__proto__",
  "constructor",
  "null",
  "NaN",
  "-1",
  "99999999999999999999999",
  "2026-02-30T25:61:00Z",
  "a".repeat(10_000),
];
const NASTY_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  [],
  [null],
  {},
  { __proto__: { admin: true } },
  { constructor: { prototype: { admin: true } } },
  ...NASTY_STRINGS,
];

function validValue(schema: Schema | undefined, r: Random, depth = 0): unknown {
  if (!schema || depth > 6) return "x";
  if (schema.enum?.length) return r.pick(schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return validValue(r.pick(alternatives), r, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(schema.properties ?? {})) {
        if (schema.required?.includes(key) || r.chance(0.5)) out[key] = validValue(inner, r, depth + 1);
      }
      return out;
    }
    case "array":
      return Array.from({ length: 1 + r.int(2) }, () => validValue(schema.items, r, depth + 1));
    case "integer":
      return r.int(5) + 1;
    case "number":
      return r.int(1000) / 10;
    case "boolean":
      return r.chance(0.5);
    case "null":
      return null;
    default:
      if (schema.format === "date-time") return NOW.toISOString();
      if (schema.format === "email") return "shopper@example.test";
      return r.pick(["1", "probe", "fuzz-brand", "FZ-1", "shopper@example.test"]);
  }
}

/** A body built from the schema and then broken in one or more places. */
function brokenBody(schema: Schema | null, r: Random): unknown {
  const base = validValue(schema ?? { type: "object" }, r);
  if (r.chance(0.15)) return r.pick(NASTY_VALUES);
  if (typeof base !== "object" || base === null || Array.isArray(base)) return base;
  const body = base as Record<string, unknown>;
  const keys = Object.keys(body);
  const edits = 1 + r.int(3);
  for (let i = 0; i < edits; i++) {
    const what = r.int(4);
    const key = keys.length ? r.pick(keys) : "field";
    if (what === 0) delete body[key];
    else if (what === 1) body[key] = r.pick(NASTY_VALUES);
    else if (what === 2) body[r.pick(["extra", "__proto__", "role", "id", "brandId"])] = r.pick(NASTY_VALUES);
    // else: left valid
  }
  return body;
}

function operations(doc: {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { in: string; name: string; schema?: Schema }[];
        requestBody?: { content?: Record<string, { schema?: Schema }> };
      }
    >
  >;
}): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const parameters = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      const json = content["application/json"]?.schema ?? Object.values(content)[0]?.schema ?? null;
      ops.push({
        method: method.toUpperCase(),
        path,
        pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string),
        query: parameters
          .filter((p) => p.in === "query")
          .map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        body: json,
      });
    }
  }
  return ops;
}

/** Percent-encoded; a lone surrogate has no UTF-8 form, so it goes as the invalid bytes it would be. */
function pathSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return "%ED%A0%80";
  }
}

const ERROR_SHAPE = {
  error: {
    code: expect.stringMatching(/^[A-Z_]+$/),
    message: expect.any(String),
    requestId: expect.any(String),
  },
};

describe.each(testDatabases().slice(0, 1))("OpenAPI-driven fuzzing on $name", (target) => {
  let store: Store;
  let app: FastifyInstance;
  let ops: Operation[];
  const credentials: Record<string, string>[] = [];

  beforeAll(async () => {
    store = await target.open();
    app = await buildServer(
      { config: loadConfig({}), store, now: () => NOW, sessionSecret: SECRET },
      { web: false },
    );
    const brandId = await seedBrand(store.db, "fuzz-brand");
    const orderId = await seedOrder(store.db, { brandId, number: "FZ-1", email: "shopper@example.test" });
    const admin = await signIn(app, await seedStaff(store.db, "admin"), "10.7.0.1");
    const agent = await signIn(app, await seedStaff(store.db, "agent"), "10.7.0.2");
    const shopper = signToken(
      SECRET,
      { purpose: "shopper", orderId, brandId, email: "shopper@example.test" },
      NOW,
      3600,
    ).token;
    credentials.push(
      {},
      { cookie: admin.cookie, "x-csrf-token": admin.csrf },
      { cookie: agent.cookie, "x-csrf-token": agent.csrf },
      { authorization: `Bearer ${shopper}` },
      { authorization: "Bearer not.a-token" },
      { "x-api-key": "ak_made_up_0123456789" },
      { cookie: "aftercare_session=forged.value" },
    );
    ops = operations((await app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json());
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it("answers thousands of broken requests without a 5xx, each error in the documented shape", async () => {
    const r = random(SEED);
    const failures: string[] = [];
    let sent = 0;
    for (const op of ops) {
      for (let i = 0; i < REQUESTS_PER_OPERATION; i++) {
        let url = op.path;
        for (const name of op.pathParams) {
          const value = r.chance(0.5) ? r.pick(["fuzz-brand", "FZ-1", "probe"]) : r.pick(NASTY_STRINGS);
          url = url.replace(`{${name}}`, pathSegment(value.slice(0, 200)) || "%20");
        }
        const query = new URLSearchParams();
        for (const q of op.query) {
          if (r.chance(0.5))
            query.set(q.name, String(r.chance(0.5) ? validValue(q.schema, r) : r.pick(NASTY_VALUES)));
        }
        if (r.chance(0.2))
          query.set(r.pick(["extra", "limit", "__proto__[x]"]), r.pick(NASTY_STRINGS).slice(0, 500));
        const headers: Record<string, string> = { ...r.pick(credentials) };
        if (r.chance(0.1))
          headers["x-request-id"] = r
            .pick(NASTY_STRINGS)
            .slice(0, 300)
            .replace(/[^\x20-\x7e]/g, "");
        const request: InjectOptions = {
          method: op.method as InjectOptions["method"],
          url: query.size ? `${url}?${query}` : url,
          headers,
          remoteAddress: `10.8.${r.int(250)}.${1 + r.int(250)}`,
        };
        if (op.method !== "GET" && op.method !== "DELETE") {
          const kind = r.int(10);
          if (kind === 0) {
            headers["content-type"] = "application/json";
            request.payload = JSON.stringify({ big: MEGABYTE });
          } else if (kind === 1) {
            headers["content-type"] = r.pick([
              "text/plain",
              "application/xml",
              "multipart/form-data; boundary=x",
            ]);
            request.payload = r.pick(["<a>1</a>", "--x\r\nbroken", "plain words", ""]);
          } else if (kind === 2) {
            headers["content-type"] = "application/json";
            request.payload = r.pick(['{"a":', "[1,2", '{"__proto__":{"x":1}}', "\u0000", "nul"]);
          } else {
            headers["content-type"] = "application/json";
            request.payload = JSON.stringify(brokenBody(op.body, r) ?? null);
          }
        }
        const res = await app.inject(request);
        sent += 1;
        const label = `${request.method} ${String(request.url).slice(0, 200)} (${headers["content-type"] ?? "no body"})`;
        if (res.statusCode >= 500) {
          failures.push(`${res.statusCode} ${label}: ${res.body.slice(0, 300)}`);
          continue;
        }
        if (res.statusCode >= 400) {
          let body: unknown;
          try {
            body = res.json();
          } catch {
            failures.push(`${res.statusCode} not JSON ${label}: ${res.body.slice(0, 200)}`);
            continue;
          }
          try {
            expect(body).toMatchObject(ERROR_SHAPE);
          } catch {
            failures.push(`${res.statusCode} wrong shape ${label}: ${res.body.slice(0, 200)}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(2000);
    // Still serving after all of it.
    expect((await app.inject({ method: "GET", url: "/health" })).statusCode).toBe(200);
  });
});
