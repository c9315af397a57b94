// Outbound webhooks: each domain event a brand's subscription asks for is POSTed as JSON to the
// subscriber's URL, signed per the Standard Webhooks specification (the `standardwebhooks` library), so
// any receiver with a Standard Webhooks verifier can check it comes from this install and is fresh:
//
//   webhook-id: <event id, the same on every retry>
//   webhook-timestamp: <unix seconds>
//   webhook-signature: v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>" with the secret>
//
// A delivery is a job, so a subscriber that is down or slow gets the event later (retries with
// exponential backoff) and, after the last attempt, the job is failed with the last error kept. Every
// attempt is written to the delivery log with its response code.
import { Webhook } from "standardwebhooks";
import { z } from "zod";
import { newId } from "../../db/database.ts";
import { defineJob, type JobDefinition, PermanentJobError } from "../../jobs/definition.ts";

export const SIGNATURE_HEADER = "webhook-signature";
export const WEBHOOK_JOB = "webhook.deliver";
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * The signer for a subscription secret. Secrets are `whsec_` + base64 as the specification has them;
 * secrets made before the switch used base64url, which Node decodes alike, so they keep working.
 */
export function webhookSigner(secret: string): Webhook {
  const encoded = secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret;
  const key = Buffer.from(encoded, "base64");
  return new Webhook(key.length >= 8 ? new Uint8Array(key) : new Uint8Array(Buffer.from(secret)), {
    format: "raw",
  });
}

export interface SignedHeaders {
  readonly "webhook-id": string;
  readonly "webhook-timestamp": string;
  readonly "webhook-signature": string;
}

export function signWebhook(secret: string, messageId: string, body: string, at: Date): SignedHeaders {
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": webhookSigner(secret).sign(messageId, at, body),
  };
}

/** `events` of a subscription: exact types, families ending in ".*", or "*" for everything. */
export function eventMatches(filters: readonly string[], eventType: string): boolean {
  return filters.some(
    (f) => f === "*" || f === eventType || (f.endsWith(".*") && eventType.startsWith(f.slice(0, -1))),
  );
}

export const ZWebhookDeliveryPayload = z.object({
  subscriptionId: z.string().min(1),
  eventId: z.string().min(1),
});
export type TWebhookDeliveryPayload = z.infer<typeof ZWebhookDeliveryPayload>;

export interface WebhookJobOptions {
  /** A subscriber that has not answered by then counts as failed and is tried again later. */
  readonly timeoutMs?: number;
  readonly maxAttempts?: number;
  readonly backoff?: { readonly baseMs: number; readonly maxMs: number };
}

export function createWebhookDeliveryJob(
  options: WebhookJobOptions = {},
): JobDefinition<TWebhookDeliveryPayload> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  return defineJob({
    name: WEBHOOK_JOB,
    version: 1,
    payload: ZWebhookDeliveryPayload,
    // About a day and a half of retries with the default backoff: a subscriber's outage over a
    // weekend night is bridged, a URL that is gone for good stops costing us requests.
    maxAttempts: options.maxAttempts ?? 12,
    backoff: options.backoff ?? { baseMs: 30_000, maxMs: 6 * 60 * 60_000 },
    async handler(payload, ctx) {
      const subscription = await ctx.db
        .selectFrom("webhook_subscriptions")
        .selectAll()
        .where("id", "=", payload.subscriptionId)
        .executeTakeFirst();
      // Disabled after the event was queued: the admin asked for deliveries to stop, so they stop.
      if (subscription?.active !== 1) {
        ctx.logger.info(
          { jobId: ctx.jobId, ...payload },
          "webhook skipped: subscription disabled or removed",
        );
        return;
      }
      const event = await ctx.db
        .selectFrom("outbox")
        .selectAll()
        .where("id", "=", payload.eventId)
        .executeTakeFirst();
      if (!event) throw new PermanentJobError(`event '${payload.eventId}' no longer exists`);
      const body = JSON.stringify({
        id: event.id,
        type: event.event_type,
        createdAt: event.created_at,
        aggregate: { type: event.aggregate_type, id: event.aggregate_id },
        data: JSON.parse(event.payload) as unknown,
      });
      const started = Date.now();
      const log = async (statusCode: number | null, error: string | null) => {
        await ctx.db
          .insertInto("webhook_deliveries")
          .values({
            id: newId(),
            subscription_id: subscription.id,
            event_id: event.id,
            event_type: event.event_type,
            attempt: ctx.attempt,
            status_code: statusCode,
            ok: error === null ? 1 : 0,
            error: error?.slice(0, 500) ?? null,
            duration_ms: Date.now() - started,
            created_at: ctx.now.toISOString(),
          })
          .execute();
      };
      let response: Response;
      try {
        response = await fetch(subscription.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "user-agent": "Aftercare-Webhooks/1",
            // webhook-id is the event id, the same on every retry: a receiver drops a delivery it already has.
            ...signWebhook(subscription.secret, event.id, body, ctx.now),
            "x-aftercare-event": event.event_type,
            "x-aftercare-attempt": String(ctx.attempt),
          },
          body,
          // A redirect is reported as a failure rather than followed: the admin registered this URL, and a
          // signed event must not be forwarded somewhere else without them seeing it.
          redirect: "manual",
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const timedOut = error instanceof Error && error.name === "TimeoutError";
        const message = timedOut
          ? `no answer from ${subscription.url} within ${timeoutMs} ms`
          : `could not reach ${subscription.url}: ${error instanceof Error ? error.message : String(error)}`;
        await log(null, message);
        throw new Error(message);
      }
      // Read (and cap) the answer so the connection is released and the error says what the receiver said.
      const answer = (await response.text().catch(() => "")).slice(0, 300);
      if (response.status < 200 || response.status > 299) {
        const message = `${subscription.url} answered ${response.status}${answer ? `: ${answer}` : ""}`;
        await log(response.status, message);
        throw new Error(message);
      }
      await log(response.status, null);
      ctx.logger.info(
        { jobId: ctx.jobId, subscriptionId: subscription.id, eventId: event.id, status: response.status },
        "webhook delivered",
      );
    },
  });
}

export const webhookDeliveryJob = createWebhookDeliveryJob();
