import { z } from "zod";
import { ZDiscountCode } from "../admin/discounts.schema.ts";
import { ZDecision } from "../public/policy.schema.ts";

export const ZCustomsCheckBody = z.object({
  brand: z.string().min(1).max(40),
  country: z.string().trim().length(2),
  phone: z.string().trim().max(40).nullable().optional(),
  taxId: z.string().trim().max(40).nullable().optional(),
});
export type TCustomsCheckBody = z.infer<typeof ZCustomsCheckBody>;

export const ZDiscountQuoteBody = z.object({
  brand: z.string().min(1).max(40),
  code: z.string().trim().min(1).max(64),
  /** The cart's currency; the brand's when omitted. */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  /** Whether the store is running a promotion now (sale items are then excluded where the policy says so). */
  promotionActive: z.boolean().default(false),
  lines: z
    .array(
      z.object({
        id: z.coerce.string().min(1).max(100),
        sku: z.string().max(100).optional(),
        title: z.string().max(300).optional(),
        category: z.string().max(100).optional(),
        unitPrice: z.number().int().min(0),
        quantity: z.number().int().min(1),
        onSale: z.boolean().optional(),
      }),
    )
    .min(1)
    .max(500),
});
export type TDiscountQuoteBody = z.infer<typeof ZDiscountQuoteBody>;

export const ZDiscountQuote = z.object({
  valid: z.boolean(),
  discount: z.number().int(),
  currency: z.string(),
  problem: z
    .object({
      problem: z.enum(["UNKNOWN_CODE", "INACTIVE", "NOT_YET_VALID", "EXPIRED", "USED_UP"]),
      message: z.string(),
    })
    .nullable(),
  code: ZDiscountCode.nullable(),
  decision: ZDecision.nullable(),
});
