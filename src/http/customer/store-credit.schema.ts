import { z } from "zod";

const ZMinor = z.number().int().describe("minor units");

export const ZShopperStoreCredit = z.object({
  currency: z.string().describe("the signed-in order's currency, which the balance is in"),
  balance: ZMinor,
  entries: z
    .array(
      z.object({
        id: z.string(),
        amount: ZMinor.describe("minor units; negative for credit spent"),
        currency: z.string(),
        reason: z.string(),
        source: z.string().nullable().describe("order (given by the care team) or refund (paid as credit)"),
        createdAt: z.string(),
      }),
    )
    .describe("oldest first"),
  otherBalances: z
    .array(z.object({ currency: z.string(), amount: ZMinor }))
    .describe("credit held in other currencies; usually empty"),
});
export type TShopperStoreCredit = z.infer<typeof ZShopperStoreCredit>;
