// A scenario: an order as the store knows it, a shopper's (or store's) request about it, and the
// moment of the request. Evaluation is a pure function of a scenario and a policy.
import { z } from "zod";

const Instant = z.iso.datetime({
  offset: true,
  message: "expected an ISO 8601 date-time such as 2026-03-01T10:00:00Z",
});
const Minor = z.number().int("expected an integer amount in minor units").min(0);

export const PAYMENT_METHODS = ["card", "paypal", "e_cheque", "gift_card", "store_credit", "other"] as const;
export const ORDER_STATUSES = ["placed", "dispatched", "delivered", "cancelled"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ZOrderLine = z.object({
  id: z.coerce.string().min(1),
  sku: z.string().default(""),
  title: z.string().default(""),
  category: z.string().default(""),
  unitPrice: Minor,
  quantity: z.number().int().min(1),
  returnedQuantity: z.number().int().min(0).default(0),
  finalSale: z.boolean().default(false),
  onSale: z.boolean().default(false),
});

export const ZOrder = z.object({
  number: z.coerce.string().min(1),
  placedAt: Instant,
  currency: z.string().regex(/^[A-Z]{3}$/, "expected an ISO 4217 currency code"),
  shippingCountry: z
    .string()
    .regex(/^[A-Z]{2}$/, "expected an ISO 3166 country code")
    .optional(),
  payment: z.object({ method: z.enum(PAYMENT_METHODS), cleared: z.boolean().default(true) }),
  shippingCharged: Minor.default(0),
  discountTotal: Minor.default(0),
  status: z.enum(ORDER_STATUSES),
  dispatchedAt: Instant.nullable().default(null),
  deliveredAt: Instant.nullable().default(null),
  lines: z.array(ZOrderLine).min(1),
});

const Condition = z
  .object({
    tagsAttached: z.boolean().nullable(),
    worn: z.boolean().nullable(),
    washed: z.boolean().nullable(),
    perfumeResidue: z.boolean().nullable(),
    originalPackaging: z.boolean().nullable(),
    hygieneStripIntact: z.boolean().nullable(),
  })
  .partial();

const ReturnItem = z.object({
  lineId: z.coerce.string().min(1),
  quantity: z.number().int().min(1),
  reason: z.string().default("unspecified"),
  condition: Condition.default({}),
  wantedSku: z.string().optional(),
  /** Set by the warehouse when quality control has approved the item as faulty. */
  qcApprovedFault: z.boolean().default(false),
});

const Photos = z.number().int().min(0).default(0);

export const ZRequest = z.discriminatedUnion("type", [
  z.object({ type: z.literal("return"), items: z.array(ReturnItem).min(1) }),
  z.object({ type: z.literal("exchange"), items: z.array(ReturnItem).min(1) }),
  z.object({ type: z.literal("cancel"), reason: z.string().default("unspecified") }),
  z.object({
    type: z.literal("amend"),
    changes: z
      .object({
        shippingAddress: z.unknown().optional(),
        phone: z.string().min(1).optional(),
        email: z.string().min(1).optional(),
      })
      .refine((c) => c.shippingAddress !== undefined || c.phone !== undefined || c.email !== undefined, {
        message: "name at least one of shippingAddress, phone, email",
      }),
  }),
  z.object({
    type: z.literal("missing_item"),
    missingLineIds: z.array(z.coerce.string()).default([]),
    evidence: z
      .object({
        itemsReceivedPhotos: Photos,
        parcelPhotos: Photos,
        parcelDamaged: z.boolean().default(false),
      })
      .default({ itemsReceivedPhotos: 0, parcelPhotos: 0, parcelDamaged: false }),
  }),
  z.object({
    type: z.literal("faulty_item"),
    lineId: z.coerce.string().min(1),
    description: z.string().default(""),
    evidence: z
      .object({ fullItemPhotos: Photos, faultPhotos: Photos })
      .default({ fullItemPhotos: 0, faultPhotos: 0 }),
  }),
  z.object({ type: z.literal("lost_package") }),
  z.object({ type: z.literal("lost_return"), proofOfPostage: z.boolean() }),
  z.object({ type: z.literal("apply_discount"), code: z.string().min(1) }),
  z.object({
    type: z.literal("discount_quote"),
    code: z
      .object({
        code: z.string().min(1),
        percentOff: z.number().gt(0).max(100).optional(),
        amountOff: Minor.optional(),
      })
      .refine((c) => (c.percentOff === undefined) !== (c.amountOff === undefined), {
        message: "give either percentOff or amountOff",
      }),
    promotionActive: z.boolean().default(false),
  }),
  z.object({
    type: z.literal("customs_check"),
    country: z
      .string()
      .regex(/^[A-Za-z]{2}$/, "expected an ISO 3166 country code")
      .transform((c) => c.toUpperCase()),
    phone: z.string().nullable().optional(),
    taxId: z.string().nullable().optional(),
  }),
  z.object({ type: z.literal("refund_timeline"), returnDeliveredAt: Instant }),
]);

export const ZScenario = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  brand: z.string().min(1).optional(),
  now: Instant,
  order: ZOrder,
  request: ZRequest,
});

export type Scenario = z.infer<typeof ZScenario>;
export type Order = Scenario["order"];
export type OrderLine = Order["lines"][number];
export type PolicyRequest = Scenario["request"];
export type RequestType = PolicyRequest["type"];
export type RequestOf<T extends RequestType> = Extract<PolicyRequest, { type: T }>;
export type ReturnItemInput = RequestOf<"return">["items"][number];

export class InvalidScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidScenarioError";
  }
}

/** Validates a scenario; the error message names the first bad field, e.g. `order.lines[0].unitPrice`. */
export function parseScenario(data: unknown): Scenario {
  const result = ZScenario.safeParse(data);
  if (result.success) return result.data;
  const messages = result.error.issues.slice(0, 3).map((issue) => {
    const path = issue.path
      .filter((k) => typeof k !== "symbol")
      .map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`))
      .join("");
    return `${path || "(scenario)"}: ${issue.message}`;
  });
  throw new InvalidScenarioError(messages.join("; "));
}
