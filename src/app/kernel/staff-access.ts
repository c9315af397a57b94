// The check brand-scoped staff work starts with (discount codes, the collaboration queue): the right
// role, and a brand the staff member works for. The system actor (CLI, jobs) may do anything.
import type { Actor, StaffRole } from "./actor.ts";
import { AppError } from "./errors.ts";

export function assertStaff(actor: Actor, brandId: string, roles: readonly StaffRole[]): void {
  if (actor.type === "system") return;
  if (actor.type === "anonymous") throw new AppError("UNAUTHORIZED", "Sign in first.");
  if (actor.type !== "staff") throw new AppError("FORBIDDEN", "Only staff can do this.");
  if (!roles.includes(actor.role)) {
    throw new AppError("FORBIDDEN", `The ${actor.role} role cannot do this.`, { role: actor.role });
  }
  if (actor.brandId !== null && actor.brandId !== brandId) {
    throw new AppError("FORBIDDEN", "This belongs to a brand you do not work for.");
  }
}

/** API keys of the brand (or of every brand) and its staff in `roles` may call a checkout check. */
export function assertCheckoutCaller(actor: Actor, brandId: string, roles: readonly StaffRole[]): void {
  if (actor.type === "api_key") {
    if (actor.brandId === null || actor.brandId === brandId) return;
    throw new AppError("FORBIDDEN", "This API key belongs to another brand.");
  }
  assertStaff(actor, brandId, roles);
}
