// The policy a brand's requests are judged by: its current stored version, or the version in force
// when an order was placed. Parsed policies are cached by version row, since versions never change.

import { brandBySlug } from "../../db/brands.ts";
import type { Db } from "../../db/database.ts";
import { currentPolicyVersion, policyVersionAt } from "../../db/policy-versions.ts";
import type { PolicyVersion } from "../../db/schema.ts";
import { parsePolicy } from "../../domain/policy/load.ts";
import type { Policy } from "../../domain/policy/schema.ts";
import { notFound } from "../kernel/errors.ts";

const parsed = new Map<string, Policy>();

function policyOf(version: PolicyVersion): Policy {
  let policy = parsed.get(version.id);
  if (!policy) {
    policy = parsePolicy(version.yaml, version.source ?? `policy v${version.version}`);
    parsed.set(version.id, policy);
  }
  return policy;
}

export interface BrandPolicy {
  readonly brandId: string;
  readonly version: number;
  readonly policy: Policy;
}

/** The brand's policy now, or at `placedAt` when given. Unknown brand or no policy: NOT_FOUND. */
export async function getBrandPolicy(db: Db, slug: string, placedAt?: string): Promise<BrandPolicy> {
  const brand = await brandBySlug(db, slug);
  if (!brand) throw notFound("brand", slug);
  const version = placedAt
    ? await policyVersionAt(db, brand.id, placedAt)
    : await currentPolicyVersion(db, brand.id);
  if (!version) throw notFound("policy of brand", slug);
  return { brandId: brand.id, version: version.version, policy: policyOf(version) };
}
