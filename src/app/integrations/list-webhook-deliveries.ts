// The delivery log of outbound webhooks: every attempt with its response code, per subscription, for the
// admin console. Brand-bound admins see their brand's subscriptions only.
import type { Db } from "../../db/database.ts";
import type { Actor } from "../kernel/actor.ts";
import { AppError } from "../kernel/errors.ts";

export interface WebhookDeliveryView {
  readonly id: string;
  readonly subscriptionId: string;
  readonly url: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly attempt: number;
  readonly statusCode: number | null;
  readonly ok: boolean;
  readonly error: string | null;
  readonly durationMs: number;
  readonly createdAt: string;
}

export async function listWebhookDeliveries(
  db: Db,
  options: {
    actor: Actor;
    subscriptionId?: string | undefined;
    failedOnly?: boolean | undefined;
    limit?: number | undefined;
  },
): Promise<WebhookDeliveryView[]> {
  const { actor } = options;
  if (actor.type !== "staff" || actor.role !== "admin") throw new AppError("FORBIDDEN", "Admins only.");
  let q = db
    .selectFrom("webhook_deliveries")
    .innerJoin("webhook_subscriptions", "webhook_subscriptions.id", "webhook_deliveries.subscription_id")
    .selectAll("webhook_deliveries")
    .select("webhook_subscriptions.url");
  if (actor.brandId !== null) q = q.where("webhook_subscriptions.brand_id", "=", actor.brandId);
  if (options.subscriptionId) q = q.where("webhook_deliveries.subscription_id", "=", options.subscriptionId);
  if (options.failedOnly) q = q.where("webhook_deliveries.ok", "=", 0);
  const rows = await q
    .orderBy("webhook_deliveries.created_at", "desc")
    .orderBy("webhook_deliveries.attempt", "desc")
    .limit(Math.min(options.limit ?? 100, 500))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    subscriptionId: r.subscription_id,
    url: r.url,
    eventId: r.event_id,
    eventType: r.event_type,
    attempt: r.attempt,
    statusCode: r.status_code,
    ok: r.ok === 1,
    error: r.error,
    durationMs: r.duration_ms,
    createdAt: r.created_at,
  }));
}
