// The background work every Aftercare process with a store can run: job workers and the outbox relay.
// `aftercare serve` starts it beside the HTTP server, `aftercare worker` on its own; either way, any
// number of processes may run it against one PostgreSQL database and each job and event is handled once.

import { startOutboxRelay, webhookSubscriber } from "../app/integrations/outbox-relay.ts";
import { webhookDeliveryJob } from "../app/integrations/webhooks.ts";
import { SERVICE_LEVEL_JOBS, scheduleServiceTimers } from "../app/service-levels/timers.ts";
import type { Db } from "../db/database.ts";
import { createEmailSubscriber, type EventMailSettings } from "../email/event-mail.ts";
import { emailSendJob } from "../email/outgoing.ts";
import type { AnyJobDefinition, JobLogger } from "../jobs/definition.ts";
import { DEFAULT_POLL_MS, type Loop, startWorker } from "../jobs/runner.ts";

/** Every job this install knows how to run; add new definitions here. */
export const BUILT_IN_JOBS: readonly AnyJobDefinition[] = [
  webhookDeliveryJob,
  emailSendJob as AnyJobDefinition,
  ...(SERVICE_LEVEL_JOBS as readonly AnyJobDefinition[]),
];

export interface BackgroundOptions {
  readonly db: Db;
  readonly logger: JobLogger;
  readonly now?: () => Date;
  /** Workers in this process, each running one job at a time (default 1). */
  readonly workers?: number;
  readonly relay?: boolean;
  readonly pollMs?: number;
  readonly jobs?: readonly AnyJobDefinition[];
  /** Mails shoppers from events (links are signed with the session secret); off when absent. */
  readonly email?: EventMailSettings;
}

export function startBackgroundWork(options: BackgroundOptions): Loop {
  const loops: Loop[] = [];
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  for (let i = 0; i < (options.workers ?? 1); i++) {
    loops.push(
      startWorker({
        db: options.db,
        jobs: options.jobs ?? BUILT_IN_JOBS,
        now: options.now,
        pollMs,
        logger: options.logger,
      }),
    );
  }
  if (options.relay ?? true) {
    const subscribers = [
      webhookSubscriber,
      scheduleServiceTimers,
      ...(options.email ? [createEmailSubscriber(options.email)] : []),
    ];
    loops.push(
      startOutboxRelay({ db: options.db, now: options.now, pollMs, logger: options.logger, subscribers }),
    );
  }
  options.logger.info(
    { workers: options.workers ?? 1, relay: options.relay ?? true },
    "background work started",
  );
  return {
    stop: async () => {
      await Promise.all(loops.map((l) => l.stop()));
      options.logger.info({}, "background work stopped");
    },
  };
}
