// `aftercare policy check | test | show`.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { bundledBrandSlugs, bundledPolicy, loadPolicyFile } from "../app/brands/brand-policies.ts";
import {
  evaluateScenario,
  isError,
  type PolicyResolver,
  type ScenarioResult,
} from "../app/brands/evaluate-scenario.ts";
import { getBrandPolicy } from "../app/brands/get-brand-policy.ts";
import { isAppError } from "../app/kernel/errors.ts";
import { parseDatabaseUrl, type Store } from "../db/database.ts";
import { openStore } from "../db/store.ts";
import { describePolicy } from "../domain/policy/describe.ts";
import { compareWithExpectation, ZExpectation } from "../domain/policy/expectations.ts";
import { PolicyLoadError } from "../domain/policy/load.ts";
import type { Policy } from "../domain/policy/schema.ts";
import { CliError } from "./cli-error.ts";
import { cliConfig } from "./with-store.ts";

const USAGE = `usage:
  aftercare policy check [--brand SLUG] [--policy FILE.yaml] PATH...   evaluate scenarios (file, folder, or - for JSON Lines on stdin)
  aftercare policy test [--brand SLUG] [--policy FILE.yaml] PATH...    replay scenarios that carry an "expect" block
  aftercare policy show BRAND | FILE.yaml                              print a policy's rules in plain English
`;

/**
 * Finds brand policies: a `--policy` file for every scenario, else the brand's current policy in the
 * store (brands added with `aftercare brand add`), else the bundled `brands/<slug>/policy.yaml`.
 * The store is only opened when it exists, so checking scenarios never creates a database.
 */
class PolicyLookup {
  private readonly cache = new Map<string, Policy | null>();
  private store: Promise<Store | null> | null = null;

  constructor(private readonly policyFile: string | undefined) {}

  private openStoreIfPresent(): Promise<Store | null> {
    this.store ??= (async () => {
      const config = cliConfig();
      const location = parseDatabaseUrl(config.databaseUrl);
      if (location.kind === "sqlite" && !existsSync(location.path)) return null;
      return openStore(config).catch(() => null);
    })();
    return this.store;
  }

  async load(brand: string): Promise<void> {
    if (this.cache.has(brand)) return;
    if (this.policyFile) {
      this.cache.set(brand, loadPolicy(this.policyFile));
      return;
    }
    const store = await this.openStoreIfPresent();
    if (store) {
      try {
        this.cache.set(brand, (await getBrandPolicy(store.db, brand)).policy);
        return;
      } catch (error) {
        if (!isAppError(error, "NOT_FOUND")) throw error;
      }
    }
    this.cache.set(brand, bundledPolicy(brand));
  }

  readonly resolve: PolicyResolver = (brand) => this.cache.get(brand) ?? null;

  async close(): Promise<void> {
    const store = await this.store;
    await store?.close();
  }
}

function brandOf(raw: unknown, override: string | undefined): string | null {
  if (override) return override;
  const brand = raw && typeof raw === "object" ? (raw as { brand?: unknown }).brand : undefined;
  return typeof brand === "string" && brand ? brand : null;
}

function loadPolicy(path: string) {
  if (!existsSync(path)) throw new CliError(`policy file not found: ${path}`);
  try {
    return loadPolicyFile(path);
  } catch (error) {
    if (error instanceof PolicyLoadError) throw new CliError(error.message, 1);
    throw error;
  }
}

/** Scenario files in a path: a file, or a folder's *.json in name order. */
function scenarioFiles(path: string): string[] {
  if (!existsSync(path)) throw new CliError(`no such file or folder: ${path}`);
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => join(path, f));
}

type Raw = { raw: unknown; where: string } | { parseError: string; where: string };

function parseJson(text: string, where: string): Raw {
  try {
    return { raw: JSON.parse(text), where };
  } catch (error) {
    return { parseError: `${where}: not valid JSON (${(error as Error).message})`, where };
  }
}

async function* readScenarios(paths: string[]): AsyncGenerator<Raw> {
  for (const path of paths) {
    if (path === "-") {
      let n = 0;
      for await (const line of createInterface({
        input: process.stdin,
        crlfDelay: Number.POSITIVE_INFINITY,
      })) {
        n++;
        if (line.trim()) yield parseJson(line, `stdin line ${n}`);
      }
      continue;
    }
    for (const file of scenarioFiles(path)) yield parseJson(readFileSync(file, "utf8"), file);
  }
}

async function check(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { brand: { type: "string" }, policy: { type: "string" } },
    allowPositionals: true,
  });
  if (positionals.length === 0) throw new CliError(`policy check needs a PATH\n${USAGE}`);
  const lookup = new PolicyLookup(values.policy);
  let failed = false;
  const out: string[] = [];
  const flush = () => {
    if (out.length) process.stdout.write(`${out.join("\n")}\n`);
    out.length = 0;
  };
  for await (const item of readScenarios(positionals)) {
    let result: ScenarioResult;
    if ("parseError" in item)
      result = { id: null, error: { code: "INVALID_SCENARIO", message: item.parseError } };
    else {
      const brand = brandOf(item.raw, values.brand);
      if (brand) await lookup.load(brand);
      result = evaluateScenario(item.raw, lookup.resolve, values.brand);
    }
    if (isError(result)) failed = true;
    out.push(JSON.stringify(result));
    if (out.length >= 256) flush();
  }
  flush();
  await lookup.close();
  return failed ? 1 : 0;
}

async function test(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { brand: { type: "string" }, policy: { type: "string" } },
    allowPositionals: true,
  });
  if (positionals.length === 0) throw new CliError(`policy test needs a PATH\n${USAGE}`);
  const lookup = new PolicyLookup(values.policy);
  let passed = 0;
  let failed = 0;
  for await (const item of readScenarios(positionals)) {
    if ("parseError" in item) {
      failed++;
      console.log(`FAIL ${item.where}: ${item.parseError}`);
      continue;
    }
    const raw = item.raw as { id?: unknown; expect?: unknown };
    const name = String(raw.id ?? item.where);
    const expect = ZExpectation.safeParse(raw.expect ?? {});
    const brand = brandOf(item.raw, values.brand);
    if (brand) await lookup.load(brand);
    const result = evaluateScenario(item.raw, lookup.resolve, values.brand);
    const problems = !expect.success
      ? [`expect block is malformed: ${expect.error.issues[0]?.message ?? "invalid"}`]
      : isError(result)
        ? [`${result.error.code}: ${result.error.message}`]
        : compareWithExpectation(expect.data, result);
    if (problems.length) {
      failed++;
      console.log(`FAIL ${name}: ${problems.join("; ")}`);
    } else passed++;
  }
  await lookup.close();
  console.log(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

async function show(argv: string[]): Promise<number> {
  const target = argv[0];
  if (!target) throw new CliError(`policy show needs a BRAND or FILE\n${USAGE}`);
  const policy =
    target.endsWith(".yaml") || target.endsWith(".yml") ? loadPolicy(target) : bundledPolicy(target);
  if (!policy)
    throw new CliError(`no brand '${target}' (known: ${bundledBrandSlugs().join(", ") || "none"})`, 1);
  console.log(describePolicy(policy.file).join("\n"));
  return 0;
}

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case "check":
      return check(rest);
    case "test":
      return test(rest);
    case "show":
      return show(rest);
    default:
      process.stderr.write(USAGE);
      return 2;
  }
}
