// Upserts orders by brand + order number, the way stores push them (API, webhooks, file imports):
// an identical re-send writes nothing at all, a changed order is updated with an audit row of what
// changed, a new one is created with its customer, lines, payment and shipments and announced as
// `order.placed` (the order confirmation email with its "modify order" link is sent from that event).
//
// Imports push thousands of orders per call, so the work is done per batch: one transaction, a narrow
// read of the batch's orders whose fingerprints recognise unchanged re-sends, full reads (lines,
// payments, shipments, customers) only for the orders that did change, and multi-row inserts.
import type { CompiledQuery, Insertable } from "kysely";
import { type Db, newId } from "../../db/database.ts";
import type { Brand, OrderLine } from "../../db/schema.ts";
import type { OrderStatus } from "../../domain/scenario.ts";
import type { Actor } from "../kernel/actor.ts";
import { AppError, isAppError } from "../kernel/errors.ts";
import { assertBrandAccess, orderStatusMove, type TOrderInput } from "./order-input.ts";
import { planShipments } from "./record-shipment.ts";
import {
  changedFields,
  customersFor,
  type Existing,
  eventPayload,
  fingerprintOf,
  inputHash,
  iso,
  LINE_FIELDS,
  type LineFields,
  lineFieldsFrom,
  loadExisting,
  loadSeen,
  ORDER_FIELDS,
  type OrderFields,
  orderFieldsFrom,
  PAYMENT_FIELDS,
  paymentFieldsFrom,
  pick,
  plannedCustomers,
  type Seen,
  type Versions,
  versionInForce,
} from "./upsert-order-rows.ts";
import { Writes } from "./upsert-order-writes.ts";

export type OrderSource = "api" | "import" | "webhook" | "demo";

export interface UpsertOrderOptions {
  readonly input: TOrderInput;
  readonly actor: Actor;
  readonly now: Date;
  readonly source: OrderSource;
}

export interface UpsertOrderResult {
  readonly orderId: string;
  readonly brand: string;
  readonly number: string;
  readonly outcome: "created" | "updated" | "unchanged";
  readonly status: OrderStatus;
  /** The update named an earlier status than the one stored; the later one was kept. */
  readonly staleStatus: boolean;
}

export type UpsertOutcome =
  | { readonly ok: true; readonly result: UpsertOrderResult }
  | { readonly ok: false; readonly error: AppError };

export async function upsertOrder(db: Db, options: UpsertOrderOptions): Promise<UpsertOrderResult> {
  const [outcome] = await upsertOrders(db, { ...options, inputs: [options.input] });
  if (!outcome) throw new Error("upsertOrders returned no outcome");
  if (!outcome.ok) throw outcome.error;
  return outcome.result;
}

export interface UpsertOrdersOptions {
  readonly inputs: readonly TOrderInput[];
  readonly actor: Actor;
  readonly now: Date;
  readonly source: OrderSource;
  /** Work out every outcome, then roll the transaction back: nothing is stored. */
  readonly dryRun?: boolean;
}

class DryRunRollback extends Error {
  constructor(readonly outcomes: UpsertOutcome[]) {
    super("dry run");
  }
}

/** One outcome per input, in order; an order that cannot be stored does not stop the others. */
export async function upsertOrders(db: Db, options: UpsertOrdersOptions): Promise<UpsertOutcome[]> {
  // An order number twice in one batch must see its own first write, so it starts a new batch.
  const outcomes: UpsertOutcome[] = [];
  let batch: TOrderInput[] = [];
  let keys = new Set<string>();
  for (const input of options.inputs) {
    const key = `${input.brand}\u0000${input.number}`;
    if (keys.has(key)) {
      outcomes.push(...(await runBatch(db, batch, options)));
      batch = [];
      keys = new Set();
    }
    batch.push(input);
    keys.add(key);
  }
  if (batch.length) outcomes.push(...(await runBatch(db, batch, options)));
  return outcomes;
}

