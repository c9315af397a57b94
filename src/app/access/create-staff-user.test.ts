import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { SYSTEM } from "../kernel/actor.ts";
import { createStaffUser } from "./create-staff-user.ts";
import { loginStaff, WRONG_LOGIN } from "./login-staff.ts";
import { seedDemoStaff } from "./seed-demo-staff.ts";
import { verifyToken } from "./session-tokens.ts";

const NOW = new Date("2026-03-09T15:00:00Z");
const SECRET = "a-long-enough-session-secret-for-tests-03";

describe.each(testDatabases())("staff users on $name", (target) => {
  let store: Store;
  beforeAll(async () => {
    store = await target.open();
  });
  afterAll(() => store.close());

  it("creates a user with a hashed password, audited, and signs them in", async () => {
    const user = await createStaffUser(
      store.db,
      { email: " Ines@Team.test ", role: "warehouse", password: "a good long password" },
      SYSTEM,
      NOW,
    );
    expect(user).toMatchObject({ email: "ines@team.test", role: "warehouse", brand_id: null });
    expect(user).not.toHaveProperty("password_hash");
    const login = await loginStaff(
      store.db,
      { email: "INES@team.test", password: "a good long password", sessionSecret: SECRET },
      NOW,
    );
    expect(verifyToken(SECRET, login.token, "staff", NOW)).toMatchObject({
      userId: user.id,
      csrf: login.csrf,
    });
    const actions = await store.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", user.id)
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual(["staff.login", "staff_user.created"]);
  });

  it("refuses bad input, duplicates and non-admins", async () => {
    const base = { email: "dup@team.test", role: "agent", password: "a good long password" };
    await createStaffUser(store.db, base, SYSTEM, NOW);
    await expect(createStaffUser(store.db, base, SYSTEM, NOW)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      createStaffUser(store.db, { ...base, email: "x@t.t", role: "boss" }, SYSTEM, NOW),
    ).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await expect(
      createStaffUser(store.db, { ...base, email: "y@t.t", password: "short" }, SYSTEM, NOW),
    ).rejects.toMatchObject({
      code: "VALIDATION",
    });
    const agent = { type: "staff", id: "a", role: "agent", brandId: null } as const;
    await expect(createStaffUser(store.db, { ...base, email: "z@t.t" }, agent, NOW)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("answers a wrong password and an unknown email with the same error", async () => {
    const attempt = (email: string, password: string) =>
      loginStaff(store.db, { email, password, sessionSecret: SECRET }, NOW).catch((e: unknown) => e);
    const wrong = await attempt("dup@team.test", "not the password");
    const unknown = await attempt("ghost@team.test", "a good long password");
    expect(wrong).toMatchObject({ code: "UNAUTHORIZED", message: WRONG_LOGIN });
    expect(unknown).toMatchObject({ code: "UNAUTHORIZED", message: WRONG_LOGIN });
  });

  it("seeds one demo user per role once, returning the password only when it created them", async () => {
    const first = await seedDemoStaff(store.db, NOW);
    expect(first.created.map((u) => u.email)).toEqual([
      "admin@aftercare.local",
      "agent@aftercare.local",
      "warehouse@aftercare.local",
      "partnerships@aftercare.local",
    ]);
    expect(first.password).toEqual(expect.any(String));
    const login = await loginStaff(
      store.db,
      { email: "agent@aftercare.local", password: first.password ?? "", sessionSecret: SECRET },
      NOW,
    );
    expect(login.user.role).toBe("agent");
    expect(await seedDemoStaff(store.db, NOW)).toEqual({ created: [], password: null });
  });
});
