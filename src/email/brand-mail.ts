// What the mail side needs to know about a brand: its look in emails (name, colours from its theme,
// addresses from its policy) and the addresses mail is accepted for.
import { getBrandPolicy } from "../app/brands/get-brand-policy.ts";
import type { Db } from "../db/database.ts";
import type { BrandLook } from "./templates/layout.ts";

export type Mailbox = "support" | "partnerships";

export interface BrandMail {
  readonly brandId: string;
  readonly look: BrandLook;
}

export async function brandMail(db: Db, brandId: string, portalBaseUrl: string): Promise<BrandMail> {
  const brand = await db
    .selectFrom("brands")
    .select(["id", "slug", "name", "theme"])
    .where("id", "=", brandId)
    .executeTakeFirstOrThrow();
  const theme = JSON.parse(brand.theme) as { primary?: unknown; accent?: unknown; background?: unknown };
  let supportEmail = `care@${brand.slug}.invalid`;
  let partnershipsEmail: string | null = null;
  try {
    const { policy } = await getBrandPolicy(db, brand.slug);
    supportEmail = policy.file.brand.supportEmail ?? supportEmail;
    partnershipsEmail = policy.file.brand.partnershipsEmail ?? null;
  } catch {
    // No policy yet: mail still goes out, from a placeholder address.
  }
  return {
    brandId: brand.id,
    look: {
      slug: brand.slug,
      name: brand.name,
      primary: typeof theme.primary === "string" ? theme.primary : "#222222",
      accent: typeof theme.accent === "string" ? theme.accent : "#999999",
      background: typeof theme.background === "string" ? theme.background : "#f4f1ec",
      supportEmail,
      partnershipsEmail,
      portalBaseUrl,
    },
  };
}

export interface MailboxAddress {
  readonly brandId: string;
  readonly slug: string;
  readonly mailbox: Mailbox;
  readonly address: string;
}

/** Every address this install receives mail for, lower case. */
export async function receivingAddresses(db: Db): Promise<Map<string, MailboxAddress>> {
  const brands = await db.selectFrom("brands").select(["id", "slug"]).execute();
  const map = new Map<string, MailboxAddress>();
  for (const b of brands) {
    try {
      const { policy } = await getBrandPolicy(db, b.slug);
      const { supportEmail, partnershipsEmail } = policy.file.brand;
      if (supportEmail) {
        const address = supportEmail.toLowerCase();
        map.set(address, { brandId: b.id, slug: b.slug, mailbox: "support", address });
      }
      if (partnershipsEmail) {
        const address = partnershipsEmail.toLowerCase();
        map.set(address, { brandId: b.id, slug: b.slug, mailbox: "partnerships", address });
      }
    } catch {
      // A brand without a policy has no addresses.
    }
  }
  return map;
}

/** help+r-TOKEN@brand.example → the base address help@brand.example and the tag "r-TOKEN". */
export function splitAddress(address: string): { base: string; tag: string | null } {
  const lower = address.trim().toLowerCase();
  const at = lower.lastIndexOf("@");
  if (at <= 0) return { base: lower, tag: null };
  const local = lower.slice(0, at);
  const plus = local.indexOf("+");
  if (plus < 0) return { base: lower, tag: null };
  // The tag keeps its case: reply tokens are case-sensitive.
  const original = address.trim();
  return { base: `${local.slice(0, plus)}${lower.slice(at)}`, tag: original.slice(plus + 1, at) };
}

/** The Reply-To that threads a reply back to a case: help+r-TOKEN@brand.example. */
export function replyAddress(supportEmail: string, replyToken: string): string {
  const at = supportEmail.lastIndexOf("@");
  return `${supportEmail.slice(0, at)}+r-${replyToken}${supportEmail.slice(at)}`;
}