async function runBatch(
  db: Db,
  inputs: readonly TOrderInput[],
  options: UpsertOrdersOptions,
): Promise<UpsertOutcome[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        const outcomes = await writeBatch(trx, inputs, options);
        if (options.dryRun) throw new DryRunRollback(outcomes);
        return outcomes;
      });
    } catch (error) {
      if (error instanceof DryRunRollback) return error.outcomes;
      // Another writer created one of these orders (or customers) since we read: read again.
      if (isUniqueViolation(error) && attempt < 3) continue;
      // A database error in a batch: store the orders one by one, so only the bad one fails.
      if (inputs.length > 1) {
        const single: UpsertOutcome[] = [];
        for (const input of inputs) single.push(...(await runBatch(db, [input], options)));
        return single;
      }
      if (isAppError(error)) return [{ ok: false, error }];
      const message = error instanceof Error ? error.message : String(error);
      return [{ ok: false, error: new AppError("CONFLICT", `order could not be stored: ${message}`) }];
    }
  }
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

interface Pending {
  readonly index: number;
  readonly input: TOrderInput;
  /** inputHash of the input, stored with the row it writes. */
  readonly hash: string;
  readonly brand: Brand;
  readonly existing: Existing | undefined;
  readonly versions: Versions;
}

async function writeBatch(
  trx: Db,
  inputs: readonly TOrderInput[],
  options: UpsertOrdersOptions,
): Promise<UpsertOutcome[]> {
  const planned = await planBatch(trx, inputs, options, undefined);
  if (!planned) throw new Error("a batch planned to be written here always has a plan");
  await planned.writes.flush(trx);
  return planned.outcomes;
}

/** The outcomes of a batch of new orders, and the statements that store them. */
export interface PlannedCreates {
  readonly outcomes: UpsertOutcome[];
  readonly statements: CompiledQuery[];
  /** The customers these statements create: brand id + NUL + email → id. */
  readonly customers: ReadonlyMap<string, string>;
}

/**
 * For an import's write-behind: plans a batch with reads alone, outside any transaction, when every
 * order in it is new or an unchanged re-send; the returned statements store it. Undefined when the
 * batch needs upsertOrders instead (an order to update, or an order number twice). The caller runs the
 * statements in one transaction after every earlier batch sharing an order number or an email with
 * this one is stored, and runs the batch through upsertOrders if they fail.
 */
export async function planCreates(
  db: Db,
  options: Omit<UpsertOrdersOptions, "dryRun"> & {
    /** The customers of the batch before, if it is still being stored (PlannedCreates.customers). */
    readonly plannedCustomers?: ReadonlyMap<string, string>;
  },
): Promise<PlannedCreates | undefined> {
  const keys = new Set(options.inputs.map((i) => `${i.brand}\u0000${i.number}`));
  if (keys.size !== options.inputs.length) return undefined;
  const planned = await planBatch(db, options.inputs, options, options.plannedCustomers ?? new Map());
  if (!planned) return undefined;
  const customers = new Map(planned.writes.customers.map((c) => [`${c.brand_id}\u0000${c.email}`, c.id]));
  return { outcomes: planned.outcomes, statements: planned.writes.statements(db), customers };
}

/**
 * Works out a batch: the outcomes, and the rows to write. Given the customers of an earlier batch
 * still being stored (`createsOnly`), nothing is written (new customers become rows too) and a batch
 * holding an order to update gives undefined.
 */
