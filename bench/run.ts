// `npm run bench`: Aftercare beside a floor measured in the same run on the same data, with the ratio.
//   first and repeat import of N JSON Lines orders into SQLite and PostgreSQL (floor: a plain script
//     with the same driver, bench/floor/import-floor.ts);
//   the API under autocannon at 50 connections: shopper order view, return quote, policy evaluate,
//     staff case list, assistant question (floor: bare Fastify + better-sqlite3 on the same store file
//     doing the same reads, bench/floor/server.ts);
//   server RSS idle and under load, and start-up time on the loaded store.
// The ratio is always "Aftercare as a fraction of the floor's speed": rate / floor rate, or floor time
// / Aftercare time; 1.0 is as fast as the floor. The table is printed and written to
// bench/results/<date>-<mode>.json.
//   npm run bench -- [--orders N] [--duration S] [--connections C] [--quick] [--no-pg] [--only import|http]
//                    [--workloads "shopper order view,return quote"] [--profile DIR] [--keep]
//                    [--server-node-args "--max-semi-space-size=8"] (Node options for Aftercare's server)
// --profile DIR writes CPU profiles (node --cpu-prof) of Aftercare's imports and server to DIR.
// --quick (CI: checks that everything runs, < 2 minutes): 3,000 orders, 2-second loads.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import SQLite from "better-sqlite3";
import pg from "pg";
import { signShopperSession, signStaffSession } from "../src/app/access/session-tokens.ts";
import { writeOrders } from "./lib/generate.ts";
import { cpuSeconds, freePort, lastJson, rssMb, runToEnd, type Started, startServer } from "./lib/proc.ts";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean" },
    orders: { type: "string" },
    duration: { type: "string" },
    connections: { type: "string" },
    "no-pg": { type: "boolean" },
    only: { type: "string" },
    keep: { type: "boolean" },
    profile: { type: "string" },
    workloads: { type: "string" },
    runs: { type: "string" },
    "pg-orders": { type: "string" },
    "server-node-args": { type: "string" },
  },
});
const quick = values.quick === true;
const N = Number(values.orders ?? (quick ? 3000 : 1_000_000));
// Eight seconds per run: three runs each of Aftercare and its floor for five workloads fit, with the
// imports, in the run's 15 minutes even on a slow day (ten-second runs took a 1M run to 956 s once).
const DURATION = Number(values.duration ?? (quick ? 2 : 8));
const CONNECTIONS = Number(values.connections ?? 50);
// Aftercare and its floor take turns, and each figure is the median of the runs: the machine is shared.
const RUNS = Number(values.runs ?? (quick ? 1 : 3));
// PostgreSQL's imports read the first orders of the same data, at most 200,000 unless told otherwise:
// at 1M orders its two passes and their floors alone would take the run past its 15 minutes on a
// 2-core machine. The ratio is per order, so it compares like with like; the table names the count.
const PG_N = Math.min(N, Number(values["pg-orders"] ?? 200_000));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
const PG_ADMIN = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const SECRET = "bench-session-secret-0123456789abcdefghijklmnopqrstuvwxyz";
const ROOT = resolve(import.meta.dirname, "..");
const CLI = join(ROOT, "bin/aftercare.mjs");
const RUN_TS = join(ROOT, "bin/run-ts.mjs");

interface Row {
  workload: string;
  unit: string;
  aftercare: number;
  floor: number;
  ratio: number;
  detail?: Record<string, unknown>;
}
const rows: Row[] = [];
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
function add(row: Omit<Row, "ratio">, higherIsBetter: boolean) {
  const ratio = higherIsBetter ? row.aftercare / row.floor : row.floor / row.aftercare;
  const full = { ...row, ratio: round(ratio) };
  rows.push(full);
  console.log(
    `  ${row.workload}: aftercare ${round(row.aftercare)} ${row.unit}, floor ${round(row.floor)} ${row.unit}, ratio ${full.ratio}`,
  );
}

const profileArgs = (what: string) =>
  values.profile
    ? [
        "--cpu-prof",
        `--cpu-prof-dir=${resolve(values.profile)}`,
        `--cpu-prof-name=${what}-${Date.now()}.cpuprofile`,
      ]
    : [];
const dir = mkdtempSync(join(tmpdir(), "aftercare-bench-"));
const file = join(dir, "orders.jsonl");
const started = performance.now();
const now = new Date();

