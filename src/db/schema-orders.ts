// Table types: brands and their policies, customers, orders, payments, shipments.
import type { Generated } from "kysely";
import type { Flag, JsonText, Timestamp } from "./schema-types.ts";

export interface BrandsTable {
  id: string;
  slug: string;
  name: string;
  currency: string;
  time_zone: string;
  /** Holiday country, support and partnership addresses, shipping countries… */
  settings: Generated<JsonText>;
  theme: Generated<JsonText>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PolicyVersionsTable {
  id: string;
  brand_id: string;
  version: number;
  yaml: string;
  /** File name the policy was loaded from, for messages that point back to it. */
  source: string | null;
  effective_from: Timestamp;
  created_at: Timestamp;
}

export interface CustomersTable {
  id: string;
  brand_id: string;
  email: string;
  name: string | null;
  phone: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type OrderStatus = "placed" | "dispatched" | "delivered" | "cancelled";

export interface OrdersTable {
  id: string;
  brand_id: string;
  customer_id: string | null;
  number: string;
  email: string;
  phone: string | null;
  shipping_address: Generated<JsonText>;
  shipping_country: string | null;
  status: OrderStatus;
  currency: string;
  subtotal: Generated<number>;
  shipping_charged: Generated<number>;
  discount_total: Generated<number>;
  tax_total: Generated<number>;
  total: number;
  /** The policy version in force when the order was placed (see policyVersionAt). */
  policy_version: number | null;
  placed_at: Timestamp;
  dispatched_at: Timestamp | null;
  delivered_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  /** api, import, webhook or demo. */
  source: Generated<string>;
  external_id: string | null;
  /** Hash of the input the last upsert stored, and the updated_at it wrote (0006_order_fingerprint). */
  fingerprint: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrderLinesTable {
  id: string;
  order_id: string;
  /** The store's own line id, which requests refer to. */
  line_key: string;
  position: number;
  sku: string;
  title: string;
  category: string;
  unit_price: number;
  quantity: number;
  returned_quantity: Generated<number>;
  final_sale: Generated<Flag>;
  on_sale: Generated<Flag>;
}

export type PaymentMethod = "card" | "paypal" | "e_cheque" | "gift_card" | "store_credit" | "other";

export interface PaymentsTable {
  id: string;
  order_id: string;
  method: PaymentMethod;
  amount: number;
  currency: string;
  cleared: Generated<Flag>;
  cleared_at: Timestamp | null;
  reference: string | null;
  created_at: Timestamp;
}

export interface ShipmentsTable {
  id: string;
  order_id: string;
  courier: string | null;
  tracking_number: string | null;
  tracking_url: string | null;
  last_mile_courier: string | null;
  last_mile_tracking_number: string | null;
  last_mile_contact: string | null;
  status: Generated<string>;
  dispatched_at: Timestamp | null;
  delivered_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TrackingEventsTable {
  id: string;
  shipment_id: string;
  status: string;
  description: string | null;
  location: string | null;
  occurred_at: Timestamp;
  created_at: Timestamp;
}
