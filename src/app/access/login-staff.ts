// Signs a staff member in with email and password. An unknown email, a wrong password and a deactivated
// account all give the same answer, so the form cannot be used to learn who works here.
import type { Db } from "../../db/database.ts";
import type { StaffRole } from "../kernel/actor.ts";
import { recordAudit } from "../kernel/audit.ts";
import { AppError } from "../kernel/errors.ts";
import { normaliseEmail, type PublicStaffUser, withoutHash } from "./create-staff-user.ts";
import { decoyHash, verifyPassword } from "./password.ts";
import { signStaffSession } from "./session-tokens.ts";

export interface LoginStaffOptions {
  readonly email: string;
  readonly password: string;
  readonly sessionSecret: string;
}

export interface StaffLogin {
  readonly user: PublicStaffUser & { readonly role: StaffRole };
  readonly token: string;
  readonly csrf: string;
  readonly expiresAt: Date;
}

export const WRONG_LOGIN = "The email or password is not right.";

export async function loginStaff(db: Db, options: LoginStaffOptions, now: Date): Promise<StaffLogin> {
  const user = await db
    .selectFrom("staff_users")
    .selectAll()
    .where("email", "=", normaliseEmail(options.email))
    .executeTakeFirst();
  const ok = await verifyPassword(options.password, user?.password_hash ?? (await decoyHash()));
  if (!user || !ok || user.active !== 1) throw new AppError("UNAUTHORIZED", WRONG_LOGIN);
  const session = signStaffSession(options.sessionSecret, user.id, now);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("staff_users")
      .set({ last_login_at: now.toISOString() })
      .where("id", "=", user.id)
      .execute();
    await recordAudit(
      trx,
      { type: "staff", id: user.id, role: user.role, brandId: user.brand_id },
      { brandId: user.brand_id, action: "staff.login", entityType: "staff_user", entityId: user.id },
      now,
    );
  });
  return { user: withoutHash({ ...user, last_login_at: now.toISOString() }), ...session };
}