async function prepareStore(url: string): Promise<void> {
  const init = await runToEnd([CLI, "init", "--demo"], {
    DATABASE_URL: url,
    DATA_DIR: dir,
    LOG_LEVEL: "silent",
  });
  if (init.code !== 0) throw new Error(`aftercare init failed on ${url}:\n${init.stderr}${init.stdout}`);
}

interface ImportResult {
  seconds: number;
  maxRssMb: number;
}
async function importAftercare(url: string, file: string): Promise<ImportResult & { summary: string }> {
  const out = await runToEnd(
    [...profileArgs("import"), RUN_TS, join(ROOT, "bench/lib/import-aftercare.ts"), file],
    {
      DATABASE_URL: url,
      DATA_DIR: dir,
    },
  );
  const result = lastJson<ImportResult & { exitCode: number }>(out.stdout);
  if (result.exitCode !== 0)
    throw new Error(`aftercare import failed:\n${out.stdout}\n${out.stderr.slice(-3000)}`);
  const summary = out.stdout.split("\n").find((l) => l.includes(" orders in ")) ?? "";
  return { ...result, summary };
}
async function importFloor(
  url: string,
  file: string,
): Promise<ImportResult & { created: number; skipped: number }> {
  const out = await runToEnd([RUN_TS, join(ROOT, "bench/floor/import-floor.ts"), url, file], {});
  if (out.code !== 0) throw new Error(`floor import failed:\n${out.stderr}`);
  return lastJson(out.stdout);
}

async function importWorkloads(
  label: string,
  aftercareUrl: string,
  floorUrl: string,
  file: string,
  count: number,
) {
  await prepareStore(aftercareUrl);
  await prepareStore(floorUrl);
  for (const pass of ["first", "repeat"] as const) {
    const a = await importAftercare(aftercareUrl, file);
    const f = await importFloor(floorUrl, file);
    console.log(`  aftercare ${pass}: ${a.summary.trim()}`);
    add(
      {
        workload: `${pass} import, ${label}${count === N ? "" : ` (${count} orders)`}`,
        unit: "orders/s",
        aftercare: count / a.seconds,
        floor: count / f.seconds,
        detail: {
          aftercareSeconds: round(a.seconds),
          floorSeconds: round(f.seconds),
          aftercarePeakRssMb: round(a.maxRssMb, 0),
          floorPeakRssMb: round(f.maxRssMb, 0),
        },
      },
      true,
    );
  }
}

// ---- data ------------------------------------------------------------------------------------------
const bytes = await writeOrders(file, N, now);
console.log(
  `generated ${N} orders (${(bytes / 1e6).toFixed(1)} MB) in ${((performance.now() - started) / 1000).toFixed(1)}s`,
);

const aDb = join(dir, "aftercare.db");
const fDb = join(dir, "floor.db");

// ---- import ----------------------------------------------------------------------------------------
if (values.only !== "http") {
  console.log("import, SQLite");
  await importWorkloads("SQLite", `sqlite:${aDb}`, `sqlite:${fDb}`, file, N);
  if (values["no-pg"] !== true) {
    const admin = new pg.Client({ connectionString: PG_ADMIN });
    const names = [`bench_a_${process.pid}`, `bench_f_${process.pid}`];
    let reachable = true;
    try {
      await admin.connect();
    } catch (error) {
      reachable = false;
      console.log(`PostgreSQL not reachable at ${PG_ADMIN} (${(error as Error).message}); skipped`);
    }
    if (reachable) {
      try {
        for (const n of names) await admin.query(`create database ${n}`);
        const urlOf = (n: string) => {
          const u = new URL(PG_ADMIN);
          u.pathname = `/${n}`;
          return u.toString();
        };
        // The generator is deterministic for a count, so these are the first PG_N orders of the file.
        const pgFile = PG_N === N ? file : join(dir, "orders-pg.jsonl");
        if (pgFile !== file) await writeOrders(pgFile, PG_N, now);
        console.log(`import, PostgreSQL (${PG_N} orders)`);
        await importWorkloads("PostgreSQL", urlOf(names[0] ?? ""), urlOf(names[1] ?? ""), pgFile, PG_N);
      } finally {
        for (const n of names) await admin.query(`drop database if exists ${n} with (force)`);
        await admin.end();
      }
    }
  }
} else {
  await prepareStore(`sqlite:${aDb}`);
  await importAftercare(`sqlite:${aDb}`, file);
}

