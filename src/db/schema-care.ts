// Table types: returns, claims, order changes and money (refunds, store credit, discount codes).
import type { Generated } from "kysely";
import type { Flag, JsonText, Timestamp } from "./schema-types.ts";

export type ReturnStatus =
  | "requested"
  | "authorized"
  | "in_transit"
  | "received"
  | "inspected"
  | "refunded"
  | "closed"
  | "rejected";

export interface ReturnsTable {
  id: string;
  brand_id: string;
  order_id: string;
  rma_number: string;
  kind: "return" | "exchange";
  status: ReturnStatus;
  /** The engine's decision (reasons, clauses, resolution) as it was when the return started. */
  decision: JsonText;
  refund_method: string | null;
  quoted_amount: Generated<number>;
  /** What the inspection settled on (fee and shipping per the policy); null until inspected. */
  refund_amount: Generated<number | null>;
  /** A person's answer to a return the policy left for review (JSON); null when none was needed. */
  review: Generated<JsonText | null>;
  currency: string;
  return_courier: string | null;
  return_tracking_number: string | null;
  return_tracking_url: string | null;
  proof_of_postage: Generated<Flag>;
  requested_at: Timestamp;
  authorized_at: Timestamp | null;
  shipped_at: Timestamp | null;
  received_at: Timestamp | null;
  inspected_at: Timestamp | null;
  closed_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ReturnLinesTable {
  id: string;
  return_id: string;
  order_line_id: string;
  quantity: number;
  reason: string;
  /** The condition the shopper declared. */
  condition: Generated<JsonText>;
  wanted_sku: string | null;
  outcome: string;
  reasons: Generated<JsonText>;
}

/** One row per inspection, so a re-inspection keeps the earlier finding. */
export interface ReturnInspectionsTable {
  id: string;
  return_line_id: string;
  outcome: string;
  /** The condition the warehouse found. */
  condition: JsonText;
  notes: string | null;
  decision: Generated<JsonText>;
  inspected_by: string | null;
  inspected_at: Timestamp;
}

export type ClaimKind = "missing" | "faulty" | "lost_package" | "lost_return";

export interface ClaimsTable {
  id: string;
  brand_id: string;
  order_id: string;
  return_id: string | null;
  kind: ClaimKind;
  status: string;
  details: Generated<JsonText>;
  decision: Generated<JsonText>;
  qc_decision: string | null;
  qc_notes: string | null;
  /** How an agent closed an investigated claim (reship, refund or decline), as JSON; null while open. */
  resolution: Generated<JsonText | null>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ClaimEvidenceTable {
  id: string;
  claim_id: string;
  kind: string;
  /** Random file name under the data folder; never the uploader's name. */
  storage_name: string;
  original_name: string | null;
  content_type: string;
  size_bytes: number;
  sha256: string;
  created_at: Timestamp;
}

export interface AmendmentsTable {
  id: string;
  order_id: string;
  changes: JsonText;
  before: Generated<JsonText>;
  status: string;
  decision: Generated<JsonText>;
  requested_by: string | null;
  created_at: Timestamp;
  resolved_at: Timestamp | null;
}

export interface CancellationsTable {
  id: string;
  order_id: string;
  reason: string | null;
  status: string;
  resolution_method: string | null;
  amount: Generated<number>;
  currency: string;
  decision: Generated<JsonText>;
  created_at: Timestamp;
  resolved_at: Timestamp | null;
}

export interface RefundsTable {
  id: string;
  brand_id: string;
  order_id: string;
  return_id: string | null;
  claim_id: string | null;
  cancellation_id: string | null;
  kind: "refund" | "goodwill";
  method: "original_payment" | "store_credit";
  amount: number;
  currency: string;
  reason: string | null;
  status: string;
  /** Repeating a request with the same key returns the first refund instead of paying twice. */
  idempotency_key: string;
  issued_by: string | null;
  created_at: Timestamp;
  completed_at: Timestamp | null;
}

/** Append-only (enforced by triggers): the balance is the sum of amounts. */
export interface StoreCreditLedgerTable {
  id: string;
  brand_id: string;
  customer_id: string | null;
  email: string;
  /** Positive when credit is issued, negative when spent. */
  amount: number;
  currency: string;
  reason: string;
  source_type: string | null;
  source_id: string | null;
  idempotency_key: string | null;
  actor: string | null;
  created_at: Timestamp;
}

export interface DiscountCodesTable {
  id: string;
  brand_id: string;
  code: string;
  kind: "percent" | "amount";
  percent_off: number | null;
  amount_off: number | null;
  currency: string | null;
  valid_from: Timestamp | null;
  valid_until: Timestamp | null;
  exclude_sale_items: Generated<Flag>;
  active: Generated<Flag>;
  max_uses: number | null;
  times_used: Generated<number>;
  created_at: Timestamp;
}
