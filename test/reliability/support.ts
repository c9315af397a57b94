// Helpers for the reliability suite: real `aftercare` processes on a store of their own (SQLite file,
// or a fresh PostgreSQL database when TEST_DATABASE_URL is set), started, loaded and killed.
import { type ChildProcess, spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { freePort, NODE, type Started, startServer as startProcess } from "../../bench/lib/proc.ts";
import { createApiKey } from "../../src/app/access/api-keys.ts";
import { signStaffSession } from "../../src/app/access/session-tokens.ts";
import { SYSTEM } from "../../src/app/kernel/actor.ts";
import type { Store } from "../../src/db/database.ts";

export const ROOT = resolve(import.meta.dirname, "../..");
export const CLI = join(ROOT, "bin/aftercare.mjs");
export const SECRET = "reliability-session-secret-0123456789abcdefghijklmnop";

export type Env = Record<string, string | undefined>;

/** An `aftercare` command to its end: exit code and output. */
export function aftercare(
  args: readonly string[],
  env: Env,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(NODE, [CLI, ...args], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

/** Starts an `aftercare` command and returns it running, with its stderr as it arrives. */
export function startCommand(
  args: readonly string[],
  env: Env,
): { child: ChildProcess; stderr: () => string } {
  const child = spawn(NODE, [CLI, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stdout?.resume();
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  return { child, stderr: () => stderr };
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((done) => child.once("exit", (code, signal) => done({ code, signal })));
}

export async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** `aftercare serve` on the store at `url`, ready to answer. */
export async function serve(url: string, dataDir: string, extra: Env = {}): Promise<Started> {
  return startProcess(
    [CLI, "serve"],
    {
      DATABASE_URL: url,
      DATA_DIR: dataDir,
      SESSION_SECRET: SECRET,
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      ...extra,
    },
    await freePort(),
  );
}

export async function apiKeyFor(store: Store, brandSlug: string): Promise<string> {
  return (await createApiKey(store.db, { name: `reliability ${brandSlug}`, brandSlug }, SYSTEM, new Date()))
    .secret;
}

/** Cookie and CSRF headers of a signed-in staff user, for unsafe methods. */
export function staffHeaders(userId: string): Record<string, string> {
  const session = signStaffSession(SECRET, userId, new Date());
  return {
    cookie: `aftercare_session=${session.token}; aftercare_csrf=${session.csrf}`,
    "x-csrf-token": session.csrf,
  };
}

/** An order in the import shape, numbered `number`. */
export function orderJson(brand: string, number: string, lines = 2): Record<string, unknown> {
  return {
    brand,
    number,
    email: `${number.toLowerCase()}@example.com`,
    placedAt: "2026-11-01T10:00:00Z",
    currency: "USD",
    payment: { method: "card" },
    lines: Array.from({ length: lines }, (_, i) => ({
      id: String(i + 1),
      category: "dresses",
      unitPrice: 5000 + i,
      quantity: 1,
    })),
  };
}

export { freePort, type Started };
