// `aftercare serve` as `npm start` runs it: a real process on a free port against a fresh SQLite file.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nodemailer from "nodemailer";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../app/brands/brand-policies.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function start(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
} {
  const child = spawn(process.execPath, ["bin/aftercare.mjs", "serve"], {
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      LOG_LEVEL: "warn",
      INBOUND_SMTP_PORT: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => out, exit };
}

async function waitFor(output: () => string, pattern: RegExp, ms: number): Promise<RegExpMatchArray> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const match = pattern.exec(output());
    if (match) return match;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${pattern}; output so far:\n${output()}`);
}

describe("aftercare serve", () => {
  it("loads the demo on first start, prints the URLs and logins, serves, and exits 0 on SIGTERM", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aftercare-serve-"));
    dirs.push(dir);
    const server = start({ DATABASE_URL: `sqlite:${join(dir, "aftercare.db")}`, DATA_DIR: dir, PORT: "0" });
    const [, base] = await waitFor(server.output, /Aftercare is running at (http:\/\/\S+)/, 60_000);
    const out = server.output();
    for (const path of ["/docs", "/api/v1/openapi.json", "/health", "/ready"])
      expect(out).toContain(`${base}${path}`);
    expect(out).toContain("admin@aftercare.local");
    const password = /password: (\S+) {3}\(shown this once/.exec(out)?.[1];
    expect(password).toBeDefined();

    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: "ok" });
    const login = await fetch(`${base}/api/v1/staff/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "admin@aftercare.local", password }),
    });
    expect(login.status).toBe(200);
    expect(statSync(join(dir, "session-secret")).mode & 0o777).toBe(0o600);

    // The tour: mail to a demo brand's address becomes a case on the desk.
    const smtpPort = Number(/email in +smtp:\/\/\S+:(\d+)/.exec(out)?.[1]);
    expect(smtpPort).toBeGreaterThan(0);
    const mailer = nodemailer.createTransport({ host: "127.0.0.1", port: smtpPort, ignoreTLS: true });
    await mailer.sendMail({
      from: "tour@example.com",
      to: "help@kallesia.com",
      subject: "Where is my parcel?",
      text: "It has not arrived yet.",
    });
    mailer.close();
    const cookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
    const inbox = (await (
      await fetch(`${base}/api/v1/desk/cases?channel=email`, { headers: { cookie } })
    ).json()) as { cases: { subject: string; requestType: string; customerEmail: string }[] };
    expect(inbox.cases).toEqual([
      expect.objectContaining({
        subject: "Where is my parcel?",
        requestType: "lost_parcel",
        customerEmail: "tour@example.com",
      }),
    ]);

    server.child.kill("SIGTERM");
    expect(await server.exit).toBe(0);
  }, 90_000);

  it("refuses to start on PostgreSQL without SESSION_SECRET, saying why", async () => {
    const server = start({ DATABASE_URL: "postgres://nobody@127.0.0.1:1/none", PORT: "0" });
    expect(await server.exit).toBe(2);
    expect(server.output()).toContain("SESSION_SECRET is not set");
  }, 30_000);
});
