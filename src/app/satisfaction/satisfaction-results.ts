// Satisfaction results for the console: count, average and the share of 4s and 5s, per brand, per agent
// and per request type, over an optional period. A brand-bound staff user sees only their brand.
import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import type { Actor } from "../kernel/actor.ts";
import { AppError } from "../kernel/errors.ts";

export interface ResultGroup {
  readonly key: string | null;
  readonly count: number;
  readonly average: number;
  /** Share of ratings of 4 or 5, 0..1. */
  readonly satisfied: number;
}

export interface SatisfactionResults {
  readonly byBrand: ResultGroup[];
  readonly byAgent: ResultGroup[];
  readonly byRequestType: ResultGroup[];
  readonly recent: { caseId: string; score: number; comment: string | null; createdAt: string }[];
}

export async function satisfactionResults(
  db: Db,
  options: {
    actor: Actor;
    brandSlug?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
  },
): Promise<SatisfactionResults> {
  const { actor } = options;
  if (actor.type !== "staff" || !["admin", "agent"].includes(actor.role)) {
    throw new AppError("FORBIDDEN", "Only the care team can see satisfaction results.");
  }
  let brandId = actor.brandId;
  if (options.brandSlug) {
    const brand = await db
      .selectFrom("brands")
      .select("id")
      .where("slug", "=", options.brandSlug)
      .executeTakeFirst();
    if (!brand || (brandId !== null && brand.id !== brandId))
      return { byBrand: [], byAgent: [], byRequestType: [], recent: [] };
    brandId = brand.id;
  }
  const base = () => {
    let q = db
      .selectFrom("satisfaction_ratings")
      .innerJoin("brands", "brands.id", "satisfaction_ratings.brand_id");
    if (brandId !== null) q = q.where("satisfaction_ratings.brand_id", "=", brandId);
    if (options.from) q = q.where("satisfaction_ratings.created_at", ">=", options.from);
    if (options.to) q = q.where("satisfaction_ratings.created_at", "<", options.to);
    return q;
  };
  const group = async (
    column: "brands.slug" | "satisfaction_ratings.agent_id" | "satisfaction_ratings.request_type",
  ) => {
    const rows = await base()
      .select([
        `${column} as key`,
        sql<number>`count(*)`.as("count"),
        sql<number>`sum(satisfaction_ratings.score)`.as("total"),
        sql<number>`sum(case when satisfaction_ratings.score >= 4 then 1 else 0 end)`.as("satisfied"),
      ])
      .groupBy(column)
      .orderBy(column)
      .execute();
    return rows.map((r) => {
      const count = Number(r.count);
      return {
        key: (r.key as string | null) ?? null,
        count,
        average: Math.round((Number(r.total) / count) * 100) / 100,
        satisfied: Math.round((Number(r.satisfied) / count) * 1000) / 1000,
      };
    });
  };
  const recent = await base()
    .select([
      "satisfaction_ratings.case_id as caseId",
      "satisfaction_ratings.score as score",
      "satisfaction_ratings.comment as comment",
      "satisfaction_ratings.created_at as createdAt",
    ])
    .orderBy("satisfaction_ratings.created_at", "desc")
    .limit(50)
    .execute();
  return {
    byBrand: await group("brands.slug"),
    byAgent: await group("satisfaction_ratings.agent_id"),
    byRequestType: await group("satisfaction_ratings.request_type"),
    recent,
  };
}
