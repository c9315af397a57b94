// Demo staff users, one per role, so a fresh install can be tried from the console at once. They share
// one random password, returned so the caller prints it once; it is never stored in clear.
import type { Db } from "../../db/database.ts";
import { STAFF_ROLES, type StaffRole, SYSTEM } from "../kernel/actor.ts";
import { createStaffUser } from "./create-staff-user.ts";
import { generatePassword } from "./password.ts";

export interface DemoStaffLogin {
  readonly email: string;
  readonly role: StaffRole;
}

export interface SeededDemoStaff {
  /** Users created now; empty when they all existed already. */
  readonly created: readonly DemoStaffLogin[];
  /** The password of the users created now; null when none was created. */
  readonly password: string | null;
}

export const demoStaffEmail = (role: StaffRole): string => `${role}@aftercare.local`;

export async function seedDemoStaff(
  db: Db,
  now: Date,
  password = generatePassword(),
): Promise<SeededDemoStaff> {
  const existing = new Set(
    (
      await db
        .selectFrom("staff_users")
        .select("email")
        .where("email", "in", STAFF_ROLES.map(demoStaffEmail))
        .execute()
    ).map((u) => u.email),
  );
  const created: DemoStaffLogin[] = [];
  for (const role of STAFF_ROLES) {
    const email = demoStaffEmail(role);
    if (existing.has(email)) continue;
    await createStaffUser(db, { email, name: `Demo ${role}`, role, password }, SYSTEM, now);
    created.push({ email, role });
  }
  return { created, password: created.length ? password : null };
}
