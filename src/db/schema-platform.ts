// Table types: the care desk, platform tables (audit, outbox, jobs, API keys) and the knowledge base.
import type { Generated } from "kysely";
import type { Flag, JsonText, Timestamp } from "./schema-types.ts";

export interface CollaborationApplicationsTable {
  id: string;
  brand_id: string;
  name: string;
  email: string;
  platform: string;
  handle: string;
  followers: number | null;
  message: string | null;
  status: Generated<string>;
  /** The text the partnerships team sent back with its shortlist, offer or decline. */
  reply: Generated<string | null>;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
  created_at: Timestamp;
}

export type StaffRole = "admin" | "agent" | "warehouse" | "partnerships";

export interface StaffUsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  role: StaffRole;
  /** Null: the user works for every brand of the install. */
  brand_id: string | null;
  active: Generated<Flag>;
  created_at: Timestamp;
  last_login_at: Timestamp | null;
}

export interface SupportCasesTable {
  id: string;
  brand_id: string;
  order_id: string | null;
  customer_email: string;
  subject: string;
  status: Generated<string>;
  priority: Generated<string>;
  channel: string;
  assignee_id: string | null;
  /** Token in outbound mail that threads replies back to this case. */
  reply_token: string;
  sla_due_at: Timestamp | null;
  first_response_at: Timestamp | null;
  resolved_at: Timestamp | null;
  csat_score: number | null;
  /** amendment, cancellation, missing_item, faulty_item, return_question, lost_parcel, discount, other. */
  request_type: Generated<string>;
  /** The brand address an emailed case came in on: support or partnerships. */
  mailbox: Generated<string | null>;
  first_response_due_at: Generated<Timestamp | null>;
  closed_at: Generated<Timestamp | null>;
  /** Set on a duplicate: the case its messages were moved to. */
  merged_into: Generated<string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CaseMessagesTable {
  id: string;
  case_id: string;
  direction: "inbound" | "outbound" | "internal";
  author_type: "customer" | "staff" | "assistant" | "system";
  author_id: string | null;
  body: string;
  /** Internal notes are never shown or sent to the shopper. */
  is_internal: Generated<Flag>;
  email_message_id: string | null;
  in_reply_to: string | null;
  references_header: Generated<string | null>;
  from_address: Generated<string | null>;
  attachments: Generated<JsonText>;
  created_at: Timestamp;
}

/** Append-only (enforced by triggers). */
export interface AuditLogTable {
  id: string;
  brand_id: string | null;
  actor_type: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: JsonText | null;
  after: JsonText | null;
  request_id: string | null;
  created_at: Timestamp;
}

export interface OutboxTable {
  id: string;
  brand_id: string | null;
  event_type: string;
  aggregate_type: string;
  aggregate_id: string;
  payload: JsonText;
  created_at: Timestamp;
  published_at: Timestamp | null;
  attempts: Generated<number>;
  last_error: string | null;
  /** The relay handing this event to subscribers; another relay may take it over after claimed_until. */
  claimed_by: string | null;
  claimed_until: Timestamp | null;
}

export interface WebhookSubscriptionsTable {
  id: string;
  brand_id: string;
  url: string;
  /** Signs every delivery (HMAC-SHA256); shown to the admin once, when the subscription is made. */
  secret: string;
  /** JSON array of event types: exact ("refund.issued"), a family ("return.*") or everything ("*"). */
  events: Generated<JsonText>;
  active: Generated<Flag>;
  created_at: Timestamp;
}

/** The secret a brand's store platform signs its order webhooks with; one per brand, never shown. */
export interface StoreWebhookSecretsTable {
  brand_id: string;
  secret: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A scenario with an `expect` block, saved per brand and replayed against policy drafts. */
export interface PolicyScenariosTable {
  id: string;
  brand_id: string;
  name: string;
  scenario: JsonText;
  created_by: string | null;
  created_at: Timestamp;
}

export type JobStatus = "queued" | "running" | "done" | "failed";

export interface JobsTable {
  id: string;
  name: string;
  payload: Generated<JsonText>;
  run_at: Timestamp;
  status: Generated<JobStatus>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  /** Worker that holds the job; the lock expires at locked_until so a crashed worker's job runs again. */
  locked_by: string | null;
  locked_until: Timestamp | null;
  last_error: string | null;
  /** Enqueueing twice with the same key yields one job. */
  dedupe_key: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ApiKeysTable {
  id: string;
  brand_id: string | null;
  name: string;
  /** Shown in the console to recognise a key; the secret itself is only stored hashed. */
  key_prefix: string;
  key_hash: string;
  scopes: Generated<JsonText>;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface KbDocumentsTable {
  id: string;
  brand_id: string;
  name: string;
  content_type: string;
  content: string;
  imported_at: Timestamp;
}

export interface KbPassagesTable {
  id: string;
  document_id: string;
  brand_id: string;
  position: number;
  heading: string | null;
  text: string;
  /** The help article the passage came from, and its address (migration 0012). */
  article_title: string | null;
  article_url: string | null;
}

export interface AssistantConversationsTable {
  id: string;
  brand_id: string;
  case_id: string | null;
  status: Generated<string>;
  messages: Generated<JsonText>;
  handoff_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
