// Behind a TLS-terminating proxy the server sees plain HTTP from the proxy's address. With TRUST_PROXY
// set, the proxy's X-Forwarded-Proto makes the staff cookies Secure and X-Forwarded-For keys the
// per-address rate limits; without it, a client sending those headers changes nothing.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOW, PASSWORD, seedStaff } from "../../test/support/auth-test-helpers.ts";
import { loadConfig } from "../config.ts";
import type { Store } from "../db/database.ts";
import { testDatabases } from "../db/test-db.ts";
import { CSRF_COOKIE, SESSION_COOKIE } from "./auth.ts";
import { buildServer } from "./server.ts";

const SECRET = "test-secret-for-trust-proxy-0123456789ab";
const LOGIN_LIMIT = 10;

describe.each(testDatabases())("TRUST_PROXY on $name", (target) => {
  let store: Store;
  let email = "";
  const apps: FastifyInstance[] = [];

  beforeAll(async () => {
    store = await target.open();
    email = await seedStaff(store.db, "agent");
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await store.close();
  });

  // A fresh server per case, so each starts with empty rate-limit counters.
  async function serverWith(env: Record<string, string>): Promise<FastifyInstance> {
    const app = await buildServer({ config: loadConfig(env), store, now: () => NOW, sessionSecret: SECRET });
    apps.push(app);
    return app;
  }

  const login = (
    app: FastifyInstance,
    headers: Record<string, string>,
    options: { password?: string; remoteAddress?: string } = {},
  ) =>
    app.inject({
      method: "POST",
      url: "/api/v1/staff/login",
      payload: { email, password: options.password ?? PASSWORD },
      headers,
      remoteAddress: options.remoteAddress ?? "10.20.0.1",
    });

  const secureFlags = (res: Awaited<ReturnType<typeof login>>) => {
    expect(res.statusCode).toBe(200);
    return [SESSION_COOKIE, CSRF_COOKIE].map(
      (name) => res.cookies.find((c) => c.name === name)?.secure === true,
    );
  };

  /** Spends the login budget of one forwarded address with wrong passwords. */
  async function exhaust(app: FastifyInstance, headers: () => Record<string, string>) {
    for (let i = 0; i < LOGIN_LIMIT; i++) {
      const res = await login(app, headers(), { password: "wrong password" });
      expect(res.statusCode).toBe(401);
    }
  }

  it("with TRUST_PROXY=true, marks the session cookies Secure when the proxy says the shopper used https", async () => {
    const app = await serverWith({ TRUST_PROXY: "true" });
    expect(secureFlags(await login(app, { "x-forwarded-proto": "https" }))).toEqual([true, true]);
    expect(secureFlags(await login(app, { "x-forwarded-proto": "http" }))).toEqual([false, false]);
    expect(secureFlags(await login(app, {}, { remoteAddress: "10.20.0.2" }))).toEqual([false, false]);
  });

  it("with TRUST_PROXY=true, counts login attempts per forwarded address, not per proxy", async () => {
    const app = await serverWith({ TRUST_PROXY: "true" });
    await exhaust(app, () => ({ "x-forwarded-for": "203.0.113.7" }));
    const limited = await login(app, { "x-forwarded-for": "203.0.113.7" });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe("RATE_LIMITED");
    // Another shopper behind the same proxy still gets in.
    expect((await login(app, { "x-forwarded-for": "203.0.113.8" })).statusCode).toBe(200);
  });

  it("without TRUST_PROXY, believes neither header", async () => {
    const app = await serverWith({});
    const https = { "x-forwarded-proto": "https" };
    expect(secureFlags(await login(app, https, { remoteAddress: "10.20.0.9" }))).toEqual([false, false]);
    // Changing X-Forwarded-For on every try does not buy a fresh budget: the socket address counts.
    let n = 0;
    await exhaust(app, () => ({ "x-forwarded-for": `203.0.113.${++n}` }));
    const limited = await login(app, { "x-forwarded-for": "198.51.100.99" });
    expect(limited.statusCode).toBe(429);
  });

  it("with a hop count, keys on the address the nearest proxy saw, whatever the client prepends", async () => {
    const app = await serverWith({ TRUST_PROXY: "1" });
    expect(secureFlags(await login(app, { "x-forwarded-proto": "https" }))).toEqual([true, true]);
    let n = 0;
    await exhaust(app, () => ({ "x-forwarded-for": `192.0.2.${++n}, 203.0.113.9` }));
    expect((await login(app, { "x-forwarded-for": "192.0.2.200, 203.0.113.9" })).statusCode).toBe(429);
    expect((await login(app, { "x-forwarded-for": "203.0.113.10" })).statusCode).toBe(200);
  });

  it("with a list of proxy addresses, believes the headers only from those addresses", async () => {
    const app = await serverWith({ TRUST_PROXY: "10.20.0.0/16,::1" });
    const https = { "x-forwarded-proto": "https" };
    expect(secureFlags(await login(app, https, { remoteAddress: "10.20.5.6" }))).toEqual([true, true]);
    expect(secureFlags(await login(app, https, { remoteAddress: "192.0.2.50" }))).toEqual([false, false]);
  });
});
