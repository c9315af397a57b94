// Who is acting: every use case takes an actor, checks what it may do, and records it in the audit log.
export const STAFF_ROLES = ["admin", "agent", "warehouse", "partnerships"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export type Actor =
  | { readonly type: "staff"; readonly id: string; readonly role: StaffRole; readonly brandId: string | null }
  /** A shopper signed in to one order with its number and email (or a signed link). */
  | { readonly type: "shopper"; readonly orderId: string; readonly brandId: string; readonly email: string }
  | { readonly type: "api_key"; readonly id: string; readonly brandId: string | null }
  | { readonly type: "system"; readonly id: string }
  | { readonly type: "anonymous" };

export const SYSTEM: Actor = { type: "system", id: "aftercare" };

/** The id written to audit rows and "issued_by" columns. */
export function actorId(actor: Actor): string | null {
  switch (actor.type) {
    case "staff":
    case "api_key":
    case "system":
      return actor.id;
    case "shopper":
      return actor.email;
    case "anonymous":
      return null;
    default: {
      const never: never = actor;
      return never;
    }
  }
}
