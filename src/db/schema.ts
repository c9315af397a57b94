// Table types for Kysely, one interface per table, matching src/db/migrations.
//
// The same code runs on SQLite and PostgreSQL, so columns use the types both return alike:
// ids are text (random UUIDs made in code), money is an integer in minor units, timestamps are
// ISO-8601 UTC text ("2026-03-01T10:00:00.000Z", so text order is time order), JSON documents are
// text, and yes/no flags are integers 0/1 (better-sqlite3 cannot bind booleans).
import type { Insertable, Selectable, Updateable } from "kysely";
import type {
  AmendmentsTable,
  CancellationsTable,
  ClaimEvidenceTable,
  ClaimsTable,
  DiscountCodesTable,
  RefundsTable,
  ReturnInspectionsTable,
  ReturnLinesTable,
  ReturnsTable,
  StoreCreditLedgerTable,
} from "./schema-care.ts";
import type {
  DeskMacrosTable,
  EmailDeadLettersTable,
  EmailOutboxTable,
  SatisfactionRatingsTable,
  WebhookDeliveriesTable,
} from "./schema-email.ts";
import type {
  BrandsTable,
  CustomersTable,
  OrderLinesTable,
  OrdersTable,
  PaymentsTable,
  PolicyVersionsTable,
  ShipmentsTable,
  TrackingEventsTable,
} from "./schema-orders.ts";
import type {
  ApiKeysTable,
  AssistantConversationsTable,
  AuditLogTable,
  CaseMessagesTable,
  CollaborationApplicationsTable,
  JobsTable,
  KbDocumentsTable,
  KbPassagesTable,
  OutboxTable,
  PolicyScenariosTable,
  StaffUsersTable,
  StoreWebhookSecretsTable,
  SupportCasesTable,
  WebhookSubscriptionsTable,
} from "./schema-platform.ts";

export type * from "./schema-care.ts";
export type * from "./schema-email.ts";
export type * from "./schema-orders.ts";
export type * from "./schema-platform.ts";
export type * from "./schema-types.ts";

export interface Database {
  brands: BrandsTable;
  policy_versions: PolicyVersionsTable;
  customers: CustomersTable;
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  payments: PaymentsTable;
  shipments: ShipmentsTable;
  tracking_events: TrackingEventsTable;
  returns: ReturnsTable;
  return_lines: ReturnLinesTable;
  return_inspections: ReturnInspectionsTable;
  claims: ClaimsTable;
  claim_evidence: ClaimEvidenceTable;
  amendments: AmendmentsTable;
  cancellations: CancellationsTable;
  refunds: RefundsTable;
  store_credit_ledger: StoreCreditLedgerTable;
  discount_codes: DiscountCodesTable;
  collaboration_applications: CollaborationApplicationsTable;
  staff_users: StaffUsersTable;
  support_cases: SupportCasesTable;
  case_messages: CaseMessagesTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
  jobs: JobsTable;
  api_keys: ApiKeysTable;
  kb_documents: KbDocumentsTable;
  kb_passages: KbPassagesTable;
  assistant_conversations: AssistantConversationsTable;
  email_outbox: EmailOutboxTable;
  email_dead_letters: EmailDeadLettersTable;
  satisfaction_ratings: SatisfactionRatingsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  desk_macros: DeskMacrosTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  store_webhook_secrets: StoreWebhookSecretsTable;
  policy_scenarios: PolicyScenariosTable;
}

export type Brand = Selectable<BrandsTable>;
export type NewBrand = Insertable<BrandsTable>;
export type BrandUpdate = Updateable<BrandsTable>;
export type PolicyVersion = Selectable<PolicyVersionsTable>;
export type KbDocument = Selectable<KbDocumentsTable>;
export type KbPassage = Selectable<KbPassagesTable>;
export type Order = Selectable<OrdersTable>;
export type OrderLine = Selectable<OrderLinesTable>;
export type Payment = Selectable<PaymentsTable>;
export type Shipment = Selectable<ShipmentsTable>;
export type Return = Selectable<ReturnsTable>;
export type ReturnLine = Selectable<ReturnLinesTable>;
export type Claim = Selectable<ClaimsTable>;
export type Refund = Selectable<RefundsTable>;
export type StaffUser = Selectable<StaffUsersTable>;
export type SupportCase = Selectable<SupportCasesTable>;
