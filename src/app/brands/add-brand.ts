// Creates a brand, or updates it when the slug exists, so `aftercare brand add` and `init` can run any
// number of times. A policy given with it becomes a new policy version only when its text changed, so
// re-running does not make orders placed in between look as if they were judged by a newer policy.
import { stringify } from "yaml";
import type { Db } from "../../db/database.ts";
import { newId } from "../../db/database.ts";
import { currentPolicyVersion } from "../../db/policy-versions.ts";
import type { Brand } from "../../db/schema.ts";
import { PolicyLoadError, parsePolicy } from "../../domain/policy/load.ts";
import type { Policy } from "../../domain/policy/schema.ts";
import { AppError } from "../kernel/errors.ts";

export interface AddBrandOptions {
  readonly slug: string;
  readonly name: string;
  /** ISO 4217; when absent: the policy's brand block, then the stored value, then USD. */
  readonly currency?: string | undefined;
  /** IANA zone; when absent: the policy's brand block, then the stored value, then UTC. */
  readonly timeZone?: string | undefined;
  readonly settings?: Readonly<Record<string, unknown>> | undefined;
  readonly theme?: Readonly<Record<string, unknown>> | undefined;
  /** Policy YAML and the file it came from (named in validation errors). */
  readonly policy?: { readonly text: string; readonly source: string } | undefined;
  /** Who made the change, for the audit log. */
  readonly actor?: string | undefined;
  readonly now?: Date | undefined;
}

export interface AddBrandResult {
  readonly brand: Brand;
  readonly created: boolean;
  /** The brand's current policy version after the call. */
  readonly policyVersion: number;
  /** True when this call stored a new policy version. */
  readonly policyChanged: boolean;
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

/** Checks policy YAML before it is stored: a policy that does not load would break every decision. */
export function validatePolicyText(text: string, source: string): Policy {
  try {
    return parsePolicy(text, source);
  } catch (error) {
    if (error instanceof PolicyLoadError) {
      throw new AppError("VALIDATION", error.message, { source, problems: error.problems }, { cause: error });
    }
    throw error;
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The policy a brand has before its admin writes one: the brand block and no rules. */
function emptyPolicyText(name: string, currency: string, timeZone: string): string {
  return stringify({ version: 1, brand: { name, currency, timeZone } });
}

export async function addBrand(db: Db, options: AddBrandOptions): Promise<AddBrandResult> {
  const slug = options.slug.trim();
  const name = options.name.trim();
  if (!SLUG.test(slug)) {
    throw new AppError(
      "VALIDATION",
      `brand slug '${slug}' must be 1-40 lowercase letters, digits or dashes`,
      {
        field: "slug",
      },
    );
  }
  if (!name) throw new AppError("VALIDATION", "brand name must not be empty", { field: "name" });
  const policy = options.policy ? validatePolicyText(options.policy.text, options.policy.source) : undefined;
  const now = (options.now ?? new Date()).toISOString();
  const actor = options.actor ?? "system";

  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom("brands").selectAll().where("slug", "=", slug).executeTakeFirst();
    const currency = options.currency ?? policy?.file.brand.currency ?? existing?.currency ?? "USD";
    const timeZone = options.timeZone ?? policy?.file.brand.timeZone ?? existing?.time_zone ?? "UTC";
    if (!/^[A-Z]{3}$/.test(currency)) {
      throw new AppError("VALIDATION", `currency '${currency}' must be an ISO 4217 code such as USD`, {
        field: "currency",
      });
    }
    if (!isTimeZone(timeZone)) {
      throw new AppError("VALIDATION", `'${timeZone}' is not an IANA time zone`, { field: "timeZone" });
    }
    const fields = {
      name,
      currency,
      time_zone: timeZone,
      ...(options.settings ? { settings: JSON.stringify(options.settings) } : {}),
      ...(options.theme ? { theme: JSON.stringify(options.theme) } : {}),
      updated_at: now,
    };
    // Upsert rather than insert-or-update, so a second `brand add` racing this one updates the same row.
    await trx
      .insertInto("brands")
      .values({ id: newId(), slug, created_at: now, ...fields })
      .onConflict((oc) => oc.column("slug").doUpdateSet(fields))
      .execute();
    const brand = await trx
      .selectFrom("brands")
      .selectAll()
      .where("slug", "=", slug)
      .executeTakeFirstOrThrow();
    const changedBrand =
      !existing ||
      existing.name !== brand.name ||
      existing.currency !== brand.currency ||
      existing.time_zone !== brand.time_zone ||
      existing.settings !== brand.settings ||
      existing.theme !== brand.theme;
    if (changedBrand) {
      await trx
        .insertInto("audit_log")
        .values({
          id: newId(),
          brand_id: brand.id,
          actor_type: "staff",
          actor_id: actor,
          action: existing ? "brand.updated" : "brand.created",
          entity_type: "brand",
          entity_id: brand.id,
          before: existing ? JSON.stringify(existing) : null,
          after: JSON.stringify(brand),
          request_id: null,
          created_at: now,
        })
        .execute();
    }

    const current = await currentPolicyVersion(trx, brand.id);
    // Without a policy an existing brand keeps its current one; a new brand starts with no rules.
    const text = options.policy?.text ?? (current ? undefined : emptyPolicyText(name, currency, timeZone));
    if (text === undefined || (current && current.yaml === text)) {
      return { brand, created: !existing, policyVersion: current?.version ?? 0, policyChanged: false };
    }
    const version = (current?.version ?? 0) + 1;
    await trx
      .insertInto("policy_versions")
      .values({
        id: newId(),
        brand_id: brand.id,
        version,
        yaml: text,
        source: options.policy?.source ?? null,
        effective_from: now,
        created_at: now,
      })
      .execute();
    await trx
      .insertInto("audit_log")
      .values({
        id: newId(),
        brand_id: brand.id,
        actor_type: "staff",
        actor_id: actor,
        action: "policy.published",
        entity_type: "policy",
        entity_id: `${brand.slug}@${version}`,
        before: current ? JSON.stringify({ version: current.version }) : null,
        after: JSON.stringify({ version, source: options.policy?.source ?? null }),
        request_id: null,
        created_at: now,
      })
      .execute();
    return { brand, created: !existing, policyVersion: version, policyChanged: true };
  });
}
