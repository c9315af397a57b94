import { z } from "zod";

export const ZShopperRmaParams = z.object({ rma: z.string().min(4).max(40) });
export type TShopperRmaParams = z.infer<typeof ZShopperRmaParams>;

const ZLocalDate = z.string().describe("YYYY-MM-DD in the brand's time zone");

export const ZShopperReturnView = z.object({
  rma: z.string(),
  kind: z.string(),
  status: z.string(),
  currency: z.string(),
  quotedAmount: z.number().int(),
  refundAmount: z.number().int().nullable(),
  requestedAt: z.string(),
  lines: z.array(
    z.object({
      lineId: z.string(),
      title: z.string(),
      quantity: z.number().int(),
      outcome: z.string(),
      reasons: z.array(z.unknown()),
    }),
  ),
  review: z.object({ decision: z.string(), reason: z.string() }).nullable(),
  promises: z.object({
    deadline: ZLocalDate.nullable().describe("last day the return could be asked for"),
    arrivedAt: ZLocalDate.nullable().describe("when the warehouse logged the parcel; dates count from it"),
    stages: z.array(
      z.object({
        name: z.string(),
        businessDays: z.number().int(),
        clause: z.string(),
        expectedBy: ZLocalDate.nullable(),
      }),
    ),
    inspectionBy: ZLocalDate.nullable(),
    inspectedOn: ZLocalDate.nullable(),
    refundExpectedBy: ZLocalDate.nullable(),
  }),
  refunds: z.array(
    z.object({
      amount: z.number().int(),
      currency: z.string(),
      method: z.string(),
      status: z.string(),
      createdAt: z.string(),
      completedAt: z.string().nullable(),
    }),
  ),
});
export type TShopperReturnView = z.infer<typeof ZShopperReturnView>;
