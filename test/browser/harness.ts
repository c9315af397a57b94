// Browser tests drive the real product: `aftercare serve` started as a child process on a fresh SQLite
// database (the same first start `npm start` does: example brands, demo orders, demo staff), the built
// web front end, and Debian's Chromium through playwright-core. Pages are checked with axe-core and
// screenshotted under test-results/.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { expect } from "vitest";

export const ROOT = resolve(import.meta.dirname, "../..");
export const RESULTS = join(ROOT, "test-results");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const run = promisify(execFile);

/** Browser tests need Chromium; `.ci/run` installs Debian's package. Locally they are skipped without it. */
export const hasChromium = existsSync(CHROMIUM);

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => ok(port));
    });
  });
}

export interface RunningApp {
  readonly url: string;
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly output: () => string;
  /** The demo staff password the banner printed. */
  readonly staffPassword: string | null;
  /** Runs `aftercare …` against the same database. */
  readonly cli: (args: readonly string[], input?: string) => Promise<string>;
  readonly stop: () => Promise<void>;
}

export async function ensureWebBuilt(): Promise<void> {
  const { buildWeb } = (await import(join(ROOT, "bin", "build-web.mjs"))) as {
    buildWeb: (o: { ifNeeded: boolean; quiet: boolean }) => Promise<void>;
  };
  await buildWeb({ ifNeeded: true, quiet: true });
}

export async function startApp(extraEnv: Record<string, string> = {}): Promise<RunningApp> {
  await ensureWebBuilt();
  const dir = mkdtempSync(join(tmpdir(), "aftercare-browser-"));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `sqlite:${join(dir, "aftercare.db")}`,
    DATA_DIR: join(dir, "data"),
    HOST: "127.0.0.1",
    PORT: String(port),
    LOG_LEVEL: "warn",
    ...extraEnv,
  };
  delete env.TEST_DATABASE_URL;
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, "bin", "aftercare.mjs"), "serve"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => {
    out += String(d);
  });
  child.stderr?.on("data", (d) => {
    out += String(d);
  });
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`aftercare serve exited early:\n${out}`);
    if (out.includes("Aftercare is running at")) break;
    if (Date.now() - started > 90_000) throw new Error(`aftercare serve did not start in time:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const password = /password[^\n]*?:\s*(\S+)/i.exec(out)?.[1] ?? null;
  return {
    url,
    dir,
    env,
    output: () => out,
    staffPassword: password,
    cli: async (args, input) => {
      const file = input === undefined ? null : join(dir, `input-${Date.now()}.txt`);
      if (file && input !== undefined) writeFileSync(file, input);
      const { stdout } = await run(
        process.execPath,
        [join(ROOT, "bin", "aftercare.mjs"), ...args.map((a) => (a === "@input" && file ? file : a))],
        {
          cwd: ROOT,
          env,
        },
      );
      return stdout;
    },
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((r) => {
          const t = setTimeout(() => {
            child.kill("SIGKILL");
            r(null);
          }, 10_000);
          child.once("exit", () => {
            clearTimeout(t);
            r(null);
          });
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-quic",
      "--no-first-run",
      "--disable-sync",
    ],
  });
}

export const DESKTOP = { width: 1280, height: 900 } as const;
export const MOBILE = { width: 360, height: 780 } as const;

export async function newPage(
  browser: Browser,
  viewport: { width: number; height: number } = DESKTOP,
): Promise<{
  context: BrowserContext;
  page: Page;
}> {
  const context = await browser.newContext({ viewport, locale: "en-GB", timezoneId: "UTC" });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(String(e)));
  (page as Page & { problems?: string[] }).problems = problems;
  return { context, page };
}

/** Uncaught errors the page threw (React render errors, failed scripts). */
export function pageErrors(page: Page): string[] {
  return (page as Page & { problems?: string[] }).problems ?? [];
}

const AXE = readFileSync(join(ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8");

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { target: readonly string[] }[];
}

/** axe-core in the page; fails on serious or critical violations and says which. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  // Evaluated through the debugging protocol, so the page's own Content-Security-Policy (no inline
  // scripts) stays in force for everything else.
  await page.evaluate(AXE);
  // Run in the page: `globalThis` there is the window axe-core was added to.
  const violations = (await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run: (o: unknown) => Promise<{ violations: unknown[] }> } }
    ).axe;
    const result = await axe.run({ resultTypes: ["violations"] });
    return result.violations;
  })) as AxeViolation[];
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious, `accessibility of ${label}`).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS, { recursive: true });
  const path = join(RESULTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** An order in Aftercare's own import shape, dated relative to now so windows are predictable. */
export function daysAgo(days: number, hour = 10): string {
  const d = new Date(Date.now() - days * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
}

/** Imports orders (JSON Lines) into the running app's database with the CLI, as a store's developer would. */
export async function importOrders(
  app: RunningApp,
  brand: string,
  orders: readonly unknown[],
): Promise<void> {
  const file = join(app.dir, `orders-${brand}-${Date.now()}.jsonl`);
  writeFileSync(file, `${orders.map((o) => JSON.stringify(o)).join("\n")}\n`);
  await app.cli(["orders", "import", file, "--brand", brand]);
}

/** Finds an order in the portal the way a shopper does. */
export async function findOrder(
  page: Page,
  app: RunningApp,
  brand: string,
  number: string,
  email: string,
): Promise<void> {
  await page.goto(`${app.url}/b/${brand}`);
  await page.getByLabel("Order number").fill(number);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Find my order" }).click();
  await page.waitForURL(/\/b\/[^/]+\/(order|return|problem|cases)/);
}
