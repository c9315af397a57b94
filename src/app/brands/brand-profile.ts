// What the portal shows of a brand before anyone signs in: its name and look, where to write to, and
// the parts of its policy a shopper reads while filling in a form (the return conditions as a
// checklist, the countries that need customs details). Nothing here is private.
import type { Db } from "../../db/database.ts";
import { mergeAddresses } from "./brand-addresses.ts";
import { getBrandPolicy } from "./get-brand-policy.ts";
import { requireBrand } from "./require-brand.ts";

export interface BrandTheme {
  readonly logoText: string;
  /** Buttons, links and the header: a colour with enough contrast against white text. */
  readonly primary: string;
  readonly accent: string;
  readonly background: string;
  readonly text: string;
}

export interface BrandProfile {
  readonly slug: string;
  readonly name: string;
  readonly currency: string;
  readonly timeZone: string;
  readonly theme: BrandTheme;
  readonly supportEmail: string | null;
  readonly partnershipsEmail: string | null;
  /** Condition checks of the return policy: the field, the answer it expects, the categories, the clause. */
  readonly returnConditions: readonly {
    readonly field: string;
    readonly expect: boolean;
    readonly categories: readonly string[] | null;
    readonly clause: string;
    readonly clauseText: string | null;
  }[];
  readonly returnFee: { readonly amount: number; readonly clauseText: string | null } | null;
  readonly exchanges: boolean;
  /** What the brand asks of claims, in its own clause words (shown before a shopper submits one). */
  readonly claims: Readonly<
    Record<"missing" | "faulty" | "lostPackage" | "lostReturn", { readonly clauseText: string | null } | null>
  >;
  /** Destination countries that need customs details, and which. */
  readonly customs: Readonly<Record<string, { readonly phone: boolean; readonly taxId: string | null }>>;
}

const DEFAULT_THEME: BrandTheme = {
  logoText: "",
  primary: "#1f3a5f",
  accent: "#b5562b",
  background: "#f7f5f2",
  text: "#1d1d1f",
};

function parseTheme(text: string, name: string): BrandTheme {
  let raw: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === "object") raw = parsed as Record<string, unknown>;
  } catch {
    raw = {};
  }
  const colour = (key: keyof BrandTheme, fallback: string) => {
    const value = raw[key];
    return typeof value === "string" && /^#[0-9a-fA-F]{3,8}$/.test(value) ? value : fallback;
  };
  const logo = raw.logoText;
  return {
    logoText: typeof logo === "string" && logo.trim() ? logo.trim() : name,
    primary: colour("primary", DEFAULT_THEME.primary),
    accent: colour("accent", DEFAULT_THEME.accent),
    background: colour("background", DEFAULT_THEME.background),
    text: colour("text", DEFAULT_THEME.text),
  };
}

export async function themeOf(db: Db, slug: string): Promise<BrandTheme> {
  const brand = await requireBrand(db, slug);
  return parseTheme(brand.theme, brand.name);
}

export async function getBrandProfile(db: Db, slug: string): Promise<BrandProfile> {
  const brand = await requireBrand(db, slug);
  const { policy } = await getBrandPolicy(db, slug);
  const file = policy.file;
  const clause = (id: string | undefined) => policy.clause(id)?.quote ?? null;
  const returns = file.returns;
  const addresses = mergeAddresses(JSON.parse(brand.settings) as unknown, file.brand);
  return {
    slug: brand.slug,
    name: brand.name,
    currency: brand.currency,
    timeZone: brand.time_zone,
    theme: parseTheme(brand.theme, brand.name),
    supportEmail: addresses.supportEmail,
    partnershipsEmail: addresses.partnershipsEmail,
    returnConditions: (returns?.conditions ?? []).map((c) => ({
      field: c.field,
      expect: c.expect,
      categories: c.categories ? [...c.categories] : null,
      clause: c.clause,
      clauseText: clause(c.clause),
    })),
    returnFee: returns?.fee ? { amount: returns.fee.amount, clauseText: clause(returns.fee.clause) } : null,
    exchanges: file.exchanges?.offered ?? false,
    claims: {
      missing: file.missingItem ? { clauseText: clause(file.missingItem.clause) } : null,
      faulty: file.faultyItem ? { clauseText: clause(file.faultyItem.clause) } : null,
      lostPackage: file.lostPackage ? { clauseText: clause(file.lostPackage.clause) } : null,
      lostReturn: file.lostReturn ? { clauseText: clause(file.lostReturn.clause) } : null,
    },
    customs: Object.fromEntries(
      Object.entries(file.customs).map(([country, rule]) => [
        country,
        { phone: rule.phone, taxId: rule.taxId },
      ]),
    ),
  };
}
