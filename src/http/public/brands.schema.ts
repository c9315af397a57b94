import { z } from "zod";

export const ZBrandSlugParams = z.object({ brand: z.string().min(1).max(100) });
export type TBrandSlugParams = z.infer<typeof ZBrandSlugParams>;

export const ZBrandTheme = z.object({
  logoText: z.string(),
  primary: z.string(),
  accent: z.string(),
  background: z.string(),
  text: z.string(),
});

export const ZBrandListing = z.object({
  brands: z.array(z.object({ slug: z.string(), name: z.string(), theme: ZBrandTheme })),
});

export const ZBrandProfile = z.object({
  slug: z.string(),
  name: z.string(),
  currency: z.string(),
  timeZone: z.string(),
  theme: ZBrandTheme,
  supportEmail: z.string().nullable(),
  partnershipsEmail: z.string().nullable(),
  returnConditions: z.array(
    z.object({
      field: z.string(),
      expect: z.boolean(),
      categories: z.array(z.string()).nullable(),
      clause: z.string(),
      clauseText: z.string().nullable(),
    }),
  ),
  returnFee: z.object({ amount: z.number().int(), clauseText: z.string().nullable() }).nullable(),
  exchanges: z.boolean(),
  claims: z.object({
    missing: z.object({ clauseText: z.string().nullable() }).nullable(),
    faulty: z.object({ clauseText: z.string().nullable() }).nullable(),
    lostPackage: z.object({ clauseText: z.string().nullable() }).nullable(),
    lostReturn: z.object({ clauseText: z.string().nullable() }).nullable(),
  }),
  customs: z.record(z.string(), z.object({ phone: z.boolean(), taxId: z.string().nullable() })),
});

export const ZCustomsCheckBody = z.object({
  country: z.string().regex(/^[A-Za-z]{2}$/, "a two-letter country code"),
  phone: z.string().max(40).nullable().optional(),
  taxId: z.string().max(40).nullable().optional(),
});
export type TCustomsCheckBody = z.infer<typeof ZCustomsCheckBody>;
