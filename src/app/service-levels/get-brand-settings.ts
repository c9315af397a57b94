// What an admin reads in Settings → Brands: the brand's name, the addresses its mail is received at and
// sent from (with the policy's, which apply where the settings leave one unset), and the desk's service
// levels (opening hours, targets per request type) as the SLA timers of new cases will use them.
import { brandBySlug } from "../../db/brands.ts";
import type { Db } from "../../db/database.ts";
import { type BrandAddresses, policyAddresses, settingsAddresses } from "../brands/brand-addresses.ts";
import type { Actor } from "../kernel/actor.ts";
import { notFound } from "../kernel/errors.ts";
import { assertStaff } from "../kernel/staff-access.ts";
import { parseServiceLevels, REQUEST_TYPES, type ServiceLevels } from "./service-settings.ts";

export interface BrandSettingsView {
  readonly brand: string;
  readonly name: string;
  readonly timeZone: string;
  /** The addresses the brand's settings set (null: the policy's address applies). */
  readonly addresses: BrandAddresses;
  /** The addresses in the brand block of the policy in force. */
  readonly policyAddresses: BrandAddresses;
  readonly serviceLevels: ServiceLevels;
  /** The keys `serviceLevels.targets` accepts besides `default`. */
  readonly requestTypes: readonly string[];
  readonly updatedAt: string;
}

export async function loadAdminBrand(db: Db, actor: Actor, slug: string) {
  const brand = await brandBySlug(db, slug);
  if (!brand) throw notFound("brand", slug);
  assertStaff(actor, brand.id, ["admin"]);
  return brand;
}

export async function getBrandSettings(db: Db, actor: Actor, slug: string): Promise<BrandSettingsView> {
  const brand = await loadAdminBrand(db, actor, slug);
  const settings = JSON.parse(brand.settings) as unknown;
  return {
    brand: brand.slug,
    name: brand.name,
    timeZone: brand.time_zone,
    addresses: settingsAddresses(settings),
    policyAddresses: await policyAddresses(db, brand.slug),
    serviceLevels: parseServiceLevels(settings),
    requestTypes: REQUEST_TYPES,
    updatedAt: brand.updated_at,
  };
}
