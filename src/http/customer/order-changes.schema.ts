import { z } from "zod";

export const ZCancelOrderBody = z.object({ reason: z.string().min(1).max(500).default("unspecified") });
export type TCancelOrderBody = z.infer<typeof ZCancelOrderBody>;

export const ZAmendOrderBody = z.object({
  shippingAddress: z
    .object({
      name: z.string().max(200).optional(),
      line1: z.string().min(1).max(200),
      line2: z.string().max(200).optional(),
      city: z.string().min(1).max(100),
      region: z.string().max(100).optional(),
      postcode: z.string().max(20).optional(),
      country: z.string().regex(/^[A-Za-z]{2}$/),
    })
    .optional(),
  phone: z.string().min(6).max(24).optional(),
  email: z.email().max(320).optional(),
});
export type TAmendOrderBody = z.infer<typeof ZAmendOrderBody>;