// ---- the API ---------------------------------------------------------------------------------------
if (values.only !== "import") {
  const sample = seedForHttp(aDb);
  console.log(`API, ${CONNECTIONS} connections, ${DURATION}s per run, store of ${N} orders`);
  const aPort = await freePort();
  const aftercare = await startServer(
    [
      ...profileArgs("server"),
      ...(values["server-node-args"]?.split(" ").filter(Boolean) ?? []),
      CLI,
      "serve",
    ],
    {
      DATABASE_URL: `sqlite:${aDb}`,
      DATA_DIR: dir,
      SESSION_SECRET: SECRET,
      TRUST_PROXY: "true",
      HOST: "127.0.0.1",
    },
    aPort,
  );
  const floor = await startServer([RUN_TS, join(ROOT, "bench/floor/server.ts"), aDb], {}, await freePort());
  try {
    // An import queues one event per order; the relay publishes them in the background. The load is
    // measured once it has caught up, as on a normal day.
    const drainStarted = performance.now();
    const reader = new SQLite(aDb, { readonly: true });
    const pending = reader.prepare("select count(*) from outbox where published_at is null").pluck();
    const backlog = pending.get() as number;
    while ((pending.get() as number) > 0 && performance.now() - drainStarted < 600_000)
      await new Promise((r) => setTimeout(r, 250));
    const left = pending.get() as number;
    reader.close();
    const drainSeconds = (performance.now() - drainStarted) / 1000;
    console.log(
      `  outbox: ${backlog - left} of ${backlog} pending events published in ${drainSeconds.toFixed(1)}s (${Math.round((backlog - left) / Math.max(drainSeconds, 0.001))}/s)${left ? `; ${left} still pending, the API is measured while the relay works` : ""}`,
    );
    add(
      {
        workload: "start-up to ready",
        unit: "s",
        aftercare: aftercare.startSeconds,
        floor: floor.startSeconds,
      },
      false,
    );
    await new Promise((r) => setTimeout(r, 1000));
    const idle = { aftercare: rssMb(aftercare.child.pid), floor: rssMb(floor.child.pid) };
    add({ workload: "server RSS idle", unit: "MB", ...idle }, false);
    const peak = { aftercare: 0, floor: 0 };

    const ip = () =>
      `10.${(Math.random() * 250) | 0}.${(Math.random() * 250) | 0}.${1 + ((Math.random() * 250) | 0)}`;
    const pick = <T>(list: readonly T[]): T => list[(Math.random() * list.length) | 0] as T;
    const questions = [
      "how long do I have to return my dress?",
      "when will my refund arrive?",
      "do you ship to Mexico?",
      "can I exchange for another size?",
      "my parcel has not arrived",
    ];
    const quoteBody = (line: string) =>
      JSON.stringify({
        items: [{ lineId: line, quantity: 1, reason: "changed_mind", condition: { tagsAttached: true } }],
      });
    const scenario = {
      now: now.toISOString(),
      order: {
        number: "X-1",
        placedAt: new Date(now.getTime() - 10 * 86_400_000).toISOString(),
        currency: "USD",
        payment: { method: "card", cleared: true },
        shippingCharged: 800,
        status: "delivered",
        dispatchedAt: new Date(now.getTime() - 9 * 86_400_000).toISOString(),
        deliveredAt: new Date(now.getTime() - 6 * 86_400_000).toISOString(),
        lines: [{ id: "1", category: "dresses", unitPrice: 12000, quantity: 1 }],
      },
      request: {
        type: "return",
        items: [{ lineId: "1", quantity: 1, reason: "fit", condition: { tagsAttached: true } }],
      },
    };
    const staff = signStaffSession(SECRET, sample.adminId, now).token;

    type Setup = (req: autocannon.Request) => autocannon.Request;
    const workloads: { name: string; method: "GET" | "POST"; a: Setup; f: Setup }[] = [
      {
        name: "shopper order view",
        method: "GET",
        a: (req) => {
          const o = pick(sample.orders);
          return { ...req, path: "/api/v1/shopper/order", headers: { authorization: `Bearer ${o.token}` } };
        },
        f: (req) => ({ ...req, path: `/floor/order/${pick(sample.orders).id}` }),
      },
      {
        name: "return quote",
        method: "POST",
        a: (req) => {
          const o = pick(sample.orders);
          return {
            ...req,
            path: "/api/v1/shopper/returns/quote",
            headers: { authorization: `Bearer ${o.token}`, "content-type": "application/json" },
            body: quoteBody(o.line),
          };
        },
        f: (req) => {
          const o = pick(sample.orders);
          return {
            ...req,
            path: `/floor/quote/${o.id}`,
            headers: { "content-type": "application/json" },
            body: quoteBody(o.line),
          };
        },
      },
      {
        name: "policy evaluate",
        method: "POST",
        a: (req) => ({
          ...req,
          path: "/api/v1/brands/castella/policy/evaluate",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(scenario),
        }),
        f: (req) => ({
          ...req,
          path: "/floor/evaluate/castella",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(scenario),
        }),
      },
      {
        name: "staff case list",
        method: "GET",
        a: (req) => ({
          ...req,
          path: "/api/v1/desk/cases",
          headers: { cookie: `aftercare_session=${staff}` },
        }),
        f: (req) => ({ ...req, path: `/floor/cases?staff=${sample.adminId}` }),
      },
      {
        name: "assistant question",
        method: "POST",
        // Shoppers on a sale day come from many addresses; the per-address limit is not what is measured.
        a: (req) => ({
          ...req,
          path: `/api/v1/brands/${pick(["castella", "kallesia"])}/assistant/ask`,
          headers: { "content-type": "application/json", "x-forwarded-for": ip() },
          body: JSON.stringify({ question: pick(questions) }),
        }),
        f: (req) => ({
          ...req,
          path: `/floor/ask/${pick(["castella", "kallesia"])}`,
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ question: pick(questions) }),
        }),
      },
    ];

    const load = async (
      server: Started,
      method: "GET" | "POST",
      setup: Setup,
      which: "aftercare" | "floor",
    ) => {
      const sampler = setInterval(() => {
        peak[which] = Math.max(peak[which], rssMb(server.child.pid));
      }, 200);
      try {
        const cpuBefore = cpuSeconds(server.child.pid);
        const result = await autocannon({
          url: server.base,
          connections: CONNECTIONS,
          duration: DURATION,
          requests: [{ method, setupRequest: setup }],
        });
        const cpu = cpuSeconds(server.child.pid) - cpuBefore;
        return {
          ...result,
          cpuUsPerRequest: result.requests.total ? (cpu * 1e6) / result.requests.total : 0,
        };
      } finally {
        clearInterval(sampler);
      }
    };
    const wanted = values.workloads?.split(",").map((w) => w.trim());
    for (const w of workloads.filter((w) => !wanted || wanted.includes(w.name))) {
      const as: (autocannon.Result & { cpuUsPerRequest: number })[] = [];
      const fs: (autocannon.Result & { cpuUsPerRequest: number })[] = [];
      for (let r = 0; r < RUNS; r++) {
        as.push(await load(aftercare, w.method, w.a, "aftercare"));
        fs.push(await load(floor, w.method, w.f, "floor"));
      }
      // Which workload grows the server's memory: the running peak after each one.
      console.log(
        `  ${w.name}: server RSS peak so far ${peak.aftercare.toFixed(0)} MB (floor ${peak.floor.toFixed(0)} MB)`,
      );
      const bad = as.reduce((n, a) => n + a.non2xx + a.errors, 0);
      const all = as.reduce((n, a) => n + a.requests.total, 0);
      if (bad > 0) console.log(`  ${w.name}: ${bad} of ${all} Aftercare answers were not 2xx`);
      const a = {
        rps: median(as.map((x) => x.requests.average)),
        p50: median(as.map((x) => x.latency.p50)),
        p99: median(as.map((x) => x.latency.p99)),
      };
      const f = {
        rps: median(fs.map((x) => x.requests.average)),
        p50: median(fs.map((x) => x.latency.p50)),
        p99: median(fs.map((x) => x.latency.p99)),
      };
      add(
        {
          workload: `${w.name} (req/s)`,
          unit: "req/s",
          aftercare: a.rps,
          floor: f.rps,
          detail: { runs: RUNS, aftercare: { ...a, non2xx: bad, total: all }, floor: f },
        },
        true,
      );
      add({ workload: `${w.name} (p50)`, unit: "ms", aftercare: a.p50, floor: f.p50 }, false);
      add({ workload: `${w.name} (p99)`, unit: "ms", aftercare: a.p99, floor: f.p99 }, false);
      // The server's own CPU per answered request (user + system, all its threads): what the rate
      // would be on a machine with nothing else running, and where the two servers differ.
      add(
        {
          workload: `${w.name} (server CPU per request)`,
          unit: "µs",
          aftercare: median(as.map((x) => x.cpuUsPerRequest)),
          floor: median(fs.map((x) => x.cpuUsPerRequest)),
        },
        false,
      );
    }
    add({ workload: "server RSS under load", unit: "MB", ...peak }, false);
  } finally {
    await aftercare.stop();
    await floor.stop();
  }
}

