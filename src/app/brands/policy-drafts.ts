// The policy editor's use cases: check a draft (problems with their line, and the plain-English reading),
// keep the brand's saved scenarios, replay them against a draft before it is published (what
// `aftercare policy test` does with files), and publish a draft as the brand's next policy version.
import { brandBySlug } from "../../db/brands.ts";
import type { Db } from "../../db/database.ts";
import { newId } from "../../db/database.ts";
import { currentPolicyVersion } from "../../db/policy-versions.ts";
import { describePolicy } from "../../domain/policy/describe.ts";
import { compareWithExpectation, ZExpectation } from "../../domain/policy/expectations.ts";
import { PolicyLoadError, type PolicyProblem, parsePolicy } from "../../domain/policy/load.ts";
import type { Policy } from "../../domain/policy/schema.ts";
import { InvalidScenarioError, parseScenario } from "../../domain/scenario.ts";
import type { Actor } from "../kernel/actor.ts";
import { recordAudit } from "../kernel/audit.ts";
import { AppError, notFound } from "../kernel/errors.ts";
import { assertStaff } from "../kernel/staff-access.ts";
import { evaluateScenario, isError } from "./evaluate-scenario.ts";

export interface DraftCheck {
  readonly valid: boolean;
  readonly problems: readonly PolicyProblem[];
  /** The draft read back in plain English (empty when it does not load). */
  readonly description: readonly string[];
}

function load(text: string): { policy: Policy | null; problems: readonly PolicyProblem[] } {
  try {
    return { policy: parsePolicy(text, "draft"), problems: [] };
  } catch (error) {
    if (error instanceof PolicyLoadError) return { policy: null, problems: error.problems };
    throw error;
  }
}

export function checkPolicyDraft(text: string): DraftCheck {
  const { policy, problems } = load(text);
  return { valid: policy !== null, problems, description: policy ? describePolicy(policy.file) : [] };
}

async function brandFor(db: Db, actor: Actor, slug: string) {
  const brand = await brandBySlug(db, slug);
  if (!brand) throw notFound("brand", slug);
  assertStaff(actor, brand.id, ["admin"]);
  return brand;
}

export interface SavedScenario {
  readonly id: string;
  readonly name: string;
  readonly scenario: unknown;
  readonly createdAt: string;
}

export async function listPolicyScenarios(db: Db, actor: Actor, slug: string): Promise<SavedScenario[]> {
  const brand = await brandFor(db, actor, slug);
  const rows = await db
    .selectFrom("policy_scenarios")
    .selectAll()
    .where("brand_id", "=", brand.id)
    .orderBy("name")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    scenario: JSON.parse(r.scenario),
    createdAt: r.created_at,
  }));
}

export async function savePolicyScenario(
  db: Db,
  options: { actor: Actor; brandSlug: string; name: string; scenario: unknown; now: Date },
): Promise<SavedScenario> {
  const brand = await brandFor(db, options.actor, options.brandSlug);
  try {
    parseScenario(options.scenario);
  } catch (error) {
    if (error instanceof InvalidScenarioError) throw new AppError("VALIDATION", error.message);
    throw error;
  }
  const expect = ZExpectation.safeParse((options.scenario as { expect?: unknown }).expect ?? {});
  if (!expect.success) throw new AppError("VALIDATION", `expect: ${expect.error.issues[0]?.message}`);
  const taken = await db
    .selectFrom("policy_scenarios")
    .select("id")
    .where("brand_id", "=", brand.id)
    .where("name", "=", options.name)
    .executeTakeFirst();
  if (taken) throw new AppError("CONFLICT", `A scenario named '${options.name}' exists already.`);
  const row = {
    id: newId(),
    brand_id: brand.id,
    name: options.name,
    scenario: JSON.stringify(options.scenario),
    created_by: options.actor.type === "staff" ? options.actor.id : null,
    created_at: options.now.toISOString(),
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("policy_scenarios").values(row).execute();
    await recordAudit(
      trx,
      options.actor,
      {
        brandId: brand.id,
        action: "policy_scenario.saved",
        entityType: "policy_scenario",
        entityId: row.id,
        after: { name: row.name },
      },
      options.now,
    );
  });
  return { id: row.id, name: row.name, scenario: options.scenario, createdAt: row.created_at };
}

