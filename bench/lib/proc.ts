// Child processes for the benchmark: run one to completion with its peak memory, or start a server and
// wait until it answers, and read a process's resident memory from /proc.
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const NODE = process.execPath;

export function rssMb(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds a process has used so far, user and system, from /proc (USER_HZ is 100 on Linux); 0 when
 * it cannot be read. Unlike a rate, the CPU a server spends per request barely moves when something
 * else on the machine takes a core for a while.
 */
export function cpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

export interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly wallSeconds: number;
}

/** Runs a command to the end, collecting its output. */
export function runToEnd(
  args: readonly string[],
  env: Record<string, string | undefined>,
): Promise<Finished> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({ code, stdout, stderr, wallSeconds: (performance.now() - started) / 1000 }),
    );
  });
}

/** The last line of output that parses as a JSON object. */
export function lastJson<T>(text: string): T {
  const lines = text.trim().split("\n").reverse();
  for (const line of lines) {
    if (!line.startsWith("{")) continue;
    try {
      return JSON.parse(line) as T;
    } catch {}
  }
  throw new Error(`no JSON result in output:\n${text.slice(-2000)}`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface Started {
  readonly child: ChildProcess;
  readonly base: string;
  readonly startSeconds: number;
  output(): string;
  stop(): Promise<void>;
}

/** Starts a server and waits until GET /ready answers 200; the seconds that took. */
export async function startServer(
  args: readonly string[],
  env: Record<string, string | undefined>,
  port: number,
): Promise<Started> {
  const started = performance.now();
  // Logs go to a file, as a log shipper would take them: a pipe the benchmark reads only between
  // loads would fill up and stall the server's synchronous log writes.
  const logFile = join(tmpdir(), `aftercare-bench-server-${process.pid}-${port}.log`);
  const fd = openSync(logFile, "w");
  const child = spawn(NODE, args, {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ["ignore", fd, fd],
  });
  closeSync(fd);
  const output = () => {
    try {
      return readFileSync(logFile, "utf8").slice(-20_000);
    } catch {
      return "";
    }
  };
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output()}`);
    try {
      const res = await fetch(`${base}/ready`);
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`server did not become ready:\n${output()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  const startSeconds = (performance.now() - started) / 1000;
  return {
    child,
    base,
    startSeconds,
    output,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(logFile, { force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once("exit", done);
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 15_000).unref();
      }),
  };
}
