// The policy file, as a store admin writes it (YAML), validated with zod. Every rule names the
// clause it rests on; clause ids resolve to short statements kept in the same file, so a decision
// can show the shopper which part of the policy applied.
import { z } from "zod";
import { REASON_CODES } from "../codes.ts";
import { TAX_ID_FORMATS, type TaxIdFormat } from "../customs.ts";

const ClauseRef = z.string().min(1).describe("id of an entry under `clauses`");
const Days = z.number().int().min(0).max(3650);
const Minor = z.number().int().min(0).describe("an amount in minor units (cents, pence)");
const ReasonCode = z.enum(REASON_CODES);
const Categories = z.array(z.string().min(1)).min(1);

/** Where a window counts from. */
export const WindowStart = z.enum(["delivery", "dispatch", "order"]);

const Window = z.strictObject({ days: Days, from: WindowStart.default("delivery"), clause: ClauseRef });

const LineFlag = z.enum(["finalSale", "onSale"]);

/** A kind of line that cannot be returned: by category or by a flag on the line. */
const Exclusion = z
  .strictObject({
    categories: Categories.optional(),
    flag: LineFlag.optional(),
    code: ReasonCode.optional(),
    /** A suspected fault on such a line goes to a person instead of being refused. */
    faultsGoToReview: z.boolean().default(false),
    clause: ClauseRef,
  })
  .refine((e) => (e.categories ? 1 : 0) + (e.flag ? 1 : 0) === 1, {
    message: "an exclusion names either `categories` or `flag`, not both",
  });

const ConditionField = z.enum([
  "tagsAttached",
  "worn",
  "washed",
  "perfumeResidue",
  "originalPackaging",
  "hygieneStripIntact",
]);

/** One item of a condition checklist: the shopper's declaration (and later the inspection) must match. */
const ConditionCheck = z.strictObject({
  field: ConditionField,
  expect: z.boolean(),
  /** Only for these categories; all categories when absent. */
  categories: Categories.optional(),
  code: ReasonCode.default("CONDITION_NOT_MET"),
  clause: ClauseRef,
});

const Fee = z.strictObject({
  amount: Minor,
  per: z.enum(["request"]).default("request"),
  /** No fee when every approved item is a fault that quality control approved. */
  waivedForApprovedFaults: z.boolean().default(false),
  clause: ClauseRef,
});

const RefundMethod = z.enum(["original_payment", "store_credit"]);

const Stage = z.strictObject({
  name: z.string().min(1),
  businessDays: Days,
  clause: ClauseRef,
});

const Returns = z.strictObject({
  window: Window.nullable().default(null),
  exclusions: z.array(Exclusion).default([]),
  conditions: z.array(ConditionCheck).default([]),
  fee: Fee.nullable().default(null),
  shipping: z
    .strictObject({ refunded: z.boolean(), clause: ClauseRef.optional() })
    .default({ refunded: false }),
  /** Reasons that mark an item as a suspected fault. */
  faultReasons: z.array(z.string().min(1)).default(["faulty", "defective", "damaged", "fault"]),
});

const Refunds = z.strictObject({
  method: RefundMethod.default("original_payment"),
  /** The shopper cannot ask for the money to go elsewhere. */
  originalMethodOnly: z.boolean().default(false),
  clause: ClauseRef.optional(),
  /** Steps after the return reaches the warehouse, in order; the promise is the end of the last. */
  timeline: z.array(Stage).default([]),
  eCheque: z
    .strictObject({ mustClear: z.boolean(), clearingBusinessDays: Days, clause: ClauseRef })
    .nullable()
    .default(null),
});

const Exchanges = z.strictObject({
  offered: z.boolean(),
  clause: ClauseRef.optional(),
});

const BeforeDispatch = z.enum(["approve", "review", "refuse"]);

const Cancellation = z.strictObject({
  beforeDispatch: BeforeDispatch,
  /** Where the money goes when a cancellation is approved. */
  resolution: z.enum(["store_credit", "refund_original_payment"]).default("refund_original_payment"),
  clause: ClauseRef,
  afterDispatchClause: ClauseRef.optional(),
});

const Amendment = z.strictObject({
  beforeDispatch: BeforeDispatch,
  clause: ClauseRef,
});

