// An admin changes a brand's name, its mail addresses and the desk's service levels. The settings are read
// afresh whenever a case opens or a timer fires, so new cases get the new targets at once; cases already
// open keep the due dates they were given. Other keys of the settings object are kept as they are.
import type { Db } from "../../db/database.ts";
import { type BrandAddresses, brandAddresses, settingsAddresses } from "../brands/brand-addresses.ts";
import type { Actor } from "../kernel/actor.ts";
import { recordAudit } from "../kernel/audit.ts";
import { AppError } from "../kernel/errors.ts";
import { type BrandSettingsView, getBrandSettings, loadAdminBrand } from "./get-brand-settings.ts";
import { parseServiceLevels, ZServiceLevels } from "./service-settings.ts";

export interface UpdateBrandSettingsOptions {
  readonly actor: Actor;
  readonly brandSlug: string;
  readonly name: string;
  /** null: no address of the brand's own, the policy's applies. */
  readonly supportEmail: string | null;
  readonly partnershipsEmail: string | null;
  readonly serviceLevels: unknown;
  readonly now: Date;
  readonly requestId?: string | null | undefined;
}

/** Another brand already receiving mail at one of these addresses would make the receiver's choice a guess. */
async function assertAddressesFree(db: Db, brandId: string, wanted: BrandAddresses): Promise<void> {
  const mine = [wanted.supportEmail, wanted.partnershipsEmail].flatMap((a) => (a ? [a.toLowerCase()] : []));
  if (mine.length === 2 && mine[0] === mine[1]) {
    throw new AppError("VALIDATION", "The support and partnerships addresses must differ.", {
      field: "partnershipsEmail",
    });
  }
  const others = await db
    .selectFrom("brands")
    .select(["id", "slug", "settings"])
    .where("id", "!=", brandId)
    .execute();
  for (const other of others) {
    const theirs = await brandAddresses(db, other);
    for (const address of [theirs.supportEmail, theirs.partnershipsEmail]) {
      if (address && mine.includes(address.toLowerCase())) {
        throw new AppError("CONFLICT", `${address} already receives mail for the brand ${other.slug}.`, {
          address,
          brand: other.slug,
        });
      }
    }
  }
}

export async function updateBrandSettings(
  db: Db,
  options: UpdateBrandSettingsOptions,
): Promise<BrandSettingsView> {
  const name = options.name.trim();
  if (!name) throw new AppError("VALIDATION", "The brand's name must not be empty.", { field: "name" });
  const levels = ZServiceLevels.safeParse(options.serviceLevels);
  if (!levels.success) {
    throw new AppError("VALIDATION", "The service levels are not valid.", {
      problems: levels.error.issues.map((i) => ({
        path: ["serviceLevels", ...i.path.map(String)].join("."),
        message: i.message,
      })),
    });
  }
  const wanted: BrandAddresses = {
    supportEmail: options.supportEmail?.trim() || null,
    partnershipsEmail: options.partnershipsEmail?.trim() || null,
  };

  await db.transaction().execute(async (trx) => {
    const brand = await loadAdminBrand(trx, options.actor, options.brandSlug);
    await assertAddressesFree(trx, brand.id, wanted);
    const settings = JSON.parse(brand.settings) as Record<string, unknown>;
    const before = {
      name: brand.name,
      addresses: settingsAddresses(settings),
      serviceLevels: parseServiceLevels(settings),
    };
    const next: Record<string, unknown> = { ...settings, serviceLevels: levels.data };
    for (const key of ["supportEmail", "partnershipsEmail"] as const) {
      if (wanted[key]) next[key] = wanted[key];
      else delete next[key];
    }
    await trx
      .updateTable("brands")
      .set({ name, settings: JSON.stringify(next), updated_at: options.now.toISOString() })
      .where("id", "=", brand.id)
      .execute();
    await recordAudit(
      trx,
      options.actor,
      {
        brandId: brand.id,
        action: "brand.settings_updated",
        entityType: "brand",
        entityId: brand.id,
        before,
        after: { name, addresses: wanted, serviceLevels: levels.data },
        requestId: options.requestId ?? null,
      },
      options.now,
    );
  });
  return getBrandSettings(db, options.actor, options.brandSlug);
}
