// Adds a person to the care team with one role, optionally limited to one brand. Only an admin (or the
// system, for the CLI and demo seeding) may do it, and a brand-bound admin only for their own brand.

import { type Db, newId } from "../../db/database.ts";
import type { StaffUser } from "../../db/schema.ts";
import { requireBrand } from "../brands/require-brand.ts";
import { type Actor, STAFF_ROLES, type StaffRole } from "../kernel/actor.ts";
import { recordAudit } from "../kernel/audit.ts";
import { AppError } from "../kernel/errors.ts";
import { hashPassword, MIN_PASSWORD_LENGTH } from "./password.ts";

export interface CreateStaffUserOptions {
  readonly email: string;
  readonly name?: string;
  readonly role: string;
  /** Limits the user to one brand; omitted, the user works for every brand of the install. */
  readonly brandSlug?: string | null;
  readonly password: string;
}

export type PublicStaffUser = Omit<StaffUser, "password_hash">;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function isStaffRole(role: string): role is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(role);
}

export function withoutHash(user: StaffUser): PublicStaffUser {
  const { password_hash: _hash, ...rest } = user;
  return rest;
}

export async function createStaffUser(
  db: Db,
  options: CreateStaffUserOptions,
  actor: Actor,
  now: Date,
): Promise<PublicStaffUser> {
  const email = normaliseEmail(options.email);
  if (!/^[^\s@]+@[^\s@]+$/.test(email))
    throw new AppError("VALIDATION", `'${options.email}' is not an email`);
  if (!isStaffRole(options.role)) {
    throw new AppError("VALIDATION", `role must be one of ${STAFF_ROLES.join(", ")}`, { role: options.role });
  }
  if (options.password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError("VALIDATION", `the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  const isAdmin = actor.type === "system" || (actor.type === "staff" && actor.role === "admin");
  if (!isAdmin) throw new AppError("FORBIDDEN", "Only an admin can add staff users.");
  const brand = options.brandSlug ? await requireBrand(db, options.brandSlug) : null;
  // An admin bound to one brand can only add users of that brand, never install-wide ones.
  if (actor.type === "staff" && actor.brandId !== null && brand?.id !== actor.brandId) {
    throw new AppError("FORBIDDEN", "You can only add users to your own brand.");
  }
  const passwordHash = await hashPassword(options.password);
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom("staff_users")
      .select("id")
      .where("email", "=", email)
      .executeTakeFirst();
    if (existing) throw new AppError("CONFLICT", `a staff user with email ${email} exists`, { email });
    const user: StaffUser = {
      id: newId(),
      email,
      name: options.name?.trim() || email.split("@")[0] || email,
      password_hash: passwordHash,
      role: options.role as StaffRole,
      brand_id: brand?.id ?? null,
      active: 1,
      created_at: now.toISOString(),
      last_login_at: null,
    };
    await trx.insertInto("staff_users").values(user).execute();
    const saved = withoutHash(user);
    await recordAudit(
      trx,
      actor,
      {
        brandId: user.brand_id,
        action: "staff_user.created",
        entityType: "staff_user",
        entityId: user.id,
        after: saved,
      },
      now,
    );
    return saved;
  });
}
