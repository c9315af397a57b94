// Every route's access rule, enforced: the routes are read from the OpenAPI document the server
// publishes, so a route added later is checked here without anyone remembering to add it.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  NOW,
  type StaffCookies,
  seedBrand,
  seedOrder,
  seedStaff,
  signIn,
} from "../../test/support/auth-test-helpers.ts";
import { signToken } from "../app/access/session-tokens.ts";
import { STAFF_ROLES, type StaffRole } from "../app/kernel/actor.ts";
import { loadConfig } from "../config.ts";
import type { Store } from "../db/database.ts";
import { testDatabases } from "../db/test-db.ts";
import { buildServer } from "./server.ts";

type Access =
  | { kind: "public" }
  | { kind: "shopper" }
  | { kind: "staff"; roles: StaffRole[] }
  | { kind: "apiKey" }
  | { kind: "storeWebhook" };

interface Operation {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  url: string;
  access: Access;
}

const SECRET = "test-secret-for-access-checks-0123456789";
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function operations(doc: {
  paths: Record<string, Record<string, { "x-aftercare-access": Access }>>;
}): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      // Path parameters get a harmless value: the guard answers before anything is looked up.
      const url = path.replace(/\{[^}]+\}/g, "probe");
      ops.push({
        method: method.toUpperCase() as Operation["method"],
        url,
        access: op["x-aftercare-access"],
      });
    }
  }
  return ops;
}

describe.each(testDatabases())("route access on $name", (target) => {
  let store: Store;
  let app: FastifyInstance;
  let ops: Operation[];
  const sessions = new Map<StaffRole, StaffCookies>();

  beforeAll(async () => {
    store = await target.open();
    app = await buildServer({ config: loadConfig({}), store, now: () => NOW, sessionSecret: SECRET });
    for (const [i, role] of STAFF_ROLES.entries()) {
      sessions.set(role, await signIn(app, await seedStaff(store.db, role), `10.1.0.${i + 1}`));
    }
    ops = operations((await app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json());
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const send = (op: Operation, headers: Record<string, string> = {}) =>
    app.inject({
      method: op.method,
      url: op.url,
      headers,
      ...(UNSAFE.has(op.method) ? { payload: {} } : {}),
    });

  it("declares an access rule on every operation, and has routes of each protected kind", () => {
    expect(ops.length).toBeGreaterThan(5);
    for (const op of ops) {
      expect(["public", "shopper", "staff", "apiKey", "storeWebhook"]).toContain(op.access?.kind);
    }
    const kinds = new Set(ops.map((o) => o.access.kind));
    expect(kinds).toContain("staff");
    expect(kinds).toContain("shopper");
    expect(kinds).toContain("apiKey");
  });

  it("answers 401 on every staff route without a session", async () => {
    for (const op of ops.filter((o) => o.access.kind === "staff")) {
      const res = await send(op);
      expect({ route: `${op.method} ${op.url}`, status: res.statusCode }).toEqual({
        route: `${op.method} ${op.url}`,
        status: 401,
      });
      expect(res.json().error.code).toBe("UNAUTHORIZED");
    }
  });

  it("answers 403 on every staff route to a signed-in user of a role it does not admit", async () => {
    let checked = 0;
    for (const op of ops) {
      if (op.access.kind !== "staff") continue;
      const roles = op.access.roles;
      // Admins may do everything, so the wrong role is any other role the route does not list.
      const wrong = STAFF_ROLES.find((r) => r !== "admin" && !roles.includes(r));
      if (!wrong) continue;
      const session = sessions.get(wrong);
      if (!session) throw new Error(`no session for ${wrong}`);
      const res = await send(op, { cookie: session.cookie, "x-csrf-token": session.csrf });
      expect({ route: `${op.method} ${op.url}`, role: wrong, status: res.statusCode }).toEqual({
        route: `${op.method} ${op.url}`,
        role: wrong,
        status: 403,
      });
      expect(res.json().error.code).toBe("FORBIDDEN");
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("answers 401 on every shopper route without a token, or with a forged or staff token", async () => {
    const forged = signToken(
      "another-secret-entirely-0123456789abc",
      {
        purpose: "shopper",
        orderId: "x",
        brandId: "y",
        email: "a@b.c",
      },
      NOW,
      3600,
    ).token;
    const staffCookieValue = sessions.get("admin")?.cookie.split(";")[0]?.split("=")[1] ?? "";
    for (const op of ops.filter((o) => o.access.kind === "shopper")) {
      const attempts: Record<string, string>[] = [
        {},
        { authorization: `Bearer ${forged}` },
        { authorization: `Bearer ${staffCookieValue}` },
      ];
      for (const headers of attempts) {
        const res = await send(op, headers);
        expect({ route: `${op.method} ${op.url}`, status: res.statusCode }).toEqual({
          route: `${op.method} ${op.url}`,
          status: 401,
        });
      }
    }
  });

  it("answers 401 on every API-key route without a key or with a made-up one", async () => {
    // Store webhooks of a brand without a webhook secret fall back to the API key.
    for (const op of ops.filter((o) => o.access.kind === "apiKey" || o.access.kind === "storeWebhook")) {
      const attempts: Record<string, string>[] = [{}, { "x-api-key": "ak_000000000000_notarealkeyatall" }];
      for (const headers of attempts) {
        const res = await send(op, headers);
        expect({ route: `${op.method} ${op.url}`, status: res.statusCode }).toEqual({
          route: `${op.method} ${op.url}`,
          status: 401,
        });
      }
    }
  });

  it("never shows order B to a shopper signed in to order A, on any shopper route", async () => {
    const brandId = await seedBrand(store.db, "access-brand");
    await seedOrder(store.db, { brandId, number: "A-1", email: "anna@example.com" });
    await seedOrder(store.db, { brandId, number: "B-2", email: "bruno@example.com" });
    const session = await app.inject({
      method: "POST",
      url: "/api/v1/brands/access-brand/shopper-session",
      payload: { orderNumber: "A-1", email: "anna@example.com" },
      remoteAddress: "10.2.0.1",
    });
    expect(session.statusCode).toBe(201);
    const token = session.json().token as string;
    for (const op of ops.filter((o) => o.access.kind === "shopper")) {
      const res = await send(op, { authorization: `Bearer ${token}` });
      expect(res.body).not.toContain("B-2");
      expect(res.body).not.toContain("bruno@example.com");
    }
    const own = await app.inject({
      method: "GET",
      url: "/api/v1/shopper/order",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(own.json()).toMatchObject({ number: "A-1", email: "anna@example.com" });
  });
});
