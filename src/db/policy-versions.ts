// Reads of a brand's policy history shared by several use cases. An order is judged by the policy
// version that was in force when it was placed, not by today's.
import type { Db } from "./database.ts";
import type { PolicyVersion } from "./schema.ts";

/** The newest version of a brand's policy, or undefined when the brand has none yet. */
export async function currentPolicyVersion(db: Db, brandId: string): Promise<PolicyVersion | undefined> {
  return db
    .selectFrom("policy_versions")
    .selectAll()
    .where("brand_id", "=", brandId)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
}

/**
 * The version in force at `placedAt`: the latest one that took effect at or before that moment.
 * An order older than the brand's first policy (history imported after the brand was set up) is
 * judged by that first policy, the closest record of the rules it was sold under.
 */
export async function policyVersionAt(
  db: Db,
  brandId: string,
  placedAt: Date | string,
): Promise<PolicyVersion | undefined> {
  const moment = new Date(placedAt);
  if (Number.isNaN(moment.getTime())) throw new RangeError(`not a timestamp: ${String(placedAt)}`);
  // Stored timestamps are toISOString() text, so comparing the same form as text compares times.
  const inForce = await db
    .selectFrom("policy_versions")
    .selectAll()
    .where("brand_id", "=", brandId)
    .where("effective_from", "<=", moment.toISOString())
    .orderBy("effective_from", "desc")
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
  if (inForce) return inForce;
  return db
    .selectFrom("policy_versions")
    .selectAll()
    .where("brand_id", "=", brandId)
    .orderBy("version", "asc")
    .limit(1)
    .executeTakeFirst();
}
