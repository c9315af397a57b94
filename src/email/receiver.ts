// The built-in SMTP receiver: accepts mail for the brands' support and partnerships addresses (with or
// without a +tag) and refuses every other recipient at RCPT time, so the sender's server bounces it and
// nothing is stored. Each accepted message is processed before the 250 answer; a message that cannot be
// processed is kept as a dead letter and still accepted, so one bad message never blocks the next.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import type { JobLogger } from "../jobs/definition.ts";
import { receivingAddresses, splitAddress } from "./brand-mail.ts";
import { type IngestDeps, type IngestResult, ingestMail } from "./ingest.ts";

export const DEFAULT_INBOUND_PORT = 2525;
export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

export interface ReceiverOptions extends IngestDeps {
  readonly host?: string;
  readonly port?: number;
  readonly logger: JobLogger;
  readonly maxBytes?: number;
  /** Called after each message (tests wait on it). */
  readonly onProcessed?: (result: IngestResult) => void;
}

export interface Receiver {
  readonly port: number;
  close(): Promise<void>;
}

const smtpError = (message: string, code: number) =>
  Object.assign(new Error(message), { responseCode: code });

export async function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const maxBytes = options.maxBytes ?? MAX_MESSAGE_BYTES;
  const server = new SMTPServer({
    name: "aftercare",
    banner: "Aftercare mail receiver",
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    size: maxBytes,
    logger: false,
    onRcptTo(address, _session, callback) {
      receivingAddresses(options.db).then(
        (addresses) => {
          if (addresses.has(splitAddress(address.address).base)) callback();
          else callback(smtpError(`5.1.1 <${address.address}>: no such mailbox here`, 550));
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          callback(smtpError(`5.3.4 message larger than ${maxBytes} bytes`, 552));
          return;
        }
        const raw = Buffer.concat(chunks);
        const envelope = {
          mailFrom: session.envelope.mailFrom === false ? null : session.envelope.mailFrom.address,
          recipients: session.envelope.rcptTo.map((r) => r.address),
        };
        ingestMail(options, raw, envelope).then(
          (result) => {
            options.logger.info({ ...result, from: envelope.mailFrom }, "mail received");
            options.onProcessed?.(result);
            callback();
          },
          (error: unknown) => {
            // Not even the dead letter could be written (the database is down): a temporary failure makes
            // the sender's server try again later.
            options.logger.error(
              { err: error instanceof Error ? error.message : String(error) },
              "mail not stored",
            );
            callback(smtpError("4.3.0 cannot store the message now, try again later", 451));
          },
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? DEFAULT_INBOUND_PORT, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  server.on("error", (error) => options.logger.warn({ err: error.message }, "mail receiver error"));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
