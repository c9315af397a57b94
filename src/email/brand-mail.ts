// What the mail side needs to know about a brand: its look in emails (name, colours from its theme,
// addresses from its settings or its policy) and the addresses mail is accepted for.
import { brandAddresses } from "../app/brands/brand-addresses.ts";
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
    .select(["id", "slug", "name", "theme", "settings"])
    .where("id", "=", brandId)
    .executeTakeFirstOrThrow();
  const theme = JSON.parse(brand.theme) as { primary?: unknown; accent?: unknown; background?: unknown };
  const addresses = await brandAddresses(db, brand);
  // No address set anywhere yet: mail still goes out, from a placeholder address.
  const supportEmail = addresses.supportEmail ?? `care@${brand.slug}.invalid`;
  const partnershipsEmail = addresses.partnershipsEmail;
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
  const brands = await db.selectFrom("brands").select(["id", "slug", "settings"]).execute();
  const map = new Map<string, MailboxAddress>();
  for (const b of brands) {
    // A brand with no address in its settings or its policy receives no mail.
    const { supportEmail, partnershipsEmail } = await brandAddresses(db, b);
    if (supportEmail) {
      const address = supportEmail.toLowerCase();
      map.set(address, { brandId: b.id, slug: b.slug, mailbox: "support", address });
    }
    if (partnershipsEmail) {
      const address = partnershipsEmail.toLowerCase();
      map.set(address, { brandId: b.id, slug: b.slug, mailbox: "partnerships", address });
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
