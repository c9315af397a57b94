// Where a brand receives and sends mail: its support and partnerships addresses. An admin may set them in
// the brand's settings (the console's Settings → Brands); an address left unset there comes from the
// brand block of the policy in force. The SMTP receiver, outgoing mail and the portal all read them
// through here, so they never disagree about which address belongs to which brand.
import type { Db } from "../../db/database.ts";
import { getBrandPolicy } from "./get-brand-policy.ts";

export interface BrandAddresses {
  readonly supportEmail: string | null;
  readonly partnershipsEmail: string | null;
}

/** The addresses a brand's settings object sets itself (null where it leaves the policy's in force). */
export function settingsAddresses(settings: unknown): BrandAddresses {
  const s = (settings && typeof settings === "object" ? settings : {}) as Record<string, unknown>;
  const address = (value: unknown) => (typeof value === "string" && value.includes("@") ? value : null);
  return { supportEmail: address(s.supportEmail), partnershipsEmail: address(s.partnershipsEmail) };
}

/** The settings' addresses over the policy's. */
export function mergeAddresses(settings: unknown, policy: Partial<BrandAddresses>): BrandAddresses {
  const own = settingsAddresses(settings);
  return {
    supportEmail: own.supportEmail ?? policy.supportEmail ?? null,
    partnershipsEmail: own.partnershipsEmail ?? policy.partnershipsEmail ?? null,
  };
}

function parseSettings(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return {};
  }
}

/** The policy's addresses for a brand (none when it has no policy yet). */
export async function policyAddresses(db: Db, slug: string): Promise<BrandAddresses> {
  try {
    const { policy } = await getBrandPolicy(db, slug);
    return {
      supportEmail: policy.file.brand.supportEmail ?? null,
      partnershipsEmail: policy.file.brand.partnershipsEmail ?? null,
    };
  } catch {
    return { supportEmail: null, partnershipsEmail: null };
  }
}

/** The addresses in force for a brand row: its settings first, then its policy. */
export async function brandAddresses(
  db: Db,
  brand: { readonly slug: string; readonly settings: string },
): Promise<BrandAddresses> {
  return mergeAddresses(parseSettings(brand.settings), await policyAddresses(db, brand.slug));
}
