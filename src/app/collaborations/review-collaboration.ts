// The partnerships team answers an application: shortlist it, make an offer, or decline. The reply
// text goes to the applicant by email (an outbox event the mailer picks up, from the brand's
// partnerships address); an offer or a decline is final, a shortlist can still become either.

import type { Db } from "../../db/database.ts";
import { brandAddresses } from "../brands/brand-addresses.ts";
import type { Actor } from "../kernel/actor.ts";
import { actorId } from "../kernel/actor.ts";
import { emitEvent, recordAudit } from "../kernel/audit.ts";
import { AppError, notFound } from "../kernel/errors.ts";
import { assertStaff } from "../kernel/staff-access.ts";
import { type CollaborationView, toCollaborationView } from "./collaboration-view.ts";

export type CollaborationVerdict = "shortlist" | "offer" | "decline";

const STATUS_OF: Readonly<Record<CollaborationVerdict, string>> = {
  shortlist: "shortlisted",
  offer: "offered",
  decline: "declined",
};

/** Which statuses each verdict may follow. */
const FROM: Readonly<Record<CollaborationVerdict, readonly string[]>> = {
  shortlist: ["new"],
  offer: ["new", "shortlisted"],
  decline: ["new", "shortlisted"],
};

export interface ReviewCollaborationOptions {
  readonly actor: Actor;
  readonly now: Date;
  readonly applicationId: string;
  readonly verdict: CollaborationVerdict;
  /** Sent to the applicant as written. */
  readonly reply: string;
}

export async function reviewCollaboration(
  db: Db,
  options: ReviewCollaborationOptions,
): Promise<CollaborationView> {
  const { actor, now, verdict } = options;
  const reply = options.reply.trim();
  if (!reply)
    throw new AppError("VALIDATION", "Write the reply the applicant will receive.", { field: "reply" });
  if (reply.length > 10_000) throw new AppError("VALIDATION", "The reply is too long.", { field: "reply" });
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("collaboration_applications")
      .selectAll()
      .where("id", "=", options.applicationId)
      .executeTakeFirst();
    if (!row) throw notFound("collaboration application", options.applicationId);
    assertStaff(actor, row.brand_id, ["admin", "partnerships"]);
    const status = STATUS_OF[verdict];
    const at = now.toISOString();
    // The status guard is in the update itself, so two reviewers answering at once send one reply.
    const updated = await trx
      .updateTable("collaboration_applications")
      .set({ status, reply, reviewed_by: actorId(actor), reviewed_at: at })
      .where("id", "=", row.id)
      .where("status", "in", [...FROM[verdict]])
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      throw new AppError("CONFLICT", `An application that is ${row.status} cannot be given a ${verdict}.`, {
        status: row.status,
      });
    }
    const brand = await trx
      .selectFrom("brands")
      .select(["slug", "name", "settings"])
      .where("id", "=", row.brand_id)
      .executeTakeFirstOrThrow();
    // The reply comes from the partnerships address: a brand setting when the admin set one, else the policy's.
    const from = (await brandAddresses(trx, brand)).partnershipsEmail;
    await recordAudit(
      trx,
      actor,
      {
        brandId: row.brand_id,
        action: `collaboration.${status}`,
        entityType: "collaboration_application",
        entityId: row.id,
        before: { status: row.status },
        after: { status, reply },
      },
      now,
    );
    await emitEvent(
      trx,
      {
        brandId: row.brand_id,
        type: "collaboration.replied",
        aggregateType: "collaboration_application",
        aggregateId: row.id,
        payload: {
          applicationId: row.id,
          brand: brand.slug,
          brandName: brand.name,
          from,
          to: row.email,
          name: row.name,
          platform: row.platform,
          handle: row.handle,
          verdict,
          status,
          reply,
        },
      },
      now,
    );
    const after = await trx
      .selectFrom("collaboration_applications")
      .selectAll()
      .where("id", "=", row.id)
      .executeTakeFirstOrThrow();
    return toCollaborationView(after);
  });
}
