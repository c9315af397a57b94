// The console's reports: what the care team handled over a date range, for one brand or all of them
// the staff member works for. Rows are read with plain filters and counted here, so the same code runs
// on SQLite and PostgreSQL; a range is bounded (at most a year) to keep that cheap.
import type { Db } from "../../db/database.ts";
import type { Actor } from "../kernel/actor.ts";
import { AppError, notFound } from "../kernel/errors.ts";

export interface ReportOptions {
  readonly actor: Actor;
  readonly brandSlug?: string | undefined;
  /** Inclusive ISO dates (YYYY-MM-DD), UTC. */
  readonly from: string;
  readonly to: string;
  readonly now: Date;
}

export interface Count {
  readonly key: string;
  readonly count: number;
}

export interface DeskReport {
  readonly brand: string | null;
  readonly from: string;
  readonly to: string;
  /** Requests by type: returns, exchanges, each kind of claim, cancellations, changes, cases. */
  readonly volumes: readonly Count[];
  /** Cases by the channel they came in on. */
  readonly channels: readonly Count[];
  readonly returnReasons: readonly Count[];
  /** Per product: units sold in the range's orders, units asked back, and the rate (0..1). */
  readonly returnRates: readonly {
    sku: string;
    title: string;
    sold: number;
    returned: number;
    /** Returned over sold in the range; null when none was sold in it. */
    rate: number | null;
  }[];
  /** Money out, in minor units per currency: refunds by method and kind, and store credit issued. */
  readonly money: readonly { currency: string; key: string; amount: number; count: number }[];
  readonly sla: { readonly kept: number; readonly breached: number; readonly open: number };
  /** Hours, over the cases that have one. */
  readonly times: {
    readonly firstResponseHours: number | null;
    readonly resolutionHours: number | null;
    readonly firstResponses: number;
    readonly resolutions: number;
  };
  /** Satisfaction scores given (1–5) and how many of each. */
  readonly satisfaction: readonly Count[];
  readonly assistant: { readonly conversations: number; readonly handoffs: number };
}

const DAY = 86_400_000;

function range(from: string, to: string): { start: string; end: string } {
  const start = new Date(`${from}T00:00:00.000Z`);
  const end = new Date(new Date(`${to}T00:00:00.000Z`).getTime() + DAY);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end <= start) {
    throw new AppError("VALIDATION", "from and to must be dates, from on or before to", { field: "from" });
  }
  if (end.getTime() - start.getTime() > 366 * DAY) {
    throw new AppError("VALIDATION", "a report covers at most one year", { field: "to" });
  }
  return { start: start.toISOString(), end: end.toISOString() };
}

function tally(keys: readonly string[]): Count[] {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
}

function meanHours(pairs: readonly (readonly [string, string | null])[]): {
  hours: number | null;
  n: number;
} {
  const spans = pairs
    .filter((p): p is readonly [string, string] => p[1] !== null)
    .map(([a, b]) => (new Date(b).getTime() - new Date(a).getTime()) / 3_600_000)
    .filter((h) => Number.isFinite(h) && h >= 0);
  if (spans.length === 0) return { hours: null, n: 0 };
  return { hours: Math.round((spans.reduce((s, h) => s + h, 0) / spans.length) * 10) / 10, n: spans.length };
}

