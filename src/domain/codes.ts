// The machine-readable codes every decision carries. These names are part of the public contract:
// more may be added, none may be renamed.

export const REASON_CODES = [
  "RETURN_WINDOW_EXPIRED",
  "NOT_YET_DELIVERED",
  "CATEGORY_EXCLUDED",
  "FINAL_SALE",
  "CONDITION_NOT_MET",
  "ORIGINAL_PACKAGING_REQUIRED",
  "HYGIENE_STRIP_REQUIRED",
  "EXCHANGE_NOT_OFFERED",
  "QC_APPROVAL_REQUIRED",
  "ALREADY_DISPATCHED",
  "CLAIM_WINDOW_EXPIRED",
  "EVIDENCE_REQUIRED",
  "CARRIER_RESPONSIBILITY",
  "PROOF_OF_POSTAGE_REQUIRED",
  "DISCOUNT_NOT_RETROACTIVE",
  "DISCOUNT_EXCLUDES_SALE_ITEMS",
  "CUSTOMS_INFO_REQUIRED",
  "CUSTOMS_INFO_INVALID",
  "ORDER_CANCELLED",
  "QUANTITY_EXCEEDS_AVAILABLE",
  "REVIEW_REQUIRED",
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export const NOTICE_CODES = [
  "SHIPPING_NOT_REFUNDED",
  "RETURN_FEE_DEDUCTED",
  "REFUND_TO_ORIGINAL_PAYMENT_ONLY",
  "E_CHEQUE_MUST_CLEAR",
] as const;
export type NoticeCode = (typeof NOTICE_CODES)[number];

export const OUTCOMES = [
  "approved",
  "partially_approved",
  "needs_review",
  "needs_information",
  "rejected",
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const RESOLUTION_METHODS = ["refund_original_payment", "store_credit", "exchange", "none"] as const;
export type ResolutionMethod = (typeof RESOLUTION_METHODS)[number];
