// Typed builders for policy tests: small orders and requests instead of big JSON blobs. Every
// scenario goes through parseScenario, so the builders can never drift from the contract's shape.
// biome-ignore lint/style/noRestrictedImports: test helper reads the bundled brand files from disk.
import { readFileSync } from "node:fs";
import type { Decision } from "../decision.ts";
import { type Order, type OrderLine, type PolicyRequest, parseScenario, type Scenario } from "../scenario.ts";
import { evaluate } from "./evaluate.ts";
import { parsePolicy } from "./load.ts";
import type { Policy } from "./schema.ts";

export type BrandSlug = "castella" | "kallesia";

export function brandPolicyPath(slug: BrandSlug): string {
  return new URL(`../../../brands/${slug}/policy.yaml`, import.meta.url).pathname;
}

/** The bundled policy file's YAML text. */
export function brandPolicyText(slug: BrandSlug): string {
  return readFileSync(brandPolicyPath(slug), "utf8");
}

export function loadBrandPolicy(slug: BrandSlug): Policy {
  return parsePolicy(brandPolicyText(slug), brandPolicyPath(slug));
}

export function line(id: string, overrides: Partial<OrderLine> = {}): OrderLine {
  return {
    id,
    sku: `SKU-${id}`,
    title: `Item ${id}`,
    category: "dresses",
    unitPrice: 10_000,
    quantity: 1,
    returnedQuantity: 0,
    finalSale: false,
    onSale: false,
    ...overrides,
  };
}

/** A delivered Castélla order: placed 1 March 2026, delivered 5 March (07:00 in New York). */
export function castellaOrder(overrides: Partial<Order> = {}): Order {
  return {
    number: "CA-1",
    placedAt: "2026-03-01T10:00:00Z",
    currency: "USD",
    shippingCountry: "US",
    payment: { method: "card", cleared: true },
    shippingCharged: 800,
    discountTotal: 0,
    status: "delivered",
    dispatchedAt: "2026-03-02T09:00:00Z",
    deliveredAt: "2026-03-05T12:00:00Z",
    lines: [line("1", { unitPrice: 12_000 })],
    ...overrides,
  };
}

/** A delivered Kallesia order: placed 1 March 2026, delivered 5 March (12:00 in London). */
export function kallesiaOrder(overrides: Partial<Order> = {}): Order {
  return {
    number: "KA-1",
    placedAt: "2026-03-01T10:00:00Z",
    currency: "GBP",
    shippingCountry: "GB",
    payment: { method: "card", cleared: true },
    shippingCharged: 495,
    discountTotal: 0,
    status: "delivered",
    dispatchedAt: "2026-03-02T09:00:00Z",
    deliveredAt: "2026-03-05T12:00:00Z",
    lines: [line("1", { unitPrice: 5_000 })],
    ...overrides,
  };
}

/** An order that has not left the warehouse yet. */
export function notDispatched(order: Order): Order {
  return { ...order, status: "placed", dispatchedAt: null, deliveredAt: null };
}

/** An order handed to the courier but not delivered. */
export function inTransit(order: Order): Order {
  return { ...order, status: "dispatched", deliveredAt: null };
}

export const GOOD_CONDITION = {
  tagsAttached: true,
  worn: false,
  washed: false,
  perfumeResidue: false,
  originalPackaging: true,
  hygieneStripIntact: null,
} as const;

type ReturnItem = Extract<PolicyRequest, { type: "return" }>["items"][number];

export function item(
  lineId: string,
  overrides: Omit<Partial<ReturnItem>, "condition"> & { condition?: Partial<ReturnItem["condition"]> } = {},
): ReturnItem {
  const { condition, ...rest } = overrides;
  return {
    lineId,
    quantity: 1,
    reason: "changed_mind",
    qcApprovedFault: false,
    ...rest,
    condition: { ...GOOD_CONDITION, ...condition },
  };
}

export const returnOf = (...items: ReturnItem[]): PolicyRequest => ({ type: "return", items });
export const exchangeOf = (...items: ReturnItem[]): PolicyRequest => ({ type: "exchange", items });

export function scenario(order: Order, request: PolicyRequest, now: string): Scenario {
  return parseScenario({ now, order, request });
}

/** Evaluates `request` on `order` at `now` under `policy`. */
export function decide(policy: Policy, order: Order, request: PolicyRequest, now: string): Decision {
  return evaluate(policy, scenario(order, request, now));
}

/** Every reason code in a decision, request-level and per item. */
export function reasonCodes(d: Decision): string[] {
  return [
    ...new Set([...d.reasons.map((r) => r.code), ...d.items.flatMap((i) => i.reasons.map((r) => r.code))]),
  ];
}

export const noticeCodes = (d: Decision): string[] => d.notices.map((n) => n.code);

export function itemOutcome(d: Decision, lineId: string): string | undefined {
  return d.items.find((i) => i.lineId === lineId)?.outcome;
}
