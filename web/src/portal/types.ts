// The shapes the portal reads from /api/v1 (see the OpenAPI document at /api/v1/openapi.json).
import type { Theme } from "../shared/theme.ts";

export interface BrandListing {
  readonly brands: readonly { slug: string; name: string; theme: Theme }[];
}

export interface BrandProfile {
  readonly slug: string;
  readonly name: string;
  readonly currency: string;
  readonly timeZone: string;
  readonly theme: Theme;
  readonly supportEmail: string | null;
  readonly partnershipsEmail: string | null;
  readonly returnConditions: readonly {
    field: string;
    expect: boolean;
    categories: string[] | null;
    clause: string;
    clauseText: string | null;
  }[];
  readonly returnFee: { amount: number; clauseText: string | null } | null;
  readonly exchanges: boolean;
  readonly claims: Record<
    "missing" | "faulty" | "lostPackage" | "lostReturn",
    { clauseText: string | null } | null
  >;
  readonly customs: Record<string, { phone: boolean; taxId: string | null }>;
}

export interface Session {
  readonly token: string;
  readonly expiresAt: string;
  readonly orderNumber: string;
}

export interface Clause {
  readonly id: string;
  readonly quote: string;
}
export interface Finding {
  readonly code: string;
  readonly message: string;
  readonly clause?: Clause;
}
export interface Decision {
  readonly outcome: "approved" | "partially_approved" | "needs_review" | "needs_information" | "rejected";
  readonly reasons: readonly Finding[];
  readonly notices: readonly Finding[];
  readonly items: readonly {
    lineId: string;
    outcome: string;
    quantity: number;
    reasons: readonly Finding[];
  }[];
  readonly resolution: {
    readonly method: "refund_original_payment" | "store_credit" | "exchange" | "none";
    readonly amount: number;
    readonly currency: string;
    readonly breakdown: readonly { kind: string; lineId?: string; amount: number }[];
  };
  readonly timeline: { deadline: string | null; refundExpectedBy: string | null };
}

export interface OrderLine {
  readonly id: string;
  readonly sku: string;
  readonly title: string;
  readonly category: string;
  readonly unitPrice: number;
  readonly quantity: number;
  readonly returnedQuantity: number;
  readonly finalSale: boolean;
  readonly onSale: boolean;
  readonly imageUrl?: string | null;
}

export interface OrderView {
  readonly brand: { slug: string; name: string };
  readonly number: string;
  readonly email: string;
  readonly phone: string | null;
  readonly status: "placed" | "dispatched" | "delivered" | "cancelled";
  readonly currency: string;
  readonly placedAt: string;
  readonly shippingCountry: string | null;
  readonly shippingAddress: Record<string, string | undefined> | null;
  readonly payment?: { method: string; cleared: boolean; clearedAt: string | null } | null;
  readonly totals: { subtotal: number; shipping: number; discount: number; tax: number; total: number };
  readonly lines: readonly OrderLine[];
  readonly timeline: readonly {
    at: string;
    status: string;
    description: string | null;
    location: string | null;
  }[];
  readonly shipments: readonly {
    courier: string | null;
    trackingNumber: string | null;
    trackingUrl: string | null;
    status: string;
    dispatchedAt: string | null;
    deliveredAt: string | null;
    lastMile: { courier: string; trackingNumber: string | null; contact: string | null } | null;
  }[];
  readonly returns: readonly {
    rmaNumber: string;
    kind: "return" | "exchange";
    status: string;
    quotedAmount: number;
    currency: string;
    requestedAt: string;
    returnTrackingNumber: string | null;
    returnTrackingUrl: string | null;
  }[];
}

export interface StartedReturn {
  readonly rma: string;
  readonly status: string;
  readonly decision: Decision;
  readonly packingInstructions: readonly string[];
  readonly promises: {
    deadline: string | null;
    stages: { name: string; businessDays: number }[];
    totalBusinessDays: number;
  };
}

export interface ReturnView {
  readonly rma: string;
  readonly kind: string;
  readonly status: string;
  readonly currency: string;
  readonly quotedAmount: number;
  readonly refundAmount: number | null;
  readonly requestedAt: string;
  readonly lines: readonly { lineId: string; title: string; quantity: number; outcome: string }[];
  readonly review: { decision: string; reason: string } | null;
  readonly promises: {
    deadline: string | null;
    arrivedAt: string | null;
    stages: { name: string; businessDays: number; expectedBy: string | null }[];
    inspectionBy: string | null;
    inspectedOn: string | null;
    refundExpectedBy: string | null;
  };
  readonly refunds: readonly {
    amount: number;
    currency: string;
    method: string;
    status: string;
    createdAt: string;
  }[];
}

export interface Claim {
  readonly id: string;
  readonly type: "missing_item" | "faulty_item" | "lost_package" | "lost_return";
  readonly status: string;
  readonly decision: Decision | null;
  readonly evidence: readonly { id: string; kind: string; contentType: string; sizeBytes: number }[];
  readonly createdAt?: string;
}

export interface CaseSummary {
  readonly id: string;
  readonly subject: string;
  readonly status: string;
  readonly channel: string;
  readonly slaDueAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface CaseDetail {
  readonly case: CaseSummary;
  readonly orderNumber: string | null;
  readonly messages: readonly {
    id: string;
    direction: string;
    authorType: string;
    body: string;
    createdAt: string;
  }[];
}

export interface Citation {
  readonly document: string;
  readonly text: string;
  readonly url?: string;
}

export interface Conversation {
  readonly id: string;
  readonly brand: string;
  readonly status: "active" | "handoff_offered" | "handed_off";
  readonly handoff: { offered: boolean; accepted: boolean; caseId: string | null; caseStatus: string | null };
  readonly messages: readonly {
    role: "shopper" | "assistant" | "agent";
    text: string;
    at: string;
    citations?: readonly Citation[];
    toCase?: boolean;
  }[];
}

export interface ChatTurn {
  readonly conversation: Conversation;
  readonly reply: {
    answer: string;
    citations: readonly Citation[];
    handoff: boolean;
    intent: string;
    action?: { flow: string; url: string };
  } | null;
}
