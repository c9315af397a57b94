// One case with its thread. Staff see every message; the shopper sees the thread without the team's
// internal notes, filtered in the query so a note never leaves the database for a shopper.
import type { Db } from "../../db/database.ts";
import type { Actor } from "../kernel/actor.ts";
import { type CaseSummary, caseSummary, isCaseShopper, loadCaseFor } from "./case-access.ts";

export interface GetCaseOptions {
  readonly caseId: string;
  readonly actor: Actor;
}

export interface CaseMessageView {
  readonly id: string;
  readonly direction: string;
  readonly authorType: string;
  readonly authorId: string | null;
  readonly body: string;
  readonly internal: boolean;
  readonly createdAt: string;
  /** Files that came with an email (images kept as evidence); absent when there were none. */
  readonly attachments?: readonly MessageAttachmentView[];
}

export interface MessageAttachmentView {
  readonly name: string | null;
  readonly contentType: string;
  readonly sizeBytes: number;
  readonly evidence: boolean;
}

export interface CaseDetail {
  readonly case: CaseSummary;
  readonly orderNumber: string | null;
  readonly messages: readonly CaseMessageView[];
}

export async function listCaseMessages(
  db: Db,
  caseId: string,
  options: { readonly includeInternal: boolean; readonly since?: string | undefined },
): Promise<CaseMessageView[]> {
  let query = db
    .selectFrom("case_messages")
    .select([
      "id",
      "direction",
      "author_type",
      "author_id",
      "body",
      "is_internal",
      "created_at",
      "attachments",
    ])
    .where("case_id", "=", caseId);
  if (!options.includeInternal) query = query.where("is_internal", "=", 0);
  if (options.since !== undefined) query = query.where("created_at", ">", options.since);
  const rows = await query.orderBy("created_at").orderBy("id").execute();
  return rows.map((m) => {
    const files = JSON.parse(m.attachments) as MessageAttachmentView[];
    return {
      id: m.id,
      direction: m.direction,
      authorType: m.author_type,
      authorId: m.author_id,
      body: m.body,
      internal: m.is_internal === 1,
      createdAt: m.created_at,
      ...(files.length
        ? {
            attachments: files.map((f) => ({
              name: f.name,
              contentType: f.contentType,
              sizeBytes: f.sizeBytes,
              evidence: f.evidence,
            })),
          }
        : {}),
    };
  });
}

export async function getCase(db: Db, options: GetCaseOptions): Promise<CaseDetail> {
  const supportCase = await loadCaseFor(db, options.actor, options.caseId);
  const shopper = isCaseShopper(options.actor, supportCase);
  const order = supportCase.order_id
    ? await db.selectFrom("orders").select("number").where("id", "=", supportCase.order_id).executeTakeFirst()
    : undefined;
  const messages = await listCaseMessages(db, supportCase.id, { includeInternal: !shopper });
  const summary = caseSummary(supportCase);
  return {
    // Who on the team holds the case is the team's business.
    case: shopper ? { ...summary, assigneeId: null } : summary,
    orderNumber: order?.number ?? null,
    messages,
  };
}
