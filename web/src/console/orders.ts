// An order as the desk reads it (GET /desk/orders/:id) and a return with its policy answers.
import { staff } from "./api.ts";

export interface DeskOrder {
  readonly brand: { slug: string; name: string };
  readonly number: string;
  readonly email: string;
  readonly status: string;
  readonly currency: string;
  readonly placedAt: string;
  readonly shippingAddress?: unknown;
  readonly payment: { method: string; cleared: boolean; clearedAt: string | null } | null;
  readonly totals: { subtotal: number; shipping: number; discount: number; tax: number; total: number };
  readonly lines: readonly {
    id: string;
    sku: string;
    title: string;
    category: string;
    unitPrice: number;
    quantity: number;
    returnedQuantity: number;
    finalSale: boolean;
  }[];
  readonly shipments: readonly {
    courier: string | null;
    trackingNumber: string | null;
    trackingUrl: string | null;
    status: string;
    dispatchedAt: string | null;
    deliveredAt: string | null;
  }[];
  readonly returns: readonly {
    rmaNumber: string;
    kind: string;
    status: string;
    quotedAmount: number;
    currency: string;
  }[];
}

export interface Reason {
  readonly code: string;
  readonly message?: string;
  readonly clause?: string;
}

export interface ReturnDetail {
  readonly return: {
    id: string;
    rma_number: string;
    kind: string;
    status: string;
    quoted_amount: number;
    refund_amount: number | null;
    currency: string;
    order_id?: string;
    brand_id?: string;
    decision?: string;
    received_at?: string | null;
  };
  readonly orderNumber: string;
  readonly lines: readonly {
    id: string;
    lineId: string;
    sku: string;
    title: string;
    quantity: number;
    reason: string;
    declaredCondition: Record<string, unknown>;
    outcome: string;
    reasons: readonly Reason[];
    inspection: { outcome: string; inspectedAt: string } | null;
  }[];
}

export const getOrder = (id: string) => staff<DeskOrder>(`/desk/orders/${encodeURIComponent(id)}`);
export const getReturn = (id: string) => staff<ReturnDetail>(`/desk/returns/${encodeURIComponent(id)}`);
export async function findReturnByRma(rma: string): Promise<{ id: string } | null> {
  const r = await staff<{ returns: { id: string }[] }>(`/desk/returns?rma=${encodeURIComponent(rma)}`);
  return r.returns[0] ?? null;
}

/** The policy decision stored with a return: outcome, reasons with their clauses, promised dates. */
export function storedDecision(ret: ReturnDetail["return"]): {
  outcome?: string;
  reasons?: Reason[];
  timeline?: Record<string, string | null>;
} | null {
  if (!ret.decision) return null;
  try {
    return JSON.parse(ret.decision);
  } catch {
    return null;
  }
}
