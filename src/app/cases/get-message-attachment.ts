// One file that came with a shopper's email, for the desk. The bytes are found from the storage name
// kept on the message row, never from anything the caller names: images live with claim evidence,
// other files (PDF receipts, archives) in the data folder's `mail` sub-folder.
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Db } from "../../db/database.ts";
import type { Actor } from "../kernel/actor.ts";
import { notFound } from "../kernel/errors.ts";
import { canWorkDesk, loadCaseFor } from "./case-access.ts";
import type { EmailAttachmentRecord } from "./receive-email-message.ts";

export interface MessageAttachmentFile {
  readonly name: string | null;
  readonly contentType: string;
  readonly sha256: string;
  readonly bytes: Buffer;
}

const MAIL_FILE = /^[0-9a-f]{32}\.[a-z0-9]{1,8}$/;

export async function getMessageAttachment(
  db: Db,
  storage: {
    /** Where image attachments were kept (the claims' evidence storage). */
    readonly evidence: { read(storageName: string): Promise<Buffer> };
    readonly dataDir: string;
  },
  options: {
    readonly actor: Actor;
    readonly caseId: string;
    readonly messageId: string;
    readonly index: number;
  },
): Promise<MessageAttachmentFile> {
  const supportCase = await loadCaseFor(db, options.actor, options.caseId);
  // The shopper who wrote the mail has it already; the desk is who reads attachments here.
  if (!canWorkDesk(options.actor, supportCase.brand_id)) throw notFound("case", options.caseId);
  const message = await db
    .selectFrom("case_messages")
    .select(["attachments", "is_internal"])
    .where("id", "=", options.messageId)
    .where("case_id", "=", supportCase.id)
    .executeTakeFirst();
  if (!message) throw notFound("message", options.messageId);
  const files = JSON.parse(message.attachments) as EmailAttachmentRecord[];
  const file = files[options.index];
  if (!file?.storageName) throw notFound("attachment", String(options.index));
  let bytes: Buffer;
  if (file.evidence) {
    bytes = await storage.evidence.read(file.storageName);
  } else {
    if (!MAIL_FILE.test(file.storageName)) throw notFound("attachment", String(options.index));
    bytes = await readFile(join(resolve(storage.dataDir, "mail"), file.storageName)).catch(() => {
      throw notFound("attachment", String(options.index));
    });
  }
  return { name: file.name, contentType: file.contentType, sha256: file.sha256, bytes };
}