export async function deletePolicyScenario(
  db: Db,
  options: { actor: Actor; brandSlug: string; id: string; now: Date },
): Promise<void> {
  const brand = await brandFor(db, options.actor, options.brandSlug);
  await db.transaction().execute(async (trx) => {
    const gone = await trx
      .deleteFrom("policy_scenarios")
      .where("id", "=", options.id)
      .where("brand_id", "=", brand.id)
      .executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) throw notFound("scenario", options.id);
    await recordAudit(
      trx,
      options.actor,
      {
        brandId: brand.id,
        action: "policy_scenario.deleted",
        entityType: "policy_scenario",
        entityId: options.id,
      },
      options.now,
    );
  });
}

export interface ScenarioRun {
  readonly id: string;
  readonly name: string;
  readonly passed: boolean;
  /** What differs from the scenario's `expect` block (empty when it passed). */
  readonly problems: readonly string[];
  readonly outcome: string | null;
}

export interface DraftTest extends DraftCheck {
  readonly scenarios: readonly ScenarioRun[];
  readonly passed: number;
  readonly failed: number;
}

function replay(policy: Policy, slug: string, saved: readonly SavedScenario[]): ScenarioRun[] {
  return saved.map((s) => {
    const expect = ZExpectation.safeParse((s.scenario as { expect?: unknown }).expect ?? {});
    const result = evaluateScenario(s.scenario, () => policy, slug);
    const problems = !expect.success
      ? ["expect block is malformed"]
      : isError(result)
        ? [`${result.error.code}: ${result.error.message}`]
        : compareWithExpectation(expect.data, result);
    return {
      id: s.id,
      name: s.name,
      passed: problems.length === 0,
      problems,
      outcome: isError(result) ? null : result.outcome,
    };
  });
}

/** Checks a draft and replays every saved scenario of the brand against it. */
export async function testPolicyDraft(
  db: Db,
  options: { actor: Actor; brandSlug: string; yaml: string },
): Promise<DraftTest> {
  const saved = await listPolicyScenarios(db, options.actor, options.brandSlug);
  const { policy, problems } = load(options.yaml);
  if (!policy) return { valid: false, problems, description: [], scenarios: [], passed: 0, failed: 0 };
  const scenarios = replay(policy, options.brandSlug, saved);
  const failed = scenarios.filter((s) => !s.passed).length;
  return {
    valid: true,
    problems: [],
    description: describePolicy(policy.file),
    scenarios,
    passed: scenarios.length - failed,
    failed,
  };
}

export async function getPolicyText(
  db: Db,
  actor: Actor,
  slug: string,
): Promise<{ version: number; yaml: string; effectiveFrom: string }> {
  const brand = await brandFor(db, actor, slug);
  const current = await currentPolicyVersion(db, brand.id);
  if (!current) throw notFound("policy of brand", slug);
  return { version: current.version, yaml: current.yaml, effectiveFrom: current.effective_from };
}

/**
 * Publishes a draft as the brand's next policy version, in force from now. A draft that does not load,
 * or that breaks a saved scenario, is refused: the editor shows why first.
 */
export async function publishPolicyDraft(
  db: Db,
  options: { actor: Actor; brandSlug: string; yaml: string; now: Date; requestId?: string },
): Promise<{ version: number; effectiveFrom: string }> {
  const test = await testPolicyDraft(db, options);
  if (!test.valid) {
    throw new AppError("VALIDATION", "The draft has errors.", { problems: test.problems });
  }
  if (test.failed > 0) {
    throw new AppError("CONFLICT", `The draft breaks ${test.failed} saved scenario(s).`, {
      failing: test.scenarios.filter((s) => !s.passed).map((s) => s.name),
    });
  }
  const brand = await brandFor(db, options.actor, options.brandSlug);
  const at = options.now.toISOString();
  return db.transaction().execute(async (trx) => {
    const current = await currentPolicyVersion(trx, brand.id);
    const version = (current?.version ?? 0) + 1;
    const id = newId();
    await trx
      .insertInto("policy_versions")
      .values({
        id,
        brand_id: brand.id,
        version,
        yaml: options.yaml,
        source: "console",
        effective_from: at,
        created_at: at,
      })
      .execute();
    await recordAudit(
      trx,
      options.actor,
      {
        brandId: brand.id,
        action: "policy.published",
        entityType: "policy_version",
        entityId: id,
        before: current ? { version: current.version } : undefined,
        after: { version },
        requestId: options.requestId ?? null,
      },
      options.now,
    );
    return { version, effectiveFrom: at };
  });
}