async function planBatch(
  trx: Db,
  inputs: readonly TOrderInput[],
  { actor, now, source }: Omit<UpsertOrdersOptions, "inputs">,
  createsOnly: ReadonlyMap<string, string> | undefined,
): Promise<{ outcomes: UpsertOutcome[]; writes: Writes } | undefined> {
  const stamp = now.toISOString();
  const outcomes: (UpsertOutcome | undefined)[] = inputs.map(() => undefined);
  const fail = (index: number, error: unknown) => {
    if (!isAppError(error)) throw error;
    outcomes[index] = { ok: false, error };
  };

  const slugs = [...new Set(inputs.map((i) => i.brand))];
  const brands = new Map(
    (await trx.selectFrom("brands").selectAll().where("slug", "in", slugs).execute()).map((b) => [b.slug, b]),
  );
  const pending: Omit<Pending, "existing" | "versions" | "hash">[] = [];
  const byBrand = new Map<string, string[]>();
  for (const [index, input] of inputs.entries()) {
    const brand = brands.get(input.brand);
    if (!brand) {
      fail(index, new AppError("NOT_FOUND", `brand '${input.brand}' not found`));
      continue;
    }
    try {
      assertBrandAccess(actor, brand.id);
    } catch (error) {
      fail(index, error);
      continue;
    }
    const numbers = byBrand.get(brand.id);
    if (numbers) numbers.push(input.number);
    else byBrand.set(brand.id, [input.number]);
    pending.push({ index, input, brand });
  }
  const seen = new Map<string, Map<string, Seen>>();
  const versions = new Map<string, Versions>();
  for (const [brandId, numbers] of byBrand) {
    seen.set(brandId, await loadSeen(trx, brandId, numbers));
    versions.set(
      brandId,
      await trx
        .selectFrom("policy_versions")
        .select(["version", "effective_from"])
        .where("brand_id", "=", brandId)
        .execute(),
    );
  }

  // An order sent again exactly as its last upsert stored it, and untouched since, needs neither its
  // lines read nor anything written: a re-import of an unchanged file is one narrow read per batch.
  const toRead: string[] = [];
  const work: (Omit<Pending, "existing"> & { storedId: string | undefined })[] = [];
  for (const p of pending) {
    const row = seen.get(p.brand.id)?.get(p.input.number);
    const hash = inputHash(p.input);
    if (row) {
      const move = orderStatusMove(row.status, p.input.status);
      const settled = move.kind === "same" || move.kind === "stale";
      if (settled && row.fingerprint === fingerprintOf(hash, row.updated_at)) {
        outcomes[p.index] = {
          ok: true,
          result: {
            orderId: row.id,
            brand: p.brand.slug,
            number: p.input.number,
            outcome: "unchanged",
            status: row.status,
            staleStatus: move.kind === "stale",
          },
        };
        continue;
      }
      toRead.push(row.id);
    }
    // Properties written out rather than spread: on Node 20 adding a property to a spread copy takes
    // microseconds (a V8 slow path), which an import pays per order several times over.
    work.push({
      index: p.index,
      input: p.input,
      brand: p.brand,
      hash,
      versions: versions.get(p.brand.id) ?? [],
      storedId: row?.id,
    });
  }
  if (createsOnly && toRead.length) return undefined;
  const existing = await loadExisting(trx, toRead);
  const jobs: Pending[] = work.map((w) => ({
    index: w.index,
    input: w.input,
    hash: w.hash,
    brand: w.brand,
    versions: w.versions,
    existing: w.storedId === undefined ? undefined : existing.get(w.storedId),
  }));

  const writes = new Writes();
  let customerIds: Map<string, string>;
  if (createsOnly) {
    const planned = await plannedCustomers(trx, jobs, stamp, createsOnly);
    customerIds = planned.ids;
    writes.customers.push(...planned.inserts);
  } else customerIds = await customersFor(trx, jobs, stamp);
  for (const job of jobs) {
    try {
      outcomes[job.index] = {
        ok: true,
        result: job.existing
          ? await planUpdate(trx, { ...job, existing: job.existing }, customerIds, writes, actor, stamp, now)
          : planCreate(job, customerIds, writes, actor, stamp, source, now),
      };
    } catch (error) {
      fail(job.index, error);
    }
  }
  return {
    outcomes: outcomes.map(
      (o) => o ?? { ok: false, error: new AppError("CONFLICT", "order was not processed") },
    ),
    writes,
  };
}

