// The brands of this install with their current policy version, for `aftercare brand list` and admins.
import type { Db } from "../../db/database.ts";

export interface BrandSummary {
  readonly slug: string;
  readonly name: string;
  readonly currency: string;
  readonly timeZone: string;
  /** 0 when the brand has no policy version yet. */
  readonly policyVersion: number;
  readonly documents: number;
}

export async function listBrands(db: Db): Promise<BrandSummary[]> {
  const rows = await db
    .selectFrom("brands")
    .select((eb) => [
      "slug",
      "name",
      "currency",
      "time_zone",
      eb
        .selectFrom("policy_versions")
        .whereRef("policy_versions.brand_id", "=", "brands.id")
        .select((e) => e.fn.max("version").as("v"))
        .as("policy_version"),
      eb
        .selectFrom("kb_documents")
        .whereRef("kb_documents.brand_id", "=", "brands.id")
        .select((e) => e.fn.countAll().as("n"))
        .as("documents"),
    ])
    .orderBy("slug")
    .execute();
  // PostgreSQL returns count(*) as a bigint string; both values are small, so Number() is exact.
  return rows.map((r) => ({
    slug: r.slug,
    name: r.name,
    currency: r.currency,
    timeZone: r.time_zone,
    policyVersion: Number(r.policy_version ?? 0),
    documents: Number(r.documents ?? 0),
  }));
}
