// Outbound webhooks: each domain event a brand's subscription asks for is POSTed as JSON to the
// subscriber's URL, signed so the receiver can tell it comes from this install and is fresh:
//
//   x-aftercare-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>
//
// A delivery is a job, so a subscriber that is down or slow gets the event later (retries with
// exponential backoff) and, after the last attempt, the job is failed with the last error kept.
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { defineJob, type JobDefinition, PermanentJobError } from "../../jobs/definition.ts";

export const SIGNATURE_HEADER = "x-aftercare-signature";
export const WEBHOOK_JOB = "webhook.deliver";
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;
/** How old a signed timestamp a receiver should still accept (replay protection). */
export const SIGNATURE_TOLERANCE_S = 300;

export function signWebhook(secret: string, body: string, timestampSeconds: number): string {
  const mac = createHmac("sha256", secret).update(`${timestampSeconds}.${body}`).digest("hex");
  return `t=${timestampSeconds},v1=${mac}`;
}

/** What a receiver does with a delivery; used by our tests and offered to integrators as the reference. */
export function verifyWebhookSignature(
  secret: string,
  header: string,
  body: string,
  nowSeconds: number,
  toleranceSeconds = SIGNATURE_TOLERANCE_S,
): boolean {
  const parts = new Map(
    header.split(",").map((part) => {
      const at = part.indexOf("=");
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get("t"));
  const given = parts.get("v1") ?? "";
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = signWebhook(secret, body, t).slice(`t=${t},v1=`.length);
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
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
      const timestamp = Math.floor(ctx.now.getTime() / 1000);
      let response: Response;
      try {
        response = await fetch(subscription.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "user-agent": "Aftercare-Webhooks/1",
            [SIGNATURE_HEADER]: signWebhook(subscription.secret, body, timestamp),
            "x-aftercare-event": event.event_type,
            // The same on every retry of this event, so a receiver can drop a delivery it already has.
            "x-aftercare-event-id": event.id,
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
        throw new Error(
          timedOut
            ? `no answer from ${subscription.url} within ${timeoutMs} ms`
            : `could not reach ${subscription.url}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      // Read (and cap) the answer so the connection is released and the error says what the receiver said.
      const answer = (await response.text().catch(() => "")).slice(0, 300);
      if (response.status < 200 || response.status > 299) {
        throw new Error(`${subscription.url} answered ${response.status}${answer ? `: ${answer}` : ""}`);
      }
      ctx.logger.info(
        { jobId: ctx.jobId, subscriptionId: subscription.id, eventId: event.id, status: response.status },
        "webhook delivered",
      );
    },
  });
}

export const webhookDeliveryJob = createWebhookDeliveryJob();
