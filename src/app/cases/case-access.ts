// What the support desk's use cases share: the case vocabulary, who may see or act on a case, and the
// views handed to callers. Shoppers and staff read the same case through different views, so an
// internal note can never reach a shopper by a caller forgetting to filter it out.
import type { Db } from "../../db/database.ts";
import type { SupportCase } from "../../db/schema.ts";
import type { Actor } from "../kernel/actor.ts";
import { AppError, notFound } from "../kernel/errors.ts";

export const CASE_STATUSES = ["open", "pending", "resolved", "closed"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type CasePriority = (typeof CASE_PRIORITIES)[number];

export const CASE_CHANNELS = ["email", "chat", "portal", "phone"] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];

/** Staff roles that work the desk; warehouse and partnerships staff have their own queues. */
const DESK_ROLES: ReadonlySet<string> = new Set(["admin", "agent"]);

export const MAX_MESSAGE_CHARS = 20_000;

export function isCaseStatus(value: string): value is CaseStatus {
  return (CASE_STATUSES as readonly string[]).includes(value);
}

/** Desk work is for agents and admins of the case's brand (or of every brand), and for the system. */
export function canWorkDesk(actor: Actor, brandId: string): boolean {
  if (actor.type === "system") return true;
  if (actor.type !== "staff" || !DESK_ROLES.has(actor.role)) return false;
  return actor.brandId === null || actor.brandId === brandId;
}

export function requireDeskActor(actor: Actor, brandId: string | null): void {
  if (actor.type === "system") return;
  if (actor.type !== "staff" || !DESK_ROLES.has(actor.role)) {
    throw new AppError("FORBIDDEN", "Only the care team can do this.");
  }
  if (brandId !== null && actor.brandId !== null && actor.brandId !== brandId) {
    throw new AppError("FORBIDDEN", "This case belongs to another brand.");
  }
}

/** A shopper signed in to an order sees the cases about that order and nothing else. */
export function isCaseShopper(actor: Actor, supportCase: SupportCase): boolean {
  return (
    actor.type === "shopper" &&
    supportCase.order_id !== null &&
    actor.orderId === supportCase.order_id &&
    actor.brandId === supportCase.brand_id
  );
}

/**
 * Loads a case the actor may see. A case outside the actor's reach answers NOT_FOUND rather than
 * FORBIDDEN, so case ids cannot be probed.
 */
export async function loadCaseFor(db: Db, actor: Actor, caseId: string): Promise<SupportCase> {
  const supportCase = await db
    .selectFrom("support_cases")
    .selectAll()
    .where("id", "=", caseId)
    .executeTakeFirst();
  if (!supportCase || !(canWorkDesk(actor, supportCase.brand_id) || isCaseShopper(actor, supportCase))) {
    throw notFound("case", caseId);
  }
  return supportCase;
}

export interface CaseSummary {
  readonly id: string;
  readonly brandId: string;
  readonly orderId: string | null;
  readonly customerEmail: string;
  readonly subject: string;
  readonly status: string;
  readonly priority: string;
  readonly channel: string;
  readonly assigneeId: string | null;
  readonly slaDueAt: string | null;
  readonly requestType: string;
  readonly mailbox: string | null;
  readonly firstResponseDueAt: string | null;
  readonly firstResponseAt: string | null;
  readonly resolvedAt: string | null;
  /** A duplicate merged away: the case that now holds its messages. */
  readonly mergedInto: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function caseSummary(row: SupportCase): CaseSummary {
  return {
    id: row.id,
    brandId: row.brand_id,
    orderId: row.order_id,
    customerEmail: row.customer_email,
    subject: row.subject,
    status: row.status,
    priority: row.priority,
    channel: row.channel,
    assigneeId: row.assignee_id,
    slaDueAt: row.sla_due_at,
    requestType: row.request_type,
    mailbox: row.mailbox,
    firstResponseDueAt: row.first_response_due_at,
    firstResponseAt: row.first_response_at,
    resolvedAt: row.resolved_at,
    mergedInto: row.merged_into ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function requireText(value: string, field: string, max = MAX_MESSAGE_CHARS): string {
  const text = value.trim();
  if (!text) throw new AppError("VALIDATION", `${field} is empty`, { field });
  if (text.length > max) {
    throw new AppError("VALIDATION", `${field} is longer than ${max} characters`, { field });
  }
  return text;
}
