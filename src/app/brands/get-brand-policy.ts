// The policy a brand's requests are judged by: its current stored version, or the version in force
// when an order was placed. Versions never change once stored, so each is parsed once and kept; a
// request reads only the brand's short list of versions (no policy text) to know which one applies.

import type { Db } from "../../db/database.ts";
import { preparedQuery } from "../../db/prepared.ts";
import { parsePolicy } from "../../domain/policy/load.ts";
import type { Policy } from "../../domain/policy/schema.ts";
import { notFound } from "../kernel/errors.ts";

const parsed = new Map<string, Policy>();

async function policyOf(db: Db, versionId: string): Promise<Policy> {
  let policy = parsed.get(versionId);
  if (!policy) {
    const row = await db
      .selectFrom("policy_versions")
      .select(["yaml", "source", "version"])
      .where("id", "=", versionId)
      .executeTakeFirstOrThrow();
    policy = parsePolicy(row.yaml, row.source ?? `policy v${row.version}`);
    parsed.set(versionId, policy);
  }
  return policy;
}

interface VersionRow {
  readonly id: string;
  readonly version: number;
  readonly effective_from: string;
}

/**
 * The newest version, or with `placedAt` the one in force then: the latest to take effect at or before
 * it, else the brand's first (the same rule as policyVersionAt in src/db/policy-versions.ts).
 */
function pick(versions: readonly VersionRow[], placedAt?: string): VersionRow | undefined {
  let newest: VersionRow | undefined;
  let first: VersionRow | undefined;
  let inForce: VersionRow | undefined;
  const moment = placedAt === undefined ? undefined : new Date(placedAt);
  if (moment && Number.isNaN(moment.getTime())) throw new RangeError(`not a timestamp: ${String(placedAt)}`);
  // Stored timestamps are toISOString() text, so comparing the same form as text compares times.
  const at = moment?.toISOString();
  for (const v of versions) {
    if (!newest || v.version > newest.version) newest = v;
    if (!first || v.version < first.version) first = v;
    if (
      at !== undefined &&
      v.effective_from <= at &&
      (!inForce ||
        v.effective_from > inForce.effective_from ||
        (v.effective_from === inForce.effective_from && v.version > inForce.version))
    )
      inForce = v;
  }
  return at === undefined ? newest : (inForce ?? first);
}

// Read on most requests; compiled once (see db/prepared.ts).
const versionsOf = preparedQuery((db, brandId: string) =>
  db
    .selectFrom("policy_versions")
    .select(["id", "version", "effective_from"])
    .where("brand_id", "=", brandId),
);
// The brand and its versions in one read (a left join: a brand with no version is one row of nulls),
// for the requests that know the brand by slug only.
const versionsBySlug = preparedQuery((db, slug: string) =>
  db
    .selectFrom("brands")
    .leftJoin("policy_versions", "policy_versions.brand_id", "brands.id")
    .select([
      "brands.id as brand_id",
      "policy_versions.id as id",
      "policy_versions.version as version",
      "policy_versions.effective_from as effective_from",
    ])
    .where("brands.slug", "=", slug),
);

export interface BrandPolicy {
  readonly brandId: string;
  readonly version: number;
  readonly policy: Policy;
}

/** The policy of a brand known by id, now or at `placedAt`; undefined when the brand has none. */
export async function policyOfBrand(
  db: Db,
  brandId: string,
  placedAt?: string,
): Promise<BrandPolicy | undefined> {
  const versions = await versionsOf(db, brandId);
  const chosen = pick(versions, placedAt);
  if (!chosen) return undefined;
  return { brandId, version: chosen.version, policy: await policyOf(db, chosen.id) };
}

/** The brand's policy now, or at `placedAt` when given. Unknown brand or no policy: NOT_FOUND. */
export async function getBrandPolicy(db: Db, slug: string, placedAt?: string): Promise<BrandPolicy> {
  const rows = await versionsBySlug(db, slug);
  const [first] = rows;
  if (!first) throw notFound("brand", slug);
  const versions: VersionRow[] = [];
  for (const r of rows)
    if (r.id !== null && r.version !== null && r.effective_from !== null)
      versions.push({ id: r.id, version: r.version, effective_from: r.effective_from });
  const chosen = pick(versions, placedAt);
  if (!chosen) throw notFound("policy of brand", slug);
  return { brandId: first.brand_id, version: chosen.version, policy: await policyOf(db, chosen.id) };
}
