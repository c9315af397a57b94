// The migrations, in order, listed in code rather than read from a folder: they then load the same way
// under tsx, vitest and any bundler, and a migration cannot go missing from a deploy unnoticed.
// Append new ones at the end; never edit or renumber one that has shipped.
import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./0001_brands_and_orders.ts";
import * as m0002 from "./0002_returns_claims_money.ts";
import * as m0003 from "./0003_desk_and_platform.ts";
import * as m0004 from "./0004_knowledge_base.ts";
import * as m0005ClaimsCollaborations from "./0005_claims_collaborations.ts";
import * as m0005RefundGuards from "./0005_refund_guards.ts";
import * as m0005ReturnReview from "./0005_return_review.ts";
import * as m0006Jobs from "./0006_jobs.ts";
import * as m0006OrderFingerprint from "./0006_order_fingerprint.ts";
import * as m0007StoreWebhookSecrets from "./0007_store_webhook_secrets.ts";
import * as m0008Email from "./0008_email.ts";
import * as m0011Console from "./0011_console.ts";
import * as m0012KbPassageArticles from "./0012_kb_passage_articles.ts";
import * as m0013CaseMerge from "./0013_case_merge.ts";
import * as m0014InboxOrder from "./0014_inbox_order.ts";
import * as m0015OutboxClaimOrder from "./0015_outbox_claim_order.ts";

export const migrations: Readonly<Record<string, Migration>> = {
  "0001_brands_and_orders": m0001,
  "0002_returns_claims_money": m0002,
  "0003_desk_and_platform": m0003,
  "0004_knowledge_base": m0004,
  "0005_claims_collaborations": m0005ClaimsCollaborations,
  "0005_refund_guards": m0005RefundGuards,
  "0005_return_review": m0005ReturnReview,
  "0006_jobs": m0006Jobs,
  "0006_order_fingerprint": m0006OrderFingerprint,
  "0007_store_webhook_secrets": m0007StoreWebhookSecrets,
  "0008_email": m0008Email,
  "0011_console": m0011Console,
  "0012_kb_passage_articles": m0012KbPassageArticles,
  "0013_case_merge": m0013CaseMerge,
  "0014_inbox_order": m0014InboxOrder,
  "0015_outbox_claim_order": m0015OutboxClaimOrder,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...migrations }),
};