/** Returns and cases for the API workloads, and the orders and staff the load uses. */
function seedForHttp(path: string) {
  const db = new SQLite(path);
  const stamp = now.toISOString();
  const brandIds = db.prepare("select id from brands").pluck().all() as string[];
  const delivered = db
    .prepare(
      "select o.id, o.brand_id, o.currency, o.total from orders o where o.status = 'delivered' and o.source = 'import' and abs(random()) % 30 = 0",
    )
    .all() as { id: string; brand_id: string; currency: string; total: number }[];
  const insertReturn = db.prepare(
    `insert into returns (id, brand_id, order_id, rma_number, kind, status, decision, quoted_amount, currency, requested_at, created_at, updated_at)
     values (?, ?, ?, ?, 'return', ?, '{}', ?, ?, ?, ?, ?)`,
  );
  const statuses = ["requested", "authorized", "in_transit", "received", "refunded", "closed"];
  const insertCase = db.prepare(
    `insert into support_cases (id, brand_id, order_id, customer_email, subject, channel, reply_token, created_at, updated_at)
     values (?, ?, ?, ?, ?, 'email', ?, ?, ?)`,
  );
  const caseOrders = db
    .prepare("select id, brand_id, email from orders where abs(random()) % 40 = 0")
    .all() as { id: string; brand_id: string; email: string }[];
  db.transaction(() => {
    delivered.forEach((o, i) => {
      insertReturn.run(
        crypto.randomUUID(),
        o.brand_id,
        o.id,
        `BR-${i}-${process.pid}`,
        statuses[i % statuses.length],
        o.total,
        o.currency,
        stamp,
        stamp,
        stamp,
      );
    });
    caseOrders.forEach((o, i) => {
      const at = new Date(now.getTime() - i * 60_000).toISOString();
      insertCase.run(
        crypto.randomUUID(),
        o.brand_id,
        o.id,
        o.email,
        `Question about order ${i}`,
        crypto.randomUUID(),
        at,
        at,
      );
    });
  })();
  const orders = (
    db
      .prepare(
        `select o.id, o.brand_id, o.email,
                (select line_key from order_lines l where l.order_id = o.id order by position limit 1) as line
           from orders o where o.source = 'import' and abs(random()) % ? = 0 limit 2000`,
      )
      .all(Math.max(1, Math.floor(N / 4000))) as {
      id: string;
      brand_id: string;
      email: string;
      line: string;
    }[]
  ).map((o) => ({
    ...o,
    token: signShopperSession(SECRET, { orderId: o.id, brandId: o.brand_id, email: o.email }, now).token,
  }));
  const adminId = db
    .prepare("select id from staff_users where role = 'admin' limit 1")
    .pluck()
    .get() as string;
  db.close();
  console.log(
    `seeded ${delivered.length} returns and ${caseOrders.length} cases over ${brandIds.length} brands; ${orders.length} shopper sessions`,
  );
  return { orders, adminId };
}

