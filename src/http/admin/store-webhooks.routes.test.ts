// The store webhook secret through the real server: an admin stores, checks and removes it, and no
// answer (nor the audit log an admin can read) ever carries the secret back.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOW, seedBrand, seedStaff, signIn } from "../../../test/support/auth-test-helpers.ts";
import { loadConfig } from "../../config.ts";
import type { Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { CSRF_HEADER } from "../auth.ts";
import { buildServer } from "../server.ts";

const SECRET = "c0ffee0123456789abcdef0123456789deadbeef";
const SECRET_PATH = "/api/v1/admin/brands/hooked/store-webhook-secret";

let address = 0;
const nextAddress = () => `10.8.${Math.floor(address / 250)}.${(address++ % 250) + 1}`;

describe.each(testDatabases())("admin store webhook secret routes on $name", (target) => {
  let store: Store;
  let app: FastifyInstance;
  let admin: Record<string, string>;
  let otherId = "";

  async function signedIn(role: "admin" | "agent", brand: string | null = null) {
    const signed = await signIn(app, await seedStaff(store.db, role, brand), nextAddress());
    return { cookie: signed.cookie, [CSRF_HEADER]: signed.csrf };
  }

  beforeAll(async () => {
    store = await target.open();
    await seedBrand(store.db, "hooked");
    otherId = await seedBrand(store.db, "elsewhere");
    app = await buildServer({
      config: loadConfig({}),
      store,
      now: () => NOW,
      sessionSecret: "test-secret-for-store-webhook-routes-0123",
    });
    admin = await signedIn("admin");
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it("stores, reports and removes the secret without ever answering with it", async () => {
    const bodies: string[] = [];
    const before = await app.inject({ method: "GET", url: SECRET_PATH, headers: admin });
    expect(before.json()).toEqual({ brand: "hooked", configured: false, updatedAt: null });

    const set = await app.inject({
      method: "PUT",
      url: SECRET_PATH,
      headers: admin,
      payload: { secret: SECRET },
    });
    bodies.push(set.body);
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ brand: "hooked", configured: true, updatedAt: NOW.toISOString() });

    const status = await app.inject({ method: "GET", url: SECRET_PATH, headers: admin });
    bodies.push(status.body);
    expect(status.json()).toEqual({ brand: "hooked", configured: true, updatedAt: NOW.toISOString() });

    const audit = await app.inject({
      method: "GET",
      url: "/api/v1/admin/audit-log?brand=hooked",
      headers: admin,
    });
    bodies.push(audit.body);
    expect(audit.statusCode).toBe(200);
    expect(audit.body).toContain("store_webhook_secret.set");

    const removed = await app.inject({ method: "DELETE", url: SECRET_PATH, headers: admin });
    bodies.push(removed.body);
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toEqual({ brand: "hooked", configured: false, updatedAt: null });
    expect(await store.db.selectFrom("store_webhook_secrets").selectAll().execute()).toEqual([]);

    for (const body of bodies) expect(body).not.toContain(SECRET);
  });

  it("refuses a short secret, other roles, another brand's admin and unknown brands", async () => {
    const put = (headers: Record<string, string>, url = SECRET_PATH, secret = SECRET) =>
      app.inject({ method: "PUT", url, headers, payload: { secret } });
    const short = await put(admin, SECRET_PATH, "tooshort");
    expect(short.statusCode).toBe(400);
    expect(short.json().error.code).toBe("VALIDATION");
    expect((await put(await signedIn("agent"))).statusCode).toBe(403);
    const theirs = await signedIn("admin", otherId);
    expect((await put(theirs)).statusCode).toBe(403);
    expect((await app.inject({ method: "GET", url: SECRET_PATH, headers: theirs })).statusCode).toBe(403);
    expect((await put(theirs, "/api/v1/admin/brands/elsewhere/store-webhook-secret")).statusCode).toBe(200);
    expect((await put(admin, "/api/v1/admin/brands/nobody/store-webhook-secret")).statusCode).toBe(404);
  });
});
