// `aftercare worker`: job workers and the outbox relay without the web server, for installs that scale
// background work apart from HTTP. Any number may run against one PostgreSQL database; each job runs
// once. Stops on SIGINT or SIGTERM after the jobs in hand finish.
import type { Config } from "../config.ts";
import type { Store } from "../db/database.ts";
import { openStore } from "../db/store.ts";
import { createTransport, setMailTransport } from "../email/outgoing.ts";
import type { JobLogger } from "../jobs/definition.ts";
import { parseCommandArgs } from "./args.ts";
import { startBackgroundWork } from "./background.ts";
import { CliError } from "./cli-error.ts";
import { boundHeapGrowth } from "./heap.ts";
import { resolveSessionSecret } from "./serve.ts";
import { asCliError, cliConfig } from "./with-store.ts";

const LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"] as const;

/** JSON lines on standard output, in the shape the server's logs have, filtered by LOG_LEVEL. */
function jsonLogger(level: Config["logLevel"]): JobLogger {
  const threshold = level === "silent" ? Number.POSITIVE_INFINITY : LEVELS.indexOf(level);
  const write = (name: (typeof LEVELS)[number]) => (obj: object, msg?: string) => {
    if (LEVELS.indexOf(name) < threshold) return;
    process.stdout.write(
      `${JSON.stringify({ level: name, time: new Date().toISOString(), pid: process.pid, ...obj, msg })}\n`,
    );
  };
  return { info: write("info"), warn: write("warn"), error: write("error") };
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("worker", argv, {
    concurrency: { type: "string", default: "1" },
    "no-relay": { type: "boolean", default: false },
    "poll-ms": { type: "string", default: "1000" },
  });
  if (positionals.length) throw new CliError(`worker: unexpected argument '${positionals[0]}'`);
  boundHeapGrowth();
  const workers = Number(values.concurrency);
  const pollMs = Number(values["poll-ms"]);
  if (!Number.isInteger(workers) || workers < 1 || workers > 32) {
    throw new CliError("worker: --concurrency must be a whole number from 1 to 32");
  }
  if (!Number.isInteger(pollMs) || pollMs < 10) throw new CliError("worker: --poll-ms must be at least 10");
  const config = cliConfig();
  // Emails carry signed links, so workers sign with the same secret as the servers.
  const sessionSecret = resolveSessionSecret(config);
  setMailTransport(createTransport(config.smtpUrl));
  let store: Store;
  try {
    store = await openStore(config);
  } catch (error) {
    throw asCliError(error);
  }
  const logger = jsonLogger(config.logLevel);
  const background = startBackgroundWork({
    db: store.db,
    logger,
    now: () => new Date(),
    workers,
    relay: !values["no-relay"],
    pollMs,
    email: { sessionSecret, portalBaseUrl: config.portalBaseUrl },
  });
  return new Promise<number>((done) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, "shutting down: finishing the jobs in hand");
      background
        .stop()
        .then(() => store.close())
        .then(
          () => done(0),
          (error: unknown) => {
            logger.error(
              { err: error instanceof Error ? error.message : String(error) },
              "error while stopping",
            );
            done(1);
          },
        );
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