const Evidence = z.strictObject({
  itemsReceivedPhotos: z.number().int().min(0).default(0),
  /** Parcel photos required when the parcel arrived damaged or opened. */
  parcelPhotosIfDamaged: z.number().int().min(0).default(0),
  fullItemPhotos: z.number().int().min(0).default(0),
  faultPhotos: z.number().int().min(0).default(0),
  /** Photos of any kind, in total. */
  anyPhotos: z.number().int().min(0).default(0),
  description: z.boolean().default(false),
  missingLines: z.boolean().default(false),
});

const Claim = z.strictObject({
  window: Window.nullable().default(null),
  windowCode: ReasonCode.default("CLAIM_WINDOW_EXPIRED"),
  evidence: Evidence.default({
    itemsReceivedPhotos: 0,
    parcelPhotosIfDamaged: 0,
    fullItemPhotos: 0,
    faultPhotos: 0,
    anyPhotos: 0,
    description: false,
    missingLines: false,
  }),
  /** The code a complete claim is sent to a person with. */
  reviewCode: ReasonCode.default("REVIEW_REQUIRED"),
  clause: ClauseRef,
});

const LostPackage = z.strictObject({
  /** `carrier`: once tracking was given the shopper deals with the courier; `review`: a person looks. */
  handling: z.enum(["carrier", "review"]),
  clause: ClauseRef,
});

const LostReturn = z.strictObject({
  proofOfPostageRequired: z.boolean(),
  clause: ClauseRef,
});

const Discounts = z.strictObject({
  retroactive: z.boolean(),
  excludeSaleItemsDuringPromotion: z.boolean().default(false),
  clause: ClauseRef,
  saleItemsClause: ClauseRef.optional(),
});

const CustomsCountry = z.strictObject({
  phone: z.boolean().default(false),
  taxId: z
    .enum(Object.keys(TAX_ID_FORMATS) as [TaxIdFormat, ...TaxIdFormat[]])
    .nullable()
    .default(null),
  clause: ClauseRef,
});

const Brand = z.strictObject({
  name: z.string().min(1),
  currency: z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 code such as USD"),
  timeZone: z.string().min(1),
  holidays: z
    .strictObject({ country: z.string().regex(/^[A-Z]{2}$/), region: z.string().min(1).optional() })
    .nullable()
    .default(null),
  /** ISO country codes checkout accepts; `any` for every country. */
  shipsTo: z.union([z.literal("any"), z.array(z.string().regex(/^[A-Z]{2}$/)).min(1)]).default("any"),
  supportEmail: z.email().optional(),
  partnershipsEmail: z.email().optional(),
  shipsToClause: ClauseRef.optional(),
});

export const PolicyFileSchema = z.strictObject({
  version: z.literal(1).default(1),
  brand: Brand,
  clauses: z.record(z.string().min(1), z.string().min(1).max(400)).default({}),
  returns: Returns.nullable().default(null),
  refunds: Refunds.default({
    method: "original_payment",
    originalMethodOnly: false,
    timeline: [],
    eCheque: null,
  }),
  exchanges: Exchanges.nullable().default(null),
  cancellation: Cancellation.nullable().default(null),
  amendment: Amendment.nullable().default(null),
  missingItem: Claim.nullable().default(null),
  faultyItem: Claim.nullable().default(null),
  lostPackage: LostPackage.nullable().default(null),
  lostReturn: LostReturn.nullable().default(null),
  discounts: Discounts.nullable().default(null),
  customs: z.record(z.string().regex(/^[A-Z]{2}$/), CustomsCountry).default({}),
});

export type PolicyFile = z.infer<typeof PolicyFileSchema>;
export type ReturnsRules = NonNullable<PolicyFile["returns"]>;
export type ClaimRules = NonNullable<PolicyFile["missingItem"]>;
export type ConditionFieldName = z.infer<typeof ConditionField>;

/** A clause as a decision shows it. */
export interface Clause {
  readonly id: string;
  readonly quote: string;
}

/** A validated policy, ready for the evaluator: clause ids resolved once. */
export interface Policy {
  readonly file: PolicyFile;
  readonly clause: (id: string | undefined) => Clause | undefined;
}

export function makePolicy(file: PolicyFile): Policy {
  const clauses = new Map<string, Clause>(
    Object.entries(file.clauses).map(([id, quote]) => [id, { id, quote }]),
  );
  return { file, clause: (id) => (id === undefined ? undefined : clauses.get(id)) };
}

/** A policy with no rules: what a brand has before its admin writes one. */
export function emptyPolicyFile(name: string): PolicyFile {
  return PolicyFileSchema.parse({ brand: { name, currency: "USD", timeZone: "UTC" } });
}
