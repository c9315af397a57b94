// `aftercare init [--demo]`: loads the example brands shipped under brands/ (one folder per brand slug:
// policy.yaml, brand.yaml for name, currency and time zone, and with --demo the knowledge/ articles).
// Safe to run again: brands are upserted and documents of the same name replaced.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { addBrand } from "../app/brands/add-brand.ts";
import { SYSTEM } from "../app/kernel/actor.ts";
import { importKnowledge, knowledgeContentType } from "../app/knowledge/import-knowledge.ts";
import { importOrders, parseOrderText } from "../app/orders/import-orders.ts";
import type { Db } from "../db/database.ts";
import { parseCommandArgs } from "./args.ts";
import { CliError } from "./cli-error.ts";
import { readTextFile } from "./files.ts";
import { withStore } from "./with-store.ts";

const ZBrandFile = z.object({
  name: z.string().min(1).optional(),
  currency: z.string().optional(),
  timeZone: z.string().optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
  theme: z.record(z.string(), z.unknown()).optional(),
});

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("init", argv, {
    demo: { type: "boolean" },
    "brands-dir": { type: "string" },
  });
  if (positionals.length) throw new CliError(`init: unexpected argument '${positionals[0]}'`);
  const root = resolve(values["brands-dir"] ?? "brands");
  if (!existsSync(root)) throw new CliError(`init: no brands folder at ${root}`, 1);
  const folders = readdirSync(root)
    .filter((name) => statSync(join(root, name)).isDirectory())
    .sort();
  return withStore(async ({ db }) => {
    for (const slug of folders) await loadBrandFolder(db, join(root, slug), slug, values.demo === true);
    if (!folders.length) process.stdout.write(`no brand folders under ${root}\n`);
    if (values.demo === true) await (await import("./staff.ts")).reportDemoStaff(db);
    return 0;
  });
}

async function loadBrandFolder(db: Db, dir: string, slug: string, demo: boolean): Promise<void> {
  const brandFile = join(dir, "brand.yaml");
  const meta = existsSync(brandFile) ? parseBrandFile(await readTextFile(brandFile), brandFile) : {};
  const policyFile = join(dir, "policy.yaml");
  const policy = existsSync(policyFile)
    ? { text: await readTextFile(policyFile), source: `brands/${slug}/policy.yaml` }
    : undefined;
  const name = meta.name ?? (policy ? policyName(policy.text) : undefined) ?? slug;
  const result = await addBrand(db, {
    slug,
    name,
    currency: meta.currency,
    timeZone: meta.timeZone,
    settings: meta.settings,
    theme: meta.theme,
    policy,
    actor: "init",
  });
  const policyNote = result.policyChanged
    ? `policy v${result.policyVersion} stored`
    : `policy v${result.policyVersion}`;
  process.stdout.write(
    `${result.created ? "created" : "updated"} brand ${slug} (${result.brand.name}); ${policyNote}\n`,
  );
  if (!demo) return;

  const knowledgeDir = join(dir, "knowledge");
  if (existsSync(knowledgeDir)) {
    const files = readdirSync(knowledgeDir)
      .filter((f) => knowledgeContentType(f))
      .sort();
    for (const file of files) {
      const content = await readTextFile(join(knowledgeDir, file));
      const imported = await importKnowledge(db, { brandSlug: slug, name: file, content });
      process.stdout.write(`  knowledge ${file}: ${imported.passages} passages\n`);
    }
  }
  const ordersFile = join(dir, "demo-orders.jsonl");
  if (existsSync(ordersFile)) {
    const result = await importOrders(db, {
      records: parseOrderText(await readTextFile(ordersFile), "jsonl", slug),
      brand: slug,
      actor: SYSTEM,
      now: new Date(),
      source: "demo",
    });
    process.stdout.write(
      `  demo-orders.jsonl: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged\n`,
    );
    for (const bad of result.bad)
      process.stdout.write(`  demo-orders.jsonl line ${bad.line}: ${bad.reason}\n`);
  }
}

function parseBrandFile(text: string, path: string): z.infer<typeof ZBrandFile> {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new CliError(
      `${path}: not valid YAML: ${error instanceof Error ? error.message : String(error)}`,
      1,
    );
  }
  const parsed = ZBrandFile.safeParse(data ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `  ${i.path.join(".") || "(top)"}: ${i.message}`)
      .join("\n");
    throw new CliError(`${path}: invalid brand file\n${problems}`, 1);
  }
  return parsed.data;
}

/** The brand name written in a policy's brand block, if it has one; the policy itself is validated later. */
function policyName(text: string): string | undefined {
  try {
    const data: unknown = parseYaml(text);
    const name = (data as { brand?: { name?: unknown } } | null)?.brand?.name;
    return typeof name === "string" && name ? name : undefined;
  } catch {
    return undefined;
  }
}
