// `aftercare brand add SLUG --name NAME [--policy FILE.yaml]`, `aftercare brand list` and
// `aftercare brand webhook-secret SLUG` (in brand-webhook-secret.ts).
import { basename } from "node:path";
import { addBrand } from "../app/brands/add-brand.ts";
import { listBrands } from "../app/brands/list-brands.ts";
import { brandBySlug } from "../db/brands.ts";
import { parseCommandArgs } from "./args.ts";
import { WEBHOOK_SECRET_USAGE, webhookSecret } from "./brand-webhook-secret.ts";
import { CliError } from "./cli-error.ts";
import { readTextFile } from "./files.ts";
import { withStore } from "./with-store.ts";

const USAGE = `usage:
  aftercare brand add SLUG --name NAME [--policy FILE.yaml] [--currency USD] [--time-zone Area/City]
  aftercare brand list
${WEBHOOK_SECRET_USAGE}`;

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === "add") return add(rest);
  if (sub === "list") return list(rest);
  if (sub === "webhook-secret") return webhookSecret(rest);
  if (sub === "--help" || sub === "-h") {
    process.stdout.write(USAGE);
    return 0;
  }
  throw new CliError(sub ? `brand: unknown sub-command '${sub}'\n${USAGE}` : USAGE);
}

async function add(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("brand add", argv, {
    name: { type: "string" },
    policy: { type: "string" },
    currency: { type: "string" },
    "time-zone": { type: "string" },
  });
  const [slug, extra] = positionals;
  if (!slug || extra !== undefined) throw new CliError(`brand add: expected one SLUG\n${USAGE}`);
  const policy = values.policy
    ? { text: await readTextFile(values.policy), source: basename(values.policy) }
    : undefined;
  return withStore(async ({ db }) => {
    // An existing brand keeps its name when --name is left out; a new one needs it.
    const name = values.name ?? (await brandBySlug(db, slug))?.name;
    if (!name) throw new CliError(`brand add: --name is required for a new brand\n${USAGE}`);
    const result = await addBrand(db, {
      slug,
      name,
      currency: values.currency,
      timeZone: values["time-zone"],
      policy,
      actor: "cli",
    });
    const b = result.brand;
    const policyNote = result.policyChanged
      ? `policy v${result.policyVersion} stored`
      : `policy v${result.policyVersion} unchanged`;
    process.stdout.write(
      `${result.created ? "created" : "updated"} brand ${b.slug} (${b.name}, ${b.currency}, ${b.time_zone}); ${policyNote}\n`,
    );
    return 0;
  });
}

async function list(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("brand list", argv, { json: { type: "boolean" } });
  if (positionals.length) throw new CliError(`brand list: unexpected argument '${positionals[0]}'`);
  return withStore(async ({ db }) => {
    const brands = await listBrands(db);
    if (values.json) {
      for (const b of brands) process.stdout.write(`${JSON.stringify(b)}\n`);
      return 0;
    }
    if (!brands.length) {
      process.stdout.write("no brands yet: try `aftercare init` or `aftercare brand add`\n");
      return 0;
    }
    const header = ["slug", "name", "currency", "time zone", "policy", "documents"];
    const rows = brands.map((b) => [
      b.slug,
      b.name,
      b.currency,
      b.timeZone,
      `v${b.policyVersion}`,
      String(b.documents),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
    for (const row of [header, ...rows]) {
      process.stdout.write(
        `${row
          .map((cell, i) => cell.padEnd(widths[i] ?? 0))
          .join("  ")
          .trimEnd()}\n`,
      );
    }
    return 0;
  });
}
