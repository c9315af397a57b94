// `aftercare serve` (what `npm start` runs): opens the store, loads the example brands and demo users on
// first run, and serves the API with structured JSON logs until SIGINT or SIGTERM, then stops accepting
// connections, lets requests in flight finish, and closes the store.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import pino from "pino";
import { demoStaffEmail, seedDemoStaff } from "../app/access/seed-demo-staff.ts";
import { BRANDS_DIR } from "../app/brands/brand-policies.ts";
import { createEvidenceStorage } from "../app/claims/evidence-storage.ts";
import { STAFF_ROLES } from "../app/kernel/actor.ts";
import type { Config } from "../config.ts";
import { parseDatabaseUrl, type Store } from "../db/database.ts";
import { openStore } from "../db/store.ts";
import { createTransport, setMailTransport } from "../email/outgoing.ts";
import { DEFAULT_INBOUND_PORT, type Receiver, startReceiver } from "../email/receiver.ts";
import { buildServer } from "../http/server.ts";
import { parseCommandArgs } from "./args.ts";
import { startBackgroundWork } from "./background.ts";
import { CliError } from "./cli-error.ts";
import { boundHeapGrowth } from "./heap.ts";
import { asCliError, cliConfig } from "./with-store.ts";

const SHUTDOWN_GRACE_MS = 10_000;

/**
 * The secret that signs sessions and email links. SQLite means one machine, so a secret generated on
 * first start and kept in the data folder is safe and lets `npm start` work with nothing set; several
 * PostgreSQL-backed instances must share one, so there it has to be configured.
 */
