// Brand settings through the real server: an admin reads and changes a brand's name, addresses, hours and
// targets; the next case opened gets the new due dates and mail to the new address reaches the brand;
// other roles are refused, bad input is answered in the one error shape, and every change is audited.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedStaff, signIn } from "../../../test/support/auth-test-helpers.ts";
import { seedBrand } from "../../../test/support/test-seed.ts";
import { createEvidenceStorage } from "../../app/claims/evidence-storage.ts";
import type { StaffRole } from "../../app/kernel/actor.ts";
import { loadConfig } from "../../config.ts";
import type { Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { ingestMail } from "../../email/ingest.ts";
import { CSRF_HEADER } from "../auth.ts";
import { buildServer } from "../server.ts";

// A Tuesday in March: London is on GMT, so the desk's clock and UTC agree.
const NOW = new Date("2026-03-10T10:00:00Z");
const URL_OF = (brand: string) => `/api/v1/admin/brands/${brand}/settings`;

interface Settings {
  name: string;
  addresses: { supportEmail: string | null; partnershipsEmail: string | null };
  policyAddresses: { supportEmail: string | null; partnershipsEmail: string | null };
  serviceLevels: { opens: string; closes: string; targets: Record<string, unknown> };
  requestTypes: string[];
}

const change = {
  name: "Kallesia London",
  supportEmail: "desk@kallesia.example",
  partnershipsEmail: null,
  serviceLevels: {
    opens: "09:00",
    closes: "17:00",
    targets: { default: { firstResponseHours: 2, resolutionHours: 6 } },
  },
};

describe.each(testDatabases())("brand settings routes on $name", (target) => {
  let store: Store;
  let app: FastifyInstance;
  let dataDir = "";
  let kallesia = "";
  let admin: Record<string, string>;
  let address = 1;
  const signedIn = async (role: StaffRole, brand: string | null = null) => {
    const s = await signIn(app, await seedStaff(store.db, role, brand), `10.11.0.${address++}`);
    return { cookie: s.cookie, [CSRF_HEADER]: s.csrf };
  };
  const put = (headers: Record<string, string>, payload: unknown, brand = "kallesia") =>
    app.inject({ method: "PUT", url: URL_OF(brand), headers, payload: payload as object });

  beforeAll(async () => {
    store = await target.open();
    dataDir = mkdtempSync(join(tmpdir(), "aftercare-brand-settings-"));
    kallesia = (await seedBrand(store.db, "kallesia")).id;
    await seedBrand(store.db, "castella");
    app = await buildServer({
      config: loadConfig({ DATA_DIR: dataDir }),
      store,
      now: () => NOW,
      sessionSecret: "test-secret-for-brand-settings-0123456789",
    });
    admin = await signedIn("admin");
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("shows the brand's settings with the policy's addresses and the default targets", async () => {
    const res = await app.inject({ method: "GET", url: URL_OF("kallesia"), headers: admin });
    expect(res.statusCode).toBe(200);
    const settings = res.json() as Settings;
    expect(settings).toMatchObject({
      name: "Kallesia",
      addresses: { supportEmail: null, partnershipsEmail: null },
      policyAddresses: {
        supportEmail: "help@kallesia.com",
        partnershipsEmail: "collaborations@kallesia.com",
      },
      serviceLevels: { opens: "09:00", closes: "17:00", targets: {} },
    });
    expect(settings.requestTypes).toContain("lost_parcel");
  });

  it("saves a change, audits it, and the next case and the next email follow it", async () => {
    const res = await put(admin, change);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: "Kallesia London",
      addresses: { supportEmail: "desk@kallesia.example", partnershipsEmail: null },
      serviceLevels: { targets: { default: { firstResponseHours: 2, resolutionHours: 6 } } },
    });
    const again = (await app.inject({ method: "GET", url: URL_OF("kallesia"), headers: admin })).json();
    expect(again).toMatchObject({ name: "Kallesia London", serviceLevels: { closes: "17:00" } });

    const audit = await store.db
      .selectFrom("audit_log")
      .select(["action", "actor_type", "before", "after", "request_id"])
      .where("entity_id", "=", kallesia)
      .where("action", "=", "brand.settings_updated")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_type).toBe("staff");
    expect(audit[0]?.request_id).toBeTruthy();
    expect(JSON.parse(audit[0]?.before ?? "{}")).toMatchObject({ name: "Kallesia" });
    expect(JSON.parse(audit[0]?.after ?? "{}")).toMatchObject({
      name: "Kallesia London",
      addresses: { supportEmail: "desk@kallesia.example" },
    });

    // Mail to the new address opens a case for the brand, due 2 and 6 business hours after it arrived.
    const raw = Buffer.from(
      "From: rosa@example.com\r\nSubject: Question about sizes\r\nMessage-ID: <bs-1@example.com>\r\n\r\nHello\r\n",
    );
    const deps = { db: store.db, evidence: createEvidenceStorage({ dataDir }), dataDir, now: () => NOW };
    const stored = await ingestMail(deps, raw, {
      mailFrom: "rosa@example.com",
      recipients: ["desk@kallesia.example"],
    });
    expect(stored.outcome).toBe("new_case");
    const opened = await store.db
      .selectFrom("support_cases")
      .select(["brand_id", "first_response_due_at", "sla_due_at"])
      .where("id", "=", "caseId" in stored ? stored.caseId : "")
      .executeTakeFirstOrThrow();
    expect(opened).toEqual({
      brand_id: kallesia,
      first_response_due_at: "2026-03-10T12:00:00.000Z",
      sla_due_at: "2026-03-10T16:00:00.000Z",
    });
  });

  it("refuses other roles and another brand's admin with 403", async () => {
    for (const role of ["agent", "warehouse", "partnerships"] as const) {
      const headers = await signedIn(role);
      expect((await app.inject({ method: "GET", url: URL_OF("kallesia"), headers })).statusCode).toBe(403);
      const refused = await put(headers, change);
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
    }
    const castellaAdmin = await signedIn(
      "admin",
      (
        await store.db
          .selectFrom("brands")
          .select("id")
          .where("slug", "=", "castella")
          .executeTakeFirstOrThrow()
      ).id,
    );
    expect((await put(castellaAdmin, change)).statusCode).toBe(403);
    expect((await put(admin, change, "no-such-brand")).statusCode).toBe(404);
  });

  it("answers bad input with 400 in the one error shape and changes nothing", async () => {
    const bad = [
      { ...change, supportEmail: "not an address" },
      { ...change, name: "  " },
      { ...change, serviceLevels: { ...change.serviceLevels, opens: "9am" } },
      { ...change, serviceLevels: { ...change.serviceLevels, opens: "18:00" } },
      {
        ...change,
        serviceLevels: {
          ...change.serviceLevels,
          targets: { returns: { firstResponseHours: 1, resolutionHours: 2 } },
        },
      },
      {
        ...change,
        serviceLevels: {
          ...change.serviceLevels,
          targets: { default: { firstResponseHours: 10, resolutionHours: 4 } },
        },
      },
      {
        ...change,
        serviceLevels: { ...change.serviceLevels, targets: { default: { firstResponseHours: -1 } } },
      },
    ];
    for (const payload of bad) {
      const res = await put(admin, { ...payload, name: payload.name === "  " ? "  " : "Changed" });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      const body = res.json() as {
        error: { code: string; message: string; details: unknown; requestId: string };
      };
      expect(body.error.code).toBe("VALIDATION");
      expect(body.error.requestId).toBeTruthy();
      expect(Array.isArray(body.error.details)).toBe(true);
    }
    const after = (await app.inject({ method: "GET", url: URL_OF("kallesia"), headers: admin })).json();
    expect(after).toMatchObject({ name: "Kallesia London" });
  });

  it("refuses an address another brand receives mail at with 409", async () => {
    const res = await put(admin, { ...change, supportEmail: "care@castella.example" });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: { code: "CONFLICT", details: { brand: "castella" } } });
  });
});
