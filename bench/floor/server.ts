// The floor for the API workloads: bare Fastify 5 and better-sqlite3 on the same store file, doing the
// same reads each Aftercare route makes, with prepared statements, and answering plain JSON. No auth
// checks, validation, policy evaluation, audit or logging: the cost of HTTP plus the database, which no
// real route can beat. Reads per request, as Aftercare makes them:
//   order view: the order, its brand, lines, shipments and their tracking events, returns, payments;
//   return quote: the order, its brand, lines, payments, the brand's policy versions (which one is in
//     force; the parsed policy itself stays in memory), units already in open returns;
//   policy evaluate: the brand by slug, its policy versions;
//   case list: the signed-in staff user, the newest 50 cases, the settings of each brand listed;
//   assistant question: the brand by slug, its help documents' ids and import times (the index itself
//     stays in memory).
// Prints "listening PORT" once it accepts connections.
//   node bin/run-ts.mjs bench/floor/server.ts SQLITE_PATH
import SQLite from "better-sqlite3";
import Fastify from "fastify";

const path = process.argv[2];
if (!path) throw new Error("usage: server.ts SQLITE_PATH");
const db = new SQLite(path, { readonly: true });
db.pragma("busy_timeout = 5000");

const order = db.prepare("select * from orders where id = ?");
const brandOf = db.prepare("select slug, name from brands where id = ?");
const lines = db.prepare("select * from order_lines where order_id = ? order by position");
const shipments = db.prepare("select * from shipments where order_id = ? order by created_at");
const events = db.prepare("select * from tracking_events where shipment_id = ? order by occurred_at");
const returns = db.prepare("select * from returns where order_id = ? order by requested_at");
const payments = db.prepare("select method, cleared, cleared_at from payments where order_id = ?");
const versions = db.prepare("select id, version, effective_from from policy_versions where brand_id = ?");
const openUnits = db.prepare(
  `select l.line_key, rl.quantity from return_lines rl
     join returns r on r.id = rl.return_id join order_lines l on l.id = rl.order_line_id
    where r.order_id = ? and r.status in ('requested', 'authorized', 'in_transit', 'received')
      and rl.outcome in ('approved', 'needs_review')`,
);
const brandBySlug = db.prepare("select * from brands where slug = ?");
const staffUser = db.prepare("select id, role, brand_id, active from staff_users where id = ?");
const cases = db.prepare("select * from support_cases order by updated_at desc, id limit 50");
const settingsOf = db.prepare("select settings from brands where id = ?");
const documents = db.prepare("select id, imported_at from kb_documents where brand_id = ? order by id");

type Row = Record<string, unknown>;

const app = Fastify({ logger: false });
app.get<{ Params: { id: string } }>("/floor/order/:id", async (request) => {
  const row = order.get(request.params.id) as { id: string; brand_id: string } | undefined;
  if (!row) return { missing: true };
  const found = shipments.all(row.id) as Row[];
  return {
    order: row,
    brand: brandOf.get(row.brand_id),
    lines: lines.all(row.id),
    shipments: found,
    events: found.flatMap((s) => events.all(s.id)),
    returns: returns.all(row.id),
    payment: payments.all(row.id)[0] ?? null,
  };
});
app.post<{ Params: { id: string } }>("/floor/quote/:id", async (request) => {
  const row = order.get(request.params.id) as { id: string; brand_id: string } | undefined;
  if (!row) return { missing: true };
  return {
    order: row,
    brand: brandOf.get(row.brand_id),
    lines: lines.all(row.id),
    payment: payments.all(row.id)[0] ?? null,
    versions: versions.all(row.brand_id),
    open: openUnits.all(row.id),
    body: request.body,
  };
});
app.post<{ Params: { brand: string } }>("/floor/evaluate/:brand", async (request) => {
  const b = brandBySlug.get(request.params.brand) as { id: string } | undefined;
  return { brand: b?.id, versions: b ? versions.all(b.id) : [], body: request.body };
});
app.get<{ Querystring: { staff?: string } }>("/floor/cases", async (request) => {
  const user = staffUser.get(request.query.staff ?? "");
  const list = cases.all() as { brand_id: string }[];
  const settings = new Map<string, unknown>();
  for (const c of list) if (!settings.has(c.brand_id)) settings.set(c.brand_id, settingsOf.get(c.brand_id));
  return { user, cases: list, settings: [...settings.values()] };
});
app.post<{ Params: { brand: string } }>("/floor/ask/:brand", async (request) => {
  const b = brandBySlug.get(request.params.brand) as { id: string } | undefined;
  return { documents: b ? documents.all(b.id) : [], body: request.body };
});
app.get("/ready", async () => ({ status: "ready" }));

await app.listen({ host: "127.0.0.1", port: Number(process.env.PORT ?? 0) });
const address = app.server.address();
process.stdout.write(`listening ${typeof address === "object" && address ? address.port : 0}\n`);
const stop = () => void app.close().then(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
