import { z } from "zod";

export const ZDiscountCodesQuery = z.object({ brand: z.string().min(1).max(40) });
export type TDiscountCodesQuery = z.infer<typeof ZDiscountCodesQuery>;

export const ZCreateDiscountCodeBody = z
  .object({
    brand: z.string().min(1).max(40),
    code: z.string().trim().min(3).max(32),
    percentOff: z.number().int().min(1).max(100).optional(),
    /** Minor units of the brand's currency. */
    amountOff: z.number().int().min(1).optional(),
    validFrom: z.iso.datetime({ offset: true }).optional(),
    validUntil: z.iso.datetime({ offset: true }).optional(),
    excludeSaleItems: z.boolean().optional(),
    active: z.boolean().optional(),
    maxUses: z.number().int().min(1).optional(),
  })
  .refine((b) => (b.percentOff === undefined) !== (b.amountOff === undefined), {
    message: "give either percentOff or amountOff",
    path: ["percentOff"],
  });
export type TCreateDiscountCodeBody = z.infer<typeof ZCreateDiscountCodeBody>;

export const ZDiscountCode = z.object({
  id: z.string(),
  code: z.string(),
  kind: z.enum(["percent", "amount"]),
  percentOff: z.number().nullable(),
  amountOff: z.number().nullable(),
  currency: z.string().nullable(),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  excludeSaleItems: z.boolean(),
  active: z.boolean(),
  maxUses: z.number().nullable(),
  timesUsed: z.number(),
  createdAt: z.string(),
});

export const ZDiscountCodeList = z.object({ discountCodes: z.array(ZDiscountCode) });
