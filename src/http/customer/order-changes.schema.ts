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
      /** The same name orders use on import (JSON Lines, CSV, store webhooks). */
      postalCode: z.string().max(20).optional(),
      /** Accepted from older clients and stored as `postalCode`. */
      postcode: z.string().max(20).optional(),
      country: z.string().regex(/^[A-Za-z]{2}$/),
      /** Customs id some destinations need (Mexico's RFC, Turkey's national id), kept with the address. */
      taxId: z.string().max(40).optional(),
    })
    .transform(({ postcode, ...address }) => {
      const postalCode = address.postalCode ?? postcode;
      return postalCode === undefined ? address : { ...address, postalCode };
    })
    .optional(),
  phone: z.string().min(6).max(24).optional(),
  email: z.email().max(320).optional(),
});
export type TAmendOrderBody = z.infer<typeof ZAmendOrderBody>;

export const ZPreviewChangeQuery = z.object({ change: z.enum(["cancel", "amend"]) });
export type TPreviewChangeQuery = z.infer<typeof ZPreviewChangeQuery>;