// ---- report ----------------------------------------------------------------------------------------
const total = (performance.now() - started) / 1000;
const widths = [34, 12, 12, 7];
const line = (cells: string[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 10) : c.padStart(widths[i] ?? 10))).join("  ");
console.log(
  `\nAftercare vs floor, ${N} orders${quick ? " (quick)" : ""}, node ${process.version}, ${total.toFixed(0)}s`,
);
console.log(line(["workload", "aftercare", "floor", "ratio"]));
for (const r of rows)
  console.log(
    line([
      `${r.workload} ${r.unit}`,
      String(round(r.aftercare, 1)),
      String(round(r.floor, 1)),
      String(r.ratio),
    ]),
  );
const results = join(ROOT, "bench/results");
mkdirSync(results, { recursive: true });
const out = join(
  results,
  `${now.toISOString().slice(0, 16).replace(/[:T]/g, "-")}-${quick ? "quick" : `${N}`}.json`,
);
writeFileSync(
  out,
  `${JSON.stringify({ at: now.toISOString(), orders: N, quick, durationSeconds: DURATION, connections: CONNECTIONS, node: process.version, seconds: round(total, 1), rows }, null, 2)}\n`,
);
console.log(`written to ${out}`);
if (values.keep !== true) rmSync(dir, { recursive: true, force: true });
else console.log(`data kept in ${dir}`);
