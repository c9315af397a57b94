// A collaboration application as the partnerships queue and the applicant's answer show it.
import type { Selectable } from "kysely";
import type { CollaborationApplicationsTable } from "../../db/schema.ts";

export interface CollaborationView {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly platform: string;
  readonly handle: string;
  readonly followers: number | null;
  readonly message: string | null;
  /** new, shortlisted, offered or declined. */
  readonly status: string;
  readonly reply: string | null;
  readonly reviewedAt: string | null;
  readonly createdAt: string;
}

export function toCollaborationView(row: Selectable<CollaborationApplicationsTable>): CollaborationView {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    platform: row.platform,
    handle: row.handle,
    followers: row.followers === null ? null : Number(row.followers),
    message: row.message,
    status: row.status,
    reply: row.reply,
    reviewedAt: row.reviewed_at,
    createdAt: row.created_at,
  };
}
