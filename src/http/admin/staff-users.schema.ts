import { z } from "zod";
import { STAFF_ROLES } from "../route.ts";

export const ZCreateStaffUserBody = z.object({
  email: z.string().trim().min(3).max(320),
  name: z.string().trim().max(200).optional(),
  role: z.enum(STAFF_ROLES),
  /** Limit the user to one brand; omitted, the user works for every brand. */
  brand: z.string().min(1).max(100).optional(),
  /** Omitted: a password is generated and returned once in the answer. */
  password: z.string().min(10).max(1024).optional(),
});
export type TCreateStaffUserBody = z.infer<typeof ZCreateStaffUserBody>;

export const ZStaffUserRow = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(STAFF_ROLES),
  brand_id: z.string().nullable(),
  active: z.number(),
  created_at: z.string(),
  last_login_at: z.string().nullable(),
});

export const ZStaffUserList = z.object({ users: z.array(ZStaffUserRow) });
export const ZCreatedStaffUser = z.object({
  user: ZStaffUserRow,
  /** Only when the password was generated; it is not shown again. */
  generatedPassword: z.string().nullable(),
});
