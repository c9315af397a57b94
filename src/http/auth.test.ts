// Signing in and what a session may do: staff cookies with CSRF, shopper sessions, API keys, rate limits.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  NOW,
  PASSWORD,
  seedBrand,
  seedOrder,
  seedStaff,
  signIn,
} from "../../test/support/auth-test-helpers.ts";
import { signOrderLink } from "../app/access/session-tokens.ts";
import { loadConfig } from "../config.ts";
import type { Store } from "../db/database.ts";
import { testDatabases } from "../db/test-db.ts";
import { CSRF_COOKIE, SESSION_COOKIE } from "./auth.ts";
import { buildServer } from "./server.ts";

const SECRET = "test-secret-for-auth-checks-0123456789ab";

describe.each(testDatabases())("authentication on $name", (target) => {
  let store: Store;
  let app: FastifyInstance;
  let clock = NOW;
  let orderA = "";
  let orderB = "";
  let ip = 0;
  // Each test signs in from its own address so the per-IP limits do not bleed between tests.
  const nextIp = () => `10.3.${Math.floor(++ip / 200)}.${ip % 200}`;

  beforeAll(async () => {
    store = await target.open();
    app = await buildServer({ config: loadConfig({}), store, now: () => clock, sessionSecret: SECRET });
    const brandId = await seedBrand(store.db, "castella");
    await seedBrand(store.db, "kallesia");
    orderA = await seedOrder(store.db, { brandId, number: "CA-10001", email: "Anna.Shopper@Example.com" });
    orderB = await seedOrder(store.db, { brandId, number: "CA-10002", email: "bruno@example.com" });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  describe("staff", () => {
    it("signs in, reads /me, and signs out; the cookie is HttpOnly, SameSite=Lax and expires", async () => {
      const email = await seedStaff(store.db, "agent");
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/staff/login",
        payload: { email: email.toUpperCase(), password: PASSWORD },
        remoteAddress: nextIp(),
      });
      expect(res.statusCode).toBe(200);
      const session = res.cookies.find((c) => c.name === SESSION_COOKIE);
      const csrf = res.cookies.find((c) => c.name === CSRF_COOKIE);
      expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
      expect(session?.expires).toBeInstanceOf(Date);
      expect(session?.secure).toBeFalsy();
      expect(csrf?.httpOnly).toBeFalsy();
      expect(res.json()).toMatchObject({ user: { email, role: "agent" }, csrfToken: csrf?.value });
      expect(res.body).not.toContain("password_hash");

      const cookie = `${SESSION_COOKIE}=${session?.value}; ${CSRF_COOKIE}=${csrf?.value}`;
      const me = await app.inject({ method: "GET", url: "/api/v1/staff/me", headers: { cookie } });
      expect(me.json()).toMatchObject({ email, role: "agent" });

      const out = await app.inject({
        method: "POST",
        url: "/api/v1/staff/logout",
        headers: { cookie, "x-csrf-token": csrf?.value ?? "" },
      });
      expect(out.statusCode).toBe(204);
      const cleared = out.cookies.find((c) => c.name === SESSION_COOKIE);
      expect(cleared?.value).toBe("");
    });

    it("gives the same answer for a wrong password and an unknown email", async () => {
      const email = await seedStaff(store.db, "agent");
      const wrong = await app.inject({
        method: "POST",
        url: "/api/v1/staff/login",
        payload: { email, password: "not the password" },
        remoteAddress: nextIp(),
      });
      const unknown = await app.inject({
        method: "POST",
        url: "/api/v1/staff/login",
        payload: { email: "nobody@team.test", password: PASSWORD },
        remoteAddress: nextIp(),
      });
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      const { requestId: _a, ...a } = wrong.json().error;
      const { requestId: _b, ...b } = unknown.json().error;
      expect(a).toEqual(b);
      expect(wrong.cookies).toEqual([]);
    });

    it("refuses an unsafe request with the session cookie but without the CSRF header", async () => {
      const admin = await signIn(app, await seedStaff(store.db, "admin"), nextIp());
      const payload = { name: "Warehouse scanner" };
      const none = await app.inject({
        method: "POST",
        url: "/api/v1/admin/api-keys",
        headers: { cookie: admin.cookie },
        payload,
      });
      expect(none.statusCode).toBe(403);
      expect(none.json().error.code).toBe("FORBIDDEN");
      const wrong = await app.inject({
        method: "POST",
        url: "/api/v1/admin/api-keys",
        headers: { cookie: admin.cookie, "x-csrf-token": "guessed" },
        payload,
      });
      expect(wrong.statusCode).toBe(403);
      const right = await app.inject({
        method: "POST",
        url: "/api/v1/admin/api-keys",
        headers: { cookie: admin.cookie, "x-csrf-token": admin.csrf },
        payload,
      });
      expect(right.statusCode).toBe(201);
    });

    it("ends a session when it expires or the user is deactivated", async () => {
      const email = await seedStaff(store.db, "agent");
      const s = await signIn(app, email, nextIp());
      clock = new Date(NOW.getTime() + 13 * 3600_000);
      const expired = await app.inject({
        method: "GET",
        url: "/api/v1/staff/me",
        headers: { cookie: s.cookie },
      });
      clock = NOW;
      expect(expired.statusCode).toBe(401);
      await store.db.updateTable("staff_users").set({ active: 0 }).where("email", "=", email).execute();
      const off = await app.inject({ method: "GET", url: "/api/v1/staff/me", headers: { cookie: s.cookie } });
      expect(off.statusCode).toBe(401);
    });

    it("lets an admin add staff users and read the audit log with filters", async () => {
      const admin = await signIn(app, await seedStaff(store.db, "admin"), nextIp());
      const headers = { cookie: admin.cookie, "x-csrf-token": admin.csrf };
      const created = await app.inject({
        method: "POST",
        url: "/api/v1/admin/staff-users",
        headers,
        payload: { email: "Wanda@Team.test", role: "warehouse", brand: "castella" },
      });
      expect(created.statusCode).toBe(201);
      const body = created.json();
      expect(body.user).toMatchObject({ email: "wanda@team.test", role: "warehouse" });
      expect(body.generatedPassword).toEqual(expect.any(String));
      const again = await app.inject({
        method: "POST",
        url: "/api/v1/admin/staff-users",
        headers,
        payload: { email: "wanda@team.test", role: "agent", password: "another password" },
      });
      expect(again.statusCode).toBe(409);
      const wanda = await signIn(app, "wanda@team.test", nextIp()).catch(() => null);
      expect(wanda).toBeNull(); // signIn uses the shared test password; the generated one is different
      const list = await app.inject({ method: "GET", url: "/api/v1/admin/staff-users", headers });
      expect(list.json().users.map((u: { email: string }) => u.email)).toContain("wanda@team.test");
      const log = await app.inject({
        method: "GET",
        url: `/api/v1/admin/audit-log?action=staff_user.created&entityId=${body.user.id}`,
        headers,
      });
      expect(log.statusCode).toBe(200);
      expect(log.json().entries).toEqual([
        expect.objectContaining({ action: "staff_user.created", entityId: body.user.id, actorType: "staff" }),
      ]);
      expect(JSON.stringify(log.json())).not.toContain("scrypt$");
    });

    it("keeps an admin bound to one brand to that brand", async () => {
      const brand = await store.db
        .selectFrom("brands")
        .select("id")
        .where("slug", "=", "kallesia")
        .executeTakeFirstOrThrow();
      const admin = await signIn(app, await seedStaff(store.db, "admin", brand.id), nextIp());
      const headers = { cookie: admin.cookie, "x-csrf-token": admin.csrf };
      const other = await app.inject({
        method: "POST",
        url: "/api/v1/admin/staff-users",
        headers,
        payload: { email: "x@team.test", role: "agent", brand: "castella" },
      });
      expect(other.statusCode).toBe(403);
      const installWide = await app.inject({
        method: "POST",
        url: "/api/v1/admin/api-keys",
        headers,
        payload: { name: "k" },
      });
      expect(installWide.statusCode).toBe(403);
      const log = await app.inject({ method: "GET", url: "/api/v1/admin/audit-log?brand=castella", headers });
      expect(log.statusCode).toBe(403);
      const users = await app.inject({ method: "GET", url: "/api/v1/admin/staff-users", headers });
      for (const u of users.json().users) expect(u.brand_id).toBe(brand.id);
    });
  });

  describe("shoppers", () => {
    const start = (payload: object, remoteAddress = nextIp()) =>
      app.inject({ method: "POST", url: "/api/v1/brands/castella/shopper-session", payload, remoteAddress });

    it("finds an order by number and email, ignoring the email's case, and shows only that order", async () => {
      const res = await start({ orderNumber: "ca-10001", email: "  anna.shopper@example.COM " });
      expect(res.statusCode).toBe(201);
      const { token } = res.json();
      const view = await app.inject({
        method: "GET",
        url: "/api/v1/shopper/order",
        headers: { authorization: `Bearer ${token}` },
      });
      expect(view.statusCode).toBe(200);
      expect(view.json()).toMatchObject({
        number: "CA-10001",
        status: "delivered",
        lines: [{ id: "1", title: "Linen dress", unitPrice: 12000 }],
        shipments: [
          {
            trackingNumber: "123456789012345678",
            lastMile: { courier: "Local Post", trackingNumber: "LP-998", contact: "+1 555 0100" },
          },
        ],
      });
      expect(view.json().timeline.map((t: { status: string }) => t.status)).toEqual([
        "placed",
        "dispatched",
        "in_transit",
        "delivered",
      ]);
      expect(view.body).not.toContain("CA-10002");
    });

    it("gives the same answer for a wrong order number and a wrong email", async () => {
      const wrongNumber = await start({ orderNumber: "CA-99999", email: "anna.shopper@example.com" });
      const wrongEmail = await start({ orderNumber: "CA-10001", email: "bruno@example.com" });
      expect(wrongNumber.statusCode).toBe(404);
      expect(wrongEmail.statusCode).toBe(404);
      const { requestId: _a, ...a } = wrongNumber.json().error;
      const { requestId: _b, ...b } = wrongEmail.json().error;
      expect(a).toEqual(b);
    });

    it("rejects a token whose order was swapped for another one, and an expired token", async () => {
      const { token } = (await start({ orderNumber: "CA-10001", email: "anna.shopper@example.com" })).json();
      const [body, sig] = String(token).split(".");
      const claims = JSON.parse(Buffer.from(body ?? "", "base64url").toString());
      const swapped = `${Buffer.from(JSON.stringify({ ...claims, orderId: orderB })).toString("base64url")}.${sig}`;
      const forged = await app.inject({
        method: "GET",
        url: "/api/v1/shopper/order",
        headers: { authorization: `Bearer ${swapped}` },
      });
      expect(forged.statusCode).toBe(401);
      expect(forged.body).not.toContain("bruno");
      clock = new Date(NOW.getTime() + 3 * 3600_000);
      const late = await app.inject({
        method: "GET",
        url: "/api/v1/shopper/order",
        headers: { authorization: `Bearer ${token}` },
      });
      clock = NOW;
      expect(late.statusCode).toBe(401);
    });

    it("exchanges a signed 'modify order' link for a session on that order only", async () => {
      const link = signOrderLink(SECRET, orderA, NOW).token;
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/brands/castella/shopper-session/link",
        payload: { token: link },
        remoteAddress: nextIp(),
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().orderNumber).toBe("CA-10001");
      const wrongBrand = await app.inject({
        method: "POST",
        url: "/api/v1/brands/kallesia/shopper-session/link",
        payload: { token: link },
        remoteAddress: nextIp(),
      });
      expect(wrongBrand.statusCode).toBe(404);
      // A shopper session token is not a link token, and the reverse.
      const asLink = await app.inject({
        method: "POST",
        url: "/api/v1/brands/castella/shopper-session/link",
        payload: { token: res.json().token },
        remoteAddress: nextIp(),
      });
      expect(asLink.statusCode).toBe(401);
      const asSession = await app.inject({
        method: "GET",
        url: "/api/v1/shopper/order",
        headers: { authorization: `Bearer ${link}` },
      });
      expect(asSession.statusCode).toBe(401);
    });

    it("rate-limits the session endpoint per address and brand with the error shape", async () => {
      const address = nextIp();
      const codes: number[] = [];
      for (let i = 0; i < 11; i++) {
        codes.push((await start({ orderNumber: `CA-${i}`, email: "guess@example.com" }, address)).statusCode);
      }
      expect(codes.slice(0, 10).every((c) => c === 404)).toBe(true);
      const limited = await start({ orderNumber: "CA-10001", email: "anna.shopper@example.com" }, address);
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error).toMatchObject({ code: "RATE_LIMITED", requestId: expect.any(String) });
      expect(limited.headers["retry-after"]).toBeDefined();
      // Another brand from the same address has its own budget.
      const other = await app.inject({
        method: "POST",
        url: "/api/v1/brands/kallesia/shopper-session",
        payload: { orderNumber: "X", email: "a@b.c" },
        remoteAddress: address,
      });
      expect(other.statusCode).toBe(404);
    });
  });

  describe("API keys", () => {
    it("creates a key shown once, verifies it, and stops it on revocation", async () => {
      const admin = await signIn(app, await seedStaff(store.db, "admin"), nextIp());
      const headers = { cookie: admin.cookie, "x-csrf-token": admin.csrf };
      const created = await app.inject({
        method: "POST",
        url: "/api/v1/admin/api-keys",
        headers,
        payload: { name: "Store sync", brand: "castella" },
      });
      expect(created.statusCode).toBe(201);
      const { apiKey, secret } = created.json();
      expect(secret.startsWith(`${apiKey.key_prefix}_`)).toBe(true);
      const listed = await app.inject({ method: "GET", url: "/api/v1/admin/api-keys", headers });
      expect(listed.body).not.toContain(secret);
      expect(listed.body).not.toContain("key_hash");

      const who = await app.inject({
        method: "GET",
        url: "/api/v1/integrations/whoami",
        headers: { "x-api-key": secret },
      });
      expect(who.statusCode).toBe(200);
      expect(who.json()).toMatchObject({ id: apiKey.id, brandId: apiKey.brand_id });
      const tampered = `${secret.slice(0, -1)}${secret.endsWith("A") ? "B" : "A"}`;
      const bad = await app.inject({
        method: "GET",
        url: "/api/v1/integrations/whoami",
        headers: { "x-api-key": tampered },
      });
      expect(bad.statusCode).toBe(401);

      const revoked = await app.inject({
        method: "POST",
        url: `/api/v1/admin/api-keys/${apiKey.id}/revoke`,
        headers,
      });
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json().revoked_at).toEqual(NOW.toISOString());
      const after = await app.inject({
        method: "GET",
        url: "/api/v1/integrations/whoami",
        headers: { "x-api-key": secret },
      });
      expect(after.statusCode).toBe(401);
    });
  });

  it("serves Prometheus metrics by route and status", async () => {
    await app.inject({ method: "GET", url: "/health" });
    const res = await app.inject({ method: "GET", url: "/metrics" });
    expect(res.headers["content-type"]).toContain("text/plain");
    expect(res.body).toMatch(
      /aftercare_http_requests_total\{method="GET",route="\/health",status="200"\} \d+/,
    );
    expect(res.body).toContain(
      'aftercare_http_requests_total{method="GET",route="/api/v1/shopper/order",status="401"}',
    );
    expect(res.body).toContain("aftercare_http_request_duration_seconds_bucket");
  });
});