function planCreate(
  { input, brand, versions, hash }: Pending,
  customerIds: Map<string, string>,
  writes: Writes,
  actor: Actor,
  stamp: string,
  source: OrderSource,
  now: Date,
): UpsertOrderResult {
  const orderId = newId();
  const fields: OrderFields = Object.assign(orderFieldsFrom(input, input.status, now), {
    customer_id: customerIds.get(`${brand.id}\u0000${input.email}`) ?? null,
    policy_version: versionInForce(versions, new Date(input.placedAt).toISOString()),
  });
  writes.orders.push({
    id: orderId,
    brand_id: brand.id,
    number: input.number,
    source,
    created_at: stamp,
    updated_at: stamp,
    ...fields,
    fingerprint: fingerprintOf(hash, stamp),
  });
  for (const [key, line] of lineFieldsFrom(input))
    writes.lines.push({ id: newId(), order_id: orderId, line_key: key, ...line });
  const payment = paymentFieldsFrom(input, fields.total);
  writes.payments.push({
    id: newId(),
    order_id: orderId,
    ...payment,
    cleared_at: payment.cleared ? stamp : null,
    created_at: stamp,
  });
  const shipments = planShipments(orderId, [], input.shipments, now);
  writes.shipments.push(...shipments.inserts);
  writes.audited(actor, stamp, {
    brandId: brand.id,
    action: "order.created",
    id: orderId,
    after: Object.assign({}, fields, { lines: input.lines, payment }),
  });
  // Created already dispatched or delivered (history, or a late first push): one confirmation event;
  // the status is in the payload so mail for a past order can be skipped by the mailer.
  writes.emit(
    stamp,
    brand.id,
    "order.placed",
    orderId,
    eventPayload(brand, orderId, fields, input.number, shipments),
  );
  return {
    orderId,
    brand: brand.slug,
    number: input.number,
    outcome: "created",
    status: fields.status,
    staleStatus: false,
  };
}