export function resolveSessionSecret(config: Config): string {
  if (config.sessionSecret) {
    if (config.sessionSecret.length < 32)
      throw new CliError("SESSION_SECRET must be at least 32 characters", 2);
    return config.sessionSecret;
  }
  if (parseDatabaseUrl(config.databaseUrl).kind === "postgres") {
    throw new CliError(
      "SESSION_SECRET is not set. With PostgreSQL every server instance must share one secret: set\n" +
        "SESSION_SECRET to a random value of at least 32 characters (e.g. `openssl rand -base64 48`).",
      2,
    );
  }
  const dir = resolve(config.dataDir);
  const file = join(dir, "session-secret");
  if (existsSync(file)) {
    const stored = readFileSync(file, "utf8").trim();
    if (stored.length >= 32) return stored;
  }
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

async function firstRun(store: Store): Promise<string | null> {
  const brand = await store.db.selectFrom("brands").select("id").limit(1).executeTakeFirst();
  if (brand) return null;
  process.stdout.write("first start: loading the example brands and demo data\n");
  // Seeded before init so the password is ours to print in the banner (init then finds the users).
  const seeded = await seedDemoStaff(store.db, new Date());
  const init = await import("./init.ts");
  await init.run(["--demo", "--brands-dir", BRANDS_DIR]);
  return seeded.password;
}

async function demoOrders(store: Store): Promise<{ brand: string; number: string; email: string }[]> {
  const rows = await store.db
    .selectFrom("orders")
    .innerJoin("brands", "brands.id", "orders.brand_id")
    .select(["brands.slug as brand", "orders.number", "orders.email", "orders.status"])
    .where("orders.source", "=", "demo")
    .orderBy("brands.slug")
    .orderBy("orders.number")
    .limit(200)
    .execute();
  // One order per brand and status, so every flow has something to try.
  const seen = new Set<string>();
  return rows
    .filter((r) => {
      const key = `${r.brand}|${r.status}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, 8);
}

function banner(
  base: string,
  orders: Awaited<ReturnType<typeof demoOrders>>,
  password: string | null,
  mail: { inbound: string; outbound: string },
): string {
  const lines = [
    "",
    `Aftercare is running at ${base}`,
    `  email in     ${mail.inbound}`,
    `  email out    ${mail.outbound}`,
    `  API docs     ${base}/docs`,
    `  OpenAPI      ${base}/api/v1/openapi.json`,
    `  health       ${base}/health`,
    `  readiness    ${base}/ready`,
    `  metrics      ${base}/metrics`,
  ];
  if (orders.length) {
    lines.push("", "Demo orders to find (order number + email):");
    for (const o of orders) lines.push(`  ${o.brand.padEnd(10)} ${o.number.padEnd(12)} ${o.email}`);
  }
  lines.push("", "Demo staff logins (POST /api/v1/staff/login):");
  for (const role of STAFF_ROLES) lines.push(`  ${demoStaffEmail(role)}`);
  lines.push(
    password
      ? `  password: ${password}   (shown this once; only its hash is stored)`
      : "  password: printed at the first start; set a new one with `aftercare staff add`",
    "",
  );
  return lines.join("\n");
}

export async function run(argv: string[]): Promise<number> {
  const { positionals } = parseCommandArgs("serve", argv, {});
  if (positionals.length) throw new CliError(`serve: unexpected argument '${positionals[0]}'`);
  const config = cliConfig();
  boundHeapGrowth();
  // Checked before connecting, so a missing secret is reported as such and not as a later failure.
  const sessionSecret = resolveSessionSecret(config);
  let store: Store;
  try {
    store = await openStore(config);
  } catch (error) {
    throw asCliError(error);
  }
  let app: Awaited<ReturnType<typeof buildServer>>;
  let password: string | null;
  try {
    password = await firstRun(store);
    app = await buildServer(
      { config, store, now: () => new Date(), sessionSecret },
      {
        logger: config.logLevel === "silent" ? false : { level: config.logLevel, stream: logDestination() },
      },
    );
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await store.close();
    throw asCliError(error);
  }
  // Mail: the receiver on INBOUND_SMTP_PORT, the sender through SMTP_URL or, without one, held for staff.
  setMailTransport(createTransport(config.smtpUrl));
  let receiver: Receiver | null = null;
  try {
    receiver = await startReceiver({
      db: store.db,
      evidence: createEvidenceStorage({ dataDir: config.dataDir }),
      dataDir: config.dataDir,
      now: () => new Date(),
      host: config.host,
      port: config.inboundSmtpPort ?? DEFAULT_INBOUND_PORT,
      logger: app.log,
    });
  } catch (error) {
    // The default port taken (another install on this machine): serve without mail in rather than not
    // at all. A port the operator chose must work, so that still stops the start.
    const busy = (error as NodeJS.ErrnoException).code === "EADDRINUSE";
    if (!busy || config.inboundSmtpPort !== undefined) {
      await app.close();
      await store.close();
      throw asCliError(error);
    }
    app.log.warn({ port: DEFAULT_INBOUND_PORT }, "mail receiver not started: the port is in use");
  }
  const address = app.server.address() as AddressInfo;
  const host = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
  const base = `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;
  const mailHost = host.includes(":") ? `[${host}]` : host;
  const mail = {
    inbound: receiver
      ? `smtp://${mailHost}:${receiver.port} (mail to the brands' addresses becomes cases)`
      : `not started: port ${DEFAULT_INBOUND_PORT} is in use (set INBOUND_SMTP_PORT)`,
    outbound: config.smtpUrl
      ? `through ${config.smtpUrl.replace(/\/\/[^@/]*@/, "//")}`
      : "held in the outbox for staff (SMTP_URL not set)",
  };
  process.stdout.write(`${banner(base, await demoOrders(store), password, mail)}\n`);
  // Job workers and the outbox relay run in every instance; the queue makes each job run once.
  const background = startBackgroundWork({
    db: store.db,
    logger: app.log,
    now: () => new Date(),
    email: { sessionSecret, portalBaseUrl: config.portalBaseUrl },
  });

  return new Promise<number>((done) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      app.log.info({ signal }, "shutting down: finishing requests in flight");
      const force = setTimeout(() => {
        app.log.error("requests still running after the grace period; exiting");
        done(1);
      }, SHUTDOWN_GRACE_MS);
      force.unref();
      // Background work finishes the job in hand while the server drains, and both before the store closes.
      Promise.all([app.close(), background.stop(), receiver?.close()])
        .then(() => store.close())
        .then(
          () => {
            clearTimeout(force);
            done(0);
          },
          (error: unknown) => {
            app.log.error({ err: error }, "error while shutting down");
            clearTimeout(force);
            done(1);
          },
        );
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}

/**
 * Standard output, written asynchronously: a line logged while an earlier write is still under way
 * joins the next write, so under load the request log costs one write per batch of lines instead of a
 * system call per request (with a synchronous stream a third of a busy server's time). Pino flushes
 * what is left when the process exits; only lines of the last moment before a kill -9 can be lost.
 */
function logDestination() {
  return pino.destination({ dest: 1, sync: false });
}
