// API keys for the store's own systems (order upserts, shipment updates, checkout checks). The secret is
// shown once when the key is made; only its SHA-256 is kept, with a short prefix to find the row and to
// let an admin recognise the key in a list. A revoked key stops working at once.
import { createHash, randomBytes } from "node:crypto";
import type { Selectable } from "kysely";
import { type Db, newId } from "../../db/database.ts";
import type { ApiKeysTable } from "../../db/schema.ts";
import { requireBrand } from "../brands/require-brand.ts";
import type { Actor } from "../kernel/actor.ts";
import { recordAudit } from "../kernel/audit.ts";
import { AppError, notFound } from "../kernel/errors.ts";
import { sameSecret } from "./session-tokens.ts";

type ApiKey = Selectable<ApiKeysTable>;

export type PublicApiKey = Omit<ApiKey, "key_hash" | "scopes"> & { readonly scopes: string[] };

export interface CreateApiKeyOptions {
  readonly name: string;
  /** Limits the key to one brand; omitted, it acts for every brand (install-wide admins only). */
  readonly brandSlug?: string | null;
  readonly scopes?: readonly string[];
}

const hashOf = (key: string) => createHash("sha256").update(key).digest("hex");

function requireAdmin(actor: Actor): void {
  if (actor.type === "system" || (actor.type === "staff" && actor.role === "admin")) return;
  throw new AppError("FORBIDDEN", "Only an admin can manage API keys.");
}

function toPublic(row: ApiKey): PublicApiKey {
  const { key_hash: _hash, scopes, ...rest } = row;
  return { ...rest, scopes: JSON.parse(scopes) as string[] };
}

export async function createApiKey(
  db: Db,
  options: CreateApiKeyOptions,
  actor: Actor,
  now: Date,
): Promise<{ apiKey: PublicApiKey; secret: string }> {
  requireAdmin(actor);
  const name = options.name.trim();
  if (!name) throw new AppError("VALIDATION", "an API key needs a name");
  const brand = options.brandSlug ? await requireBrand(db, options.brandSlug) : null;
  if (actor.type === "staff" && actor.brandId !== null && brand?.id !== actor.brandId) {
    throw new AppError("FORBIDDEN", "You can only make keys for your own brand.");
  }
  const prefix = `ak_${randomBytes(6).toString("hex")}`;
  const secret = `${prefix}_${randomBytes(24).toString("base64url")}`;
  const row: ApiKey = {
    id: newId(),
    brand_id: brand?.id ?? null,
    name,
    key_prefix: prefix,
    key_hash: hashOf(secret),
    scopes: JSON.stringify(options.scopes ?? []),
    created_at: now.toISOString(),
    last_used_at: null,
    revoked_at: null,
  };
  const apiKey = toPublic(row);
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("api_keys").values(row).execute();
    await recordAudit(
      trx,
      actor,
      {
        brandId: row.brand_id,
        action: "api_key.created",
        entityType: "api_key",
        entityId: row.id,
        after: apiKey,
      },
      now,
    );
  });
  return { apiKey, secret };
}

/** The actor a presented key stands for, or null when it is unknown, wrong or revoked. */
export async function verifyApiKey(
  db: Db,
  secret: string,
  now: Date,
): Promise<{ type: "api_key"; id: string; brandId: string | null } | null> {
  const match = /^(ak_[0-9a-f]{12})_[\w-]+$/.exec(secret);
  if (!match?.[1]) return null;
  const row = await db
    .selectFrom("api_keys")
    .selectAll()
    .where("key_prefix", "=", match[1])
    .executeTakeFirst();
  if (!row || row.revoked_at !== null || !sameSecret(row.key_hash, hashOf(secret))) return null;
  // Recording every use would turn each API read into a write; once a minute is enough to tell live
  // keys from forgotten ones.
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > 60_000) {
    await db
      .updateTable("api_keys")
      .set({ last_used_at: now.toISOString() })
      .where("id", "=", row.id)
      .execute();
  }
  return { type: "api_key", id: row.id, brandId: row.brand_id };
}

export async function listApiKeys(db: Db, actor: Actor): Promise<PublicApiKey[]> {
  requireAdmin(actor);
  let query = db.selectFrom("api_keys").selectAll().orderBy("created_at", "desc");
  if (actor.type === "staff" && actor.brandId !== null) query = query.where("brand_id", "=", actor.brandId);
  return (await query.execute()).map(toPublic);
}

export async function revokeApiKey(
  db: Db,
  options: { id: string },
  actor: Actor,
  now: Date,
): Promise<PublicApiKey> {
  requireAdmin(actor);
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("api_keys").selectAll().where("id", "=", options.id).executeTakeFirst();
    // Another brand's key is reported as missing, not forbidden, so ids of other brands leak nothing.
    if (!row || (actor.type === "staff" && actor.brandId !== null && row.brand_id !== actor.brandId)) {
      throw notFound("API key", options.id);
    }
    if (row.revoked_at !== null) return toPublic(row);
    const revoked = { ...row, revoked_at: now.toISOString() };
    await trx
      .updateTable("api_keys")
      .set({ revoked_at: revoked.revoked_at })
      .where("id", "=", row.id)
      .execute();
    await recordAudit(
      trx,
      actor,
      {
        brandId: row.brand_id,
        action: "api_key.revoked",
        entityType: "api_key",
        entityId: row.id,
        before: toPublic(row),
        after: toPublic(revoked),
      },
      now,
    );
    return toPublic(revoked);
  });
}
