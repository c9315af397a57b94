// The `aftercare` command: a table of sub-commands, each in its own module, loaded lazily so that
// `aftercare policy check` does not pay for the database or the web server at start-up.
import { PolicyLoadError } from "../domain/policy/load.ts";
import { CliError } from "./cli-error.ts";

type CommandModule = { run(argv: string[]): Promise<number> };

const commands: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  policy: {
    summary: "policy check | test | show: evaluate scenarios, replay tests, print rules",
    load: () => import("./policy.ts"),
  },
  init: {
    summary: "load the example brands under brands/ (--demo: knowledge articles, demo orders and staff)",
    load: () => import("./init.ts"),
  },
  migrate: { summary: "apply pending database migrations", load: () => import("./migrate.ts") },
  mail: {
    summary:
      "mail test --to ADDRESS | dead-letters [--retry ID]: check the SMTP relay, inbound mail not stored",
    load: () => import("./mail.ts"),
  },
  brand: {
    summary: "brand add | list | webhook-secret: brands, their policies and store webhook secrets",
    load: () => import("./brand.ts"),
  },
  kb: { summary: "kb import: add documents to a brand's knowledge base", load: () => import("./kb.ts") },
  orders: {
    summary: "orders import: upsert orders from JSON Lines, CSV or store-platform JSON",
    load: () => import("./orders.ts"),
  },
  ask: {
    summary: "ask the assistant a question from a brand's knowledge base",
    load: () => import("./ask.ts"),
  },
  serve: {
    summary: "run the web server (first run: example brands, demo data and demo staff)",
    load: () => import("./serve.ts"),
  },
  staff: { summary: "staff add | list: care team accounts and roles", load: () => import("./staff.ts") },
  backup: {
    summary: "backup PATH: a consistent copy of the SQLite store while it keeps running",
    load: () => import("./backup.ts"),
  },
  restore: {
    summary: "restore PATH: put a backup back as the SQLite store (server stopped)",
    load: () => import("./restore.ts"),
  },
  worker: {
    summary: "run job workers and the outbox relay without the web server",
    load: () => import("./worker.ts"),
  },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `usage: aftercare <command> [options]\n\ncommands:\n${lines.join("\n")}\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`aftercare: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  const mod = await command.load();
  return mod.run(rest);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof CliError || error instanceof PolicyLoadError) {
    process.stderr.write(`aftercare: ${error.message}\n`);
    process.exitCode = error instanceof CliError ? error.exitCode : 1;
  } else {
    process.stderr.write(
      `aftercare: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  }
}
