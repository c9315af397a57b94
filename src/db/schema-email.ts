// Table types: the email channel (outbound mail, dead letters), satisfaction, webhook deliveries, macros.
import type { Generated } from "kysely";
import type { Flag, JsonText, Timestamp } from "./schema-types.ts";

/** queued: waiting for the sender; held: no SMTP relay configured, kept for staff; sent; failed. */
export type EmailStatus = "queued" | "held" | "sent" | "failed";

export interface EmailOutboxTable {
  id: string;
  brand_id: string;
  case_id: string | null;
  order_id: string | null;
  template: string;
  to_address: string;
  from_address: string;
  reply_to: string | null;
  subject: string;
  text_body: string;
  html_body: string;
  message_id: string;
  in_reply_to: string | null;
  references_header: string | null;
  /** Extra headers (List-Unsubscribe…) as a JSON object. */
  headers: Generated<JsonText>;
  idempotency_key: string;
  status: Generated<EmailStatus>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface EmailDeadLettersTable {
  id: string;
  mail_from: string | null;
  recipients: Generated<JsonText>;
  /** The raw message, base64. */
  raw: string;
  size_bytes: number;
  reason: string;
  /** open, reprocessed (stored on a later try) or discarded. */
  status: Generated<string>;
  attempts: Generated<number>;
  case_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SatisfactionRatingsTable {
  id: string;
  brand_id: string;
  case_id: string;
  agent_id: string | null;
  request_type: string;
  score: number;
  comment: string | null;
  created_at: Timestamp;
}

export interface WebhookDeliveriesTable {
  id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  attempt: number;
  status_code: number | null;
  ok: Flag;
  error: string | null;
  duration_ms: number;
  created_at: Timestamp;
}

export interface DeskMacrosTable {
  id: string;
  brand_id: string;
  name: string;
  body: string;
  created_by: string | null;
  created_at: Timestamp;
}
