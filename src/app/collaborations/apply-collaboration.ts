// A creator applies to collaborate with a brand from the public form: platform, handle and a note.
// Handles are stored the way the platform shows them (no leading @, no profile URL, lower case), so
// "@Ana.Styles" and "https://www.instagram.com/ana.styles/" are the same application, and sending
// the form twice leaves one application in the queue.

import type { Db } from "../../db/database.ts";
import { newId } from "../../db/database.ts";
import { requireBrand } from "../brands/require-brand.ts";
import type { Actor } from "../kernel/actor.ts";
import { emitEvent, recordAudit } from "../kernel/audit.ts";
import { AppError } from "../kernel/errors.ts";
import { type CollaborationView, toCollaborationView } from "./collaboration-view.ts";

export const COLLABORATION_PLATFORMS = ["Meta", "Instagram", "TikTok"] as const;
export type CollaborationPlatform = (typeof COLLABORATION_PLATFORMS)[number];

export interface ApplyCollaborationOptions {
  readonly actor: Actor;
  readonly now: Date;
  readonly brand: string;
  readonly name: string;
  readonly email: string;
  readonly platform: CollaborationPlatform;
  readonly handle: string;
  readonly followers?: number | undefined;
  readonly message?: string | undefined;
}

export interface ApplyCollaborationResult {
  readonly application: CollaborationView;
  /** False when the same brand, platform and handle had applied before. */
  readonly created: boolean;
}

const HANDLE = /^[a-z0-9._-]{1,64}$/;

/** `@Name`, `tiktok.com/@name`, `https://instagram.com/name/` → `name`; null when nothing usable remains. */
export function normaliseHandle(raw: string): string | null {
  let handle = raw.trim();
  const url =
    /^(?:https?:\/\/)?(?:[a-z0-9-]+\.)*(?:instagram\.com|tiktok\.com|facebook\.com|fb\.com)\/+([^/?#]+)/i.exec(
      handle,
    );
  if (url?.[1]) handle = url[1];
  handle = handle.replace(/^@+/, "").toLowerCase();
  return HANDLE.test(handle) ? handle : null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function applyCollaboration(
  db: Db,
  options: ApplyCollaborationOptions,
): Promise<ApplyCollaborationResult> {
  const { actor, now } = options;
  const brand = await requireBrand(db, options.brand);
  const name = options.name.trim();
  const email = options.email.trim().toLowerCase();
  const handle = normaliseHandle(options.handle);
  if (!name || name.length > 120) throw new AppError("VALIDATION", "Tell us your name.", { field: "name" });
  if (!EMAIL.test(email) || email.length > 254) {
    throw new AppError("VALIDATION", "Give an email address we can reply to.", { field: "email" });
  }
  if (!COLLABORATION_PLATFORMS.includes(options.platform)) {
    throw new AppError("VALIDATION", `The platform is one of ${COLLABORATION_PLATFORMS.join(", ")}.`, {
      field: "platform",
    });
  }
  if (!handle) {
    throw new AppError("VALIDATION", "The handle is your account name, e.g. @yourname.", { field: "handle" });
  }
  const message = options.message?.trim().slice(0, 4000) || null;
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const id = newId();
    // On a repeat the first application stands: the queue keeps its place and its review.
    const inserted = await trx
      .insertInto("collaboration_applications")
      .values({
        id,
        brand_id: brand.id,
        name,
        email,
        platform: options.platform,
        handle,
        followers: options.followers ?? null,
        message,
        reviewed_by: null,
        reviewed_at: null,
        created_at: at,
      })
      .onConflict((oc) => oc.columns(["brand_id", "platform", "handle"]).doNothing())
      .executeTakeFirst();
    const created = Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
    const row = await trx
      .selectFrom("collaboration_applications")
      .selectAll()
      .where("brand_id", "=", brand.id)
      .where("platform", "=", options.platform)
      .where("handle", "=", handle)
      .executeTakeFirstOrThrow();
    if (created) {
      await recordAudit(
        trx,
        actor,
        {
          brandId: brand.id,
          action: "collaboration.applied",
          entityType: "collaboration_application",
          entityId: row.id,
          after: { platform: row.platform, handle: row.handle, email: row.email },
        },
        now,
      );
      await emitEvent(
        trx,
        {
          brandId: brand.id,
          type: "collaboration.applied",
          aggregateType: "collaboration_application",
          aggregateId: row.id,
          payload: { applicationId: row.id, brand: brand.slug, name, email, platform: row.platform, handle },
        },
        now,
      );
    }
    return { application: toCollaborationView(row), created };
  });
}