export async function deskReport(db: Db, options: ReportOptions): Promise<DeskReport> {
  const { actor } = options;
  if (actor.type !== "staff" && actor.type !== "system")
    throw new AppError("FORBIDDEN", "Only staff see reports.");
  const { start, end } = range(options.from, options.to);
  let brandId: string | null = actor.type === "staff" ? actor.brandId : null;
  if (options.brandSlug) {
    const brand = await db
      .selectFrom("brands")
      .select("id")
      .where("slug", "=", options.brandSlug)
      .executeTakeFirst();
    if (!brand || (brandId !== null && brand.id !== brandId)) throw notFound("brand", options.brandSlug);
    brandId = brand.id;
  }
  const inBrand = <T extends { brand_id: string }>(rows: T[]) =>
    brandId === null ? rows : rows.filter((r) => r.brand_id === brandId);

  const returns = inBrand(
    await db
      .selectFrom("returns")
      .select(["id", "brand_id", "kind"])
      .where("created_at", ">=", start)
      .where("created_at", "<", end)
      .execute(),
  );
  const claims = inBrand(
    await db
      .selectFrom("claims")
      .select(["brand_id", "kind"])
      .where("created_at", ">=", start)
      .where("created_at", "<", end)
      .execute(),
  );
  const cancellations = inBrand(
    await db
      .selectFrom("cancellations")
      .innerJoin("orders", "orders.id", "cancellations.order_id")
      .select("orders.brand_id")
      .where("cancellations.created_at", ">=", start)
      .where("cancellations.created_at", "<", end)
      .execute(),
  );
  const amendments = inBrand(
    await db
      .selectFrom("amendments")
      .innerJoin("orders", "orders.id", "amendments.order_id")
      .select("orders.brand_id")
      .where("amendments.created_at", ">=", start)
      .where("amendments.created_at", "<", end)
      .execute(),
  );
  const cases = inBrand(
    await db
      .selectFrom("support_cases")
      .select([
        "brand_id",
        "channel",
        "status",
        "sla_due_at",
        "first_response_at",
        "resolved_at",
        "csat_score",
        "created_at",
      ])
      .where("created_at", ">=", start)
      .where("created_at", "<", end)
      .execute(),
  );

  const volumes = tally([
    ...returns.map((r) => r.kind),
    ...claims.map((c) => `claim: ${c.kind}`),
    ...cancellations.map(() => "cancellation"),
    ...amendments.map(() => "change of details"),
    ...cases.map(() => "case"),
  ]);

  const returnIds = new Set(returns.map((r) => r.id));
  const returnLines =
    returnIds.size === 0
      ? []
      : (
          await db
            .selectFrom("return_lines")
            .innerJoin("order_lines", "order_lines.id", "return_lines.order_line_id")
            .select([
              "return_lines.return_id",
              "return_lines.reason",
              "return_lines.quantity",
              "order_lines.sku",
              "order_lines.title",
            ])
            .execute()
        ).filter((l) => returnIds.has(l.return_id));

  const soldRows = (
    await db
      .selectFrom("order_lines")
      .innerJoin("orders", "orders.id", "order_lines.order_id")
      .select(["orders.brand_id", "order_lines.sku", "order_lines.title", "order_lines.quantity"])
      .where("orders.placed_at", ">=", start)
      .where("orders.placed_at", "<", end)
      .execute()
  ).filter((r) => brandId === null || r.brand_id === brandId);
  const products = new Map<string, { title: string; sold: number; returned: number }>();
  for (const r of soldRows) {
    const p = products.get(r.sku) ?? { title: r.title, sold: 0, returned: 0 };
    p.sold += r.quantity;
    products.set(r.sku, p);
  }
  for (const l of returnLines) {
    const p = products.get(l.sku) ?? { title: l.title, sold: 0, returned: 0 };
    p.returned += l.quantity;
    products.set(l.sku, p);
  }
  const returnRates = [...products]
    .filter(([, p]) => p.returned > 0)
    .map(([sku, p]) => ({
      sku,
      title: p.title,
      sold: p.sold,
      returned: p.returned,
      rate: p.sold ? Math.round((p.returned / p.sold) * 1000) / 1000 : null,
    }))
    .sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1) || (a.sku < b.sku ? -1 : 1));

  const refunds = inBrand(
    await db
      .selectFrom("refunds")
      .select(["brand_id", "kind", "method", "amount", "currency"])
      .where("created_at", ">=", start)
      .where("created_at", "<", end)
      .execute(),
  );
  const credit = inBrand(
    await db
      .selectFrom("store_credit_ledger")
      .select(["brand_id", "amount", "currency"])
      .where("amount", ">", 0)
      .where("created_at", ">=", start)
      .where("created_at", "<", end)
      .execute(),
  );
  const sums = new Map<string, { currency: string; key: string; amount: number; count: number }>();
  const add = (currency: string, key: string, amount: number) => {
    const id = `${currency}|${key}`;
    const s = sums.get(id) ?? { currency, key, amount: 0, count: 0 };
    s.amount += amount;
    s.count += 1;
    sums.set(id, s);
  };
  for (const r of refunds)
    add(
      r.currency,
      `${r.kind === "goodwill" ? "goodwill" : "refund"} to ${r.method === "store_credit" ? "store credit" : "original payment"}`,
      r.amount,
    );
  for (const c of credit) add(c.currency, "store credit issued", c.amount);

  const nowIso = options.now.toISOString();
  let kept = 0;
  let breached = 0;
  let open = 0;
  for (const c of cases) {
    if (!c.sla_due_at) continue;
    if (c.first_response_at) {
      if (c.first_response_at <= c.sla_due_at) kept++;
      else breached++;
    } else if (nowIso > c.sla_due_at) breached++;
    else open++;
  }
  const first = meanHours(cases.map((c) => [c.created_at, c.first_response_at] as const));
  const resolution = meanHours(cases.map((c) => [c.created_at, c.resolved_at] as const));

  const conversations = inBrand(
    await db
      .selectFrom("assistant_conversations")
      .select(["brand_id", "handoff_at"])
      .where("created_at", ">=", start)
      .where("created_at", "<", end)
      .execute(),
  );

  return {
    brand: options.brandSlug ?? null,
    from: options.from,
    to: options.to,
    volumes,
    channels: tally(cases.map((c) => c.channel)),
    returnReasons: tally(returnLines.map((l) => l.reason)),
    returnRates,
    money: [...sums.values()].sort((a, b) => (a.currency + a.key < b.currency + b.key ? -1 : 1)),
    sla: { kept, breached, open },
    times: {
      firstResponseHours: first.hours,
      resolutionHours: resolution.hours,
      firstResponses: first.n,
      resolutions: resolution.n,
    },
    satisfaction: tally(cases.filter((c) => c.csat_score !== null).map((c) => String(c.csat_score))).sort(
      (a, b) => (a.key < b.key ? -1 : 1),
    ),
    assistant: {
      conversations: conversations.length,
      handoffs: conversations.filter((c) => c.handoff_at !== null).length,
    },
  };
}
