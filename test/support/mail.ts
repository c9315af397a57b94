// A local SMTP sink for outbound mail tests, and a helper that publishes pending events to the email
// subscriber and runs the due send jobs.
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import type { Transporter } from "nodemailer";
import { SMTPServer } from "smtp-server";
import { relayOutbox } from "../../src/app/integrations/outbox-relay.ts";
import type { Db } from "../../src/db/database.ts";
import { createEmailSubscriber } from "../../src/email/event-mail.ts";
import { createEmailSendJob } from "../../src/email/outgoing.ts";
import { runNextJob } from "../../src/jobs/runner.ts";

export const MAIL_SETTINGS = { sessionSecret: "s".repeat(40), portalBaseUrl: "https://care.example" };
const SETTINGS = MAIL_SETTINGS;

export interface Sink {
  readonly port: number;
  readonly received: ParsedMail[];
  /** The next `n` messages are answered with a temporary failure. */
  failNext(n: number): void;
  close(): Promise<void>;
}

export async function startSink(): Promise<Sink> {
  const received: ParsedMail[] = [];
  let failing = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          if (failing > 0) {
            failing -= 1;
            callback(Object.assign(new Error("4.3.2 try again later"), { responseCode: 451 }));
            return;
          }
          received.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    failNext(n) {
      failing = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Publishes pending events to the email subscriber and runs every due send job at `now`. */
export async function deliver(db: Db, transport: Transporter | null, now: Date) {
  await relayOutbox(db, { relayId: "relay-test", now, subscribers: [createEmailSubscriber(SETTINGS)] });
  const job = createEmailSendJob(() => transport);
  const outcomes = [];
  for (;;) {
    const outcome = await runNextJob({ db, jobs: [job], workerId: "w-test", now: () => now });
    if (!outcome) break;
    outcomes.push(outcome.kind);
  }
  return outcomes;
}
