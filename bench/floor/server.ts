// The floor for the API workloads: bare Fastify 5 and better-sqlite3 on the same store file, doing the
// reads each Aftercare route needs with prepared statements and answering plain JSON. No auth,
// validation, policy evaluation, audit or logging: the cost of HTTP plus the database, which no real
// route can beat. Prints "listening PORT" once it accepts connections.
//   node bin/run-ts.mjs bench/floor/server.ts SQLITE_PATH
import SQLite from "better-sqlite3";
import Fastify from "fastify";

const path = process.argv[2];
if (!path) throw new Error("usage: server.ts SQLITE_PATH");
const db = new SQLite(path, { readonly: true });
db.pragma("busy_timeout = 5000");

const order = db.prepare("select * from orders where id = ?");
const lines = db.prepare("select * from order_lines where order_id = ? order by position");
const shipments = db.prepare("select * from shipments where order_id = ? order by created_at");
const returns = db.prepare("select * from returns where order_id = ? order by requested_at");
const brand = db.prepare("select id, slug, name from brands where slug = ?");
const policy = db.prepare(
  "select id, version, yaml from policy_versions where brand_id = ? order by effective_from desc, version desc limit 1",
);
const cases = db.prepare("select * from support_cases order by updated_at desc, id limit 50");
const passages = db.prepare("select id, heading, text from kb_passages where brand_id = ? limit 5");

const app = Fastify({ logger: false });
app.get<{ Params: { id: string } }>("/floor/order/:id", async (request) => {
  const row = order.get(request.params.id) as { id: string } | undefined;
  if (!row) return { missing: true };
  return {
    order: row,
    lines: lines.all(row.id),
    shipments: shipments.all(row.id),
    returns: returns.all(row.id),
  };
});
app.post<{ Params: { id: string } }>("/floor/quote/:id", async (request) => {
  const row = order.get(request.params.id) as { id: string; brand_id: string } | undefined;
  if (!row) return { missing: true };
  return { order: row, lines: lines.all(row.id), returns: returns.all(row.id), body: request.body };
});
app.post<{ Params: { brand: string } }>("/floor/evaluate/:brand", async (request) => {
  const b = brand.get(request.params.brand) as { id: string } | undefined;
  const p = b ? (policy.get(b.id) as { id: string; version: number }) : undefined;
  return { brand: b, version: p?.version, body: request.body };
});
app.get("/floor/cases", async () => ({ cases: cases.all() }));
app.post<{ Params: { brand: string } }>("/floor/ask/:brand", async (request) => {
  const b = brand.get(request.params.brand) as { id: string } | undefined;
  return { passages: b ? passages.all(b.id) : [], body: request.body };
});
app.get("/ready", async () => ({ status: "ready" }));

await app.listen({ host: "127.0.0.1", port: Number(process.env.PORT ?? 0) });
const address = app.server.address();
process.stdout.write(`listening ${typeof address === "object" && address ? address.port : 0}\n`);
const stop = () => void app.close().then(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
