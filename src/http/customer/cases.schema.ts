import { z } from "zod";

export const ZShopperCaseParams = z.object({ id: z.string().min(1).max(64) });
export type TShopperCaseParams = z.infer<typeof ZShopperCaseParams>;

export const ZShopperCreateCaseBody = z.object({
  subject: z.string().min(1).max(200),
  body: z.string().min(1).max(20_000),
});
export type TShopperCreateCaseBody = z.infer<typeof ZShopperCreateCaseBody>;

export const ZShopperMessageBody = z.object({ body: z.string().min(1).max(20_000) });
export type TShopperMessageBody = z.infer<typeof ZShopperMessageBody>;