async function planUpdate(
  trx: Db,
  { input, brand, existing, versions, hash }: Pending & { existing: Existing },
  customerIds: Map<string, string>,
  writes: Writes,
  actor: Actor,
  stamp: string,
  now: Date,
): Promise<UpsertOrderResult> {
  const stored = existing.order;
  const move = orderStatusMove(stored.status, input.status);
  if (move.kind === "invalid")
    throw new AppError("CONFLICT", `order ${input.number}: ${move.reason}`, { status: stored.status });
  const status = move.kind === "forward" ? move.to : stored.status;
  const wanted = orderFieldsFrom(input, status, now);
  const placedChanged = wanted.placed_at !== stored.placed_at;
  const after: OrderFields = {
    ...wanted,
    // Dates the update does not carry stay as stored; a stale snapshot never clears them.
    dispatched_at: iso(input.dispatchedAt) ?? stored.dispatched_at ?? wanted.dispatched_at,
    delivered_at: iso(input.deliveredAt) ?? stored.delivered_at ?? wanted.delivered_at,
    cancelled_at: iso(input.cancelledAt) ?? stored.cancelled_at ?? wanted.cancelled_at,
    customer_id:
      wanted.email === stored.email
        ? stored.customer_id
        : (customerIds.get(`${brand.id}\u0000${wanted.email}`) ?? stored.customer_id),
    policy_version: placedChanged ? versionInForce(versions, wanted.placed_at) : stored.policy_version,
  };
  const before = pick(stored, ORDER_FIELDS);
  const orderChanged = changedFields(before, after, ORDER_FIELDS);

  // Lines by the store's line key. Returns recorded in Aftercare raise returned_quantity, so an
  // update never lowers it; a line that has return history is never deleted.
  const wantedLines = lineFieldsFrom(input);
  const storedLines = new Map(existing.lines.map((l) => [l.line_key, l]));
  const lineUpdates: { id: string; values: Partial<LineFields> }[] = [];
  const lineInserts: Insertable<OrderLine>[] = [];
  for (const [key, line] of wantedLines) {
    const old = storedLines.get(key);
    if (!old) {
      lineInserts.push({ id: newId(), order_id: stored.id, line_key: key, ...line });
      continue;
    }
    const next = { ...line, returned_quantity: Math.max(line.returned_quantity, old.returned_quantity) };
    const diff = changedFields(pick(old, LINE_FIELDS), next, LINE_FIELDS);
    if (diff.length) lineUpdates.push({ id: old.id, values: pick(next, diff) });
  }
  const removed = existing.lines.filter((l) => !wantedLines.has(l.line_key));
  if (removed.some((l) => l.returned_quantity > 0))
    throw new AppError("CONFLICT", `order ${input.number}: a line with returns cannot be removed`);

  const payment = paymentFieldsFrom(input, after.total);
  // Cleared is one-way: an e-cheque that cleared does not un-clear because an old snapshot says so.
  if (existing.payment?.cleared === 1) payment.cleared = 1;
  const paymentDiff = existing.payment
    ? changedFields(pick(existing.payment, PAYMENT_FIELDS), payment, PAYMENT_FIELDS)
    : [...PAYMENT_FIELDS];
  const shipments = planShipments(stored.id, existing.shipments, input.shipments, now);

  const changed =
    orderChanged.length ||
    lineUpdates.length ||
    lineInserts.length ||
    removed.length ||
    paymentDiff.length ||
    shipments.inserts.length ||
    shipments.updates.length;
  const result = {
    orderId: stored.id,
    brand: brand.slug,
    number: input.number,
    status,
    staleStatus: move.kind === "stale",
  };
  if (!changed) {
    // Unchanged but not recognised by its fingerprint (stored before fingerprints, or touched since):
    // record it, without moving updated_at, so the next identical send is skipped early.
    const fingerprint = fingerprintOf(hash, stored.updated_at);
    if (stored.fingerprint !== fingerprint) writes.fingerprints.push({ id: stored.id, fingerprint });
    return { ...result, outcome: "unchanged" };
  }

  await trx
    .updateTable("orders")
    .set({ ...pick(after, orderChanged), updated_at: stamp, fingerprint: fingerprintOf(hash, stamp) })
    .where("id", "=", stored.id)
    .execute();
  for (const u of lineUpdates)
    await trx.updateTable("order_lines").set(u.values).where("id", "=", u.id).execute();
  writes.lines.push(...lineInserts);
  if (removed.length)
    await trx
      .deleteFrom("order_lines")
      .where(
        "id",
        "in",
        removed.map((l) => l.id),
      )
      .execute();
  if (existing.payment && paymentDiff.length) {
    const clearedNow = payment.cleared === 1 && existing.payment.cleared === 0;
    await trx
      .updateTable("payments")
      .set({ ...pick(payment, paymentDiff), ...(clearedNow ? { cleared_at: stamp } : {}) })
      .where("id", "=", existing.payment.id)
      .execute();
  } else if (!existing.payment) {
    writes.payments.push({
      id: newId(),
      order_id: stored.id,
      ...payment,
      cleared_at: payment.cleared ? stamp : null,
      created_at: stamp,
    });
  }
  writes.shipments.push(...shipments.inserts);
  for (const u of shipments.updates)
    await trx
      .updateTable("shipments")
      .set({ ...u.values, updated_at: stamp })
      .where("id", "=", u.id)
      .execute();

  writes.audited(actor, stamp, {
    brandId: brand.id,
    action: "order.updated",
    id: stored.id,
    before: {
      ...pick(before, orderChanged),
      lines: [...lineUpdates.map((u) => existing.lines.find((l) => l.id === u.id)), ...removed],
      ...(paymentDiff.length && existing.payment ? { payment: pick(existing.payment, paymentDiff) } : {}),
    },
    after: {
      ...pick(after, orderChanged),
      lines: [...lineUpdates.map((u) => ({ id: u.id, ...u.values })), ...lineInserts],
      ...(paymentDiff.length ? { payment: pick(payment, paymentDiff) } : {}),
      ...(shipments.inserts.length || shipments.updates.length ? { shipments: shipments.all } : {}),
    },
  });
  if (move.kind === "forward")
    writes.emit(
      stamp,
      brand.id,
      `order.${status}`,
      stored.id,
      eventPayload(brand, stored.id, after, input.number, shipments),
    );
  return { ...result, outcome: "updated" };
}
