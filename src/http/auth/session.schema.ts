import { z } from "zod";
import { STAFF_ROLES } from "../route.ts";

export const ZStaffLoginBody = z.object({
  email: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(1024),
});
export type TStaffLoginBody = z.infer<typeof ZStaffLoginBody>;

export const ZStaffUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(STAFF_ROLES),
  brand_id: z.string().nullable(),
  active: z.number(),
  created_at: z.string(),
  last_login_at: z.string().nullable(),
});

export const ZStaffSession = z.object({
  user: ZStaffUser,
  /** Echo in x-csrf-token on every unsafe request; also in the aftercare_csrf cookie. */
  csrfToken: z.string(),
  expiresAt: z.string(),
});

export const ZBrandParams = z.object({ brand: z.string().min(1).max(100) });
export type TBrandParams = z.infer<typeof ZBrandParams>;

export const ZShopperSessionBody = z.object({
  orderNumber: z.string().trim().min(1).max(100),
  email: z.string().trim().min(3).max(320),
});
export type TShopperSessionBody = z.infer<typeof ZShopperSessionBody>;

export const ZShopperLinkBody = z.object({ token: z.string().min(10).max(4096) });
export type TShopperLinkBody = z.infer<typeof ZShopperLinkBody>;

export const ZShopperSession = z.object({
  /** Send as `Authorization: Bearer <token>`; it reaches this one order only. */
  token: z.string(),
  expiresAt: z.string(),
  orderNumber: z.string(),
});

export const ZApiKeyIdentity = z.object({ id: z.string(), brandId: z.string().nullable() });
