// One received message, from raw bytes to a stored case message (or a collaboration application):
// parsed with mailparser, checked, its attachments kept (type sniffed from the bytes, images as evidence),
// then handed to the desk. Auto-replies and bounces are dropped without a case or an answer, so two
// auto-responders can never start a loop. Anything that cannot be parsed or stored becomes a dead letter
// with its reason, and the next message is processed as usual.
import { createHash, randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { type ParsedMail, simpleParser } from "mailparser";
import { type EmailAttachmentRecord, receiveEmailMessage } from "../app/cases/receive-email-message.ts";
import { detectImageType, type EvidenceStorage } from "../app/claims/evidence-storage.ts";
import {
  applyCollaboration,
  COLLABORATION_PLATFORMS,
  type CollaborationPlatform,
} from "../app/collaborations/apply-collaboration.ts";
import { SYSTEM } from "../app/kernel/actor.ts";
import { type Db, newId } from "../db/database.ts";
import { type MailboxAddress, receivingAddresses, splitAddress } from "./brand-mail.ts";

export const MAX_ATTACHMENTS = 10;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export interface IngestDeps {
  readonly db: Db;
  readonly evidence: EvidenceStorage;
  /** Where non-image attachments are kept (DATA_DIR/mail). */
  readonly dataDir: string;
  readonly now: () => Date;
}

export interface Envelope {
  readonly mailFrom: string | null;
  readonly recipients: readonly string[];
}

export type IngestResult =
  | { readonly outcome: "new_case" | "threaded" | "duplicate"; readonly caseId: string }
  | { readonly outcome: "application"; readonly applicationId: string }
  | { readonly outcome: "ignored"; readonly reason: string }
  | { readonly outcome: "dead_letter"; readonly deadLetterId: string; readonly reason: string };

export class UnprocessableMail extends Error {}

function header(parsed: ParsedMail, name: string): string {
  const value = parsed.headers.get(name);
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "object" && "value" in value) return String((value as { value: unknown }).value);
  return String(value);
}

/** Why this message is machine-sent (an auto-reply, a bounce, a list), or null for a person's mail. */
export function automatedReason(parsed: ParsedMail, envelopeFrom: string | null): string | null {
  const auto = header(parsed, "auto-submitted").toLowerCase();
  if (auto && auto !== "no") return `Auto-Submitted: ${auto}`;
  const precedence = header(parsed, "precedence").toLowerCase();
  if (["bulk", "junk", "list", "auto_reply"].includes(precedence)) return `Precedence: ${precedence}`;
  if (parsed.headers.has("x-autoreply") || parsed.headers.has("x-autorespond"))
    return "auto-responder header";
  if (
    header(parsed, "x-auto-response-suppress") &&
    /all|oof|autoreply/i.test(header(parsed, "x-auto-response-suppress"))
  )
    return "auto-response suppress";
  const from = parsed.from?.value[0]?.address?.toLowerCase() ?? "";
  if (/^(mailer-daemon|postmaster|no-?reply|bounces?)@/.test(from)) return `sent by ${from}`;
  if (envelopeFrom === "") return "null return path (a bounce)";
  const type = header(parsed, "content-type").toLowerCase();
  if (type.includes("multipart/report")) return "delivery report";
  return null;
}

function sniff(bytes: Buffer): { contentType: string; extension: string } {
  const image = detectImageType(bytes);
  if (image) return { contentType: image.contentType, extension: image.extension };
  if (bytes.subarray(0, 5).toString("latin1") === "%PDF-")
    return { contentType: "application/pdf", extension: "pdf" };
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return { contentType: "application/zip", extension: "zip" };
  return { contentType: "application/octet-stream", extension: "bin" };
}

async function keepAttachments(deps: IngestDeps, parsed: ParsedMail): Promise<EmailAttachmentRecord[]> {
  const kept: EmailAttachmentRecord[] = [];
  for (const a of parsed.attachments.slice(0, MAX_ATTACHMENTS)) {
    const bytes = a.content;
    if (bytes.length === 0 || bytes.length > MAX_ATTACHMENT_BYTES) continue;
    const type = sniff(bytes);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    let storageName: string | null = null;
    let evidence = false;
    if (type.contentType.startsWith("image/") && bytes.length <= deps.evidence.maxBytes) {
      storageName = (await deps.evidence.save(bytes)).storageName;
      evidence = true;
    } else {
      const dir = resolve(deps.dataDir, "mail");
      await mkdir(dir, { recursive: true, mode: 0o700 });
      storageName = `${randomUUID().replaceAll("-", "")}.${type.extension}`;
      await writeFile(join(dir, storageName), bytes, { flag: "wx", mode: 0o600 });
    }
    kept.push({
      name: a.filename ? a.filename.slice(0, 200) : null,
      contentType: type.contentType,
      sizeBytes: bytes.length,
      sha256,
      storageName,
      evidence,
    });
  }
  return kept;
}

const PLATFORM_CUES: ReadonlyArray<readonly [CollaborationPlatform, RegExp]> = [
  ["Instagram", /instagram\.com\/([A-Za-z0-9._]{2,30})|\binstagram\b[^@\n]{0,40}@([A-Za-z0-9._]{2,30})/i],
  ["TikTok", /tiktok\.com\/@([A-Za-z0-9._]{2,30})|\btik ?tok\b[^@\n]{0,40}@([A-Za-z0-9._]{2,30})/i],
  ["Meta", /facebook\.com\/([A-Za-z0-9.]{2,50})|\b(?:facebook|meta)\b[^@\n]{0,40}@([A-Za-z0-9.]{2,50})/i],
];

/** The platform and handle of a collaboration request, when the mail states them. */
export function readCollaboration(text: string): { platform: CollaborationPlatform; handle: string } | null {
  for (const [platform, cue] of PLATFORM_CUES) {
    const m = cue.exec(text);
    const handle = m?.[1] ?? m?.[2];
    if (handle && COLLABORATION_PLATFORMS.includes(platform)) return { platform, handle };
  }
  return null;
}

function messageIdOf(parsed: ParsedMail, raw: Buffer): string {
  const given = parsed.messageId?.trim();
  if (given) return given.startsWith("<") ? given : `<${given}>`;
  // No Message-ID: one made from the bytes still stores a redelivered copy once.
  return `<${createHash("sha256").update(raw).digest("hex")}@no-message-id.invalid>`;
}

const asList = (v: string | string[] | undefined): string[] =>
  (v === undefined ? [] : Array.isArray(v) ? v : v.split(/\s+/)).filter(Boolean);

/** Processes one message; throws UnprocessableMail (or anything) when it cannot be stored. */
export async function processMail(deps: IngestDeps, raw: Buffer, envelope: Envelope): Promise<IngestResult> {
  const parsed = await simpleParser(raw);
  const from = parsed.from?.value[0]?.address?.trim().toLowerCase();
  if (!from || !/^[^\s@]+@[^\s@]+$/.test(from)) throw new UnprocessableMail("no sender address (From)");
  if (parsed.headers.size === 0) throw new UnprocessableMail("no headers");
  const automated = automatedReason(parsed, envelope.mailFrom);
  if (automated) return { outcome: "ignored", reason: automated };

  const addresses = await receivingAddresses(deps.db);
  let target: MailboxAddress | undefined;
  let replyToken: string | null = null;
  for (const rcpt of envelope.recipients) {
    const { base, tag } = splitAddress(rcpt);
    const found = addresses.get(base);
    if (found) {
      target ??= found;
      if (tag?.startsWith("r-")) replyToken = tag.slice(2);
    }
  }
  if (!target) throw new UnprocessableMail("no recipient is a brand address");
  const text = (
    parsed.text ?? (typeof parsed.html === "string" ? parsed.html.replace(/<[^>]+>/g, " ") : "")
  ).trim();
  const subject = (parsed.subject ?? "").trim();
  const now = deps.now();

  if (target.mailbox === "partnerships" && !replyToken && !parsed.inReplyTo) {
    const read = readCollaboration(`${subject}\n${text}`);
    if (read) {
      const name = parsed.from?.value[0]?.name?.trim() || from.slice(0, from.indexOf("@"));
      const result = await applyCollaboration(deps.db, {
        actor: SYSTEM,
        now,
        brand: target.slug,
        name: name.slice(0, 120),
        email: from,
        platform: read.platform,
        handle: read.handle,
        message: text.slice(0, 4000) || undefined,
      });
      return { outcome: "application", applicationId: result.application.id };
    }
  }
  const attachments = await keepAttachments(deps, parsed);
  const received = await receiveEmailMessage(deps.db, {
    brandId: target.brandId,
    mailbox: target.mailbox,
    from,
    fromName: parsed.from?.value[0]?.name ?? null,
    subject,
    text,
    messageId: messageIdOf(parsed, raw),
    inReplyTo: parsed.inReplyTo?.trim() ?? null,
    references: asList(parsed.references),
    replyToken,
    attachments,
    now,
  });
  return { outcome: received.outcome, caseId: received.caseId };
}

function reasonOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}

/** Processes a message; on failure keeps it as a dead letter and reports that instead of throwing. */
export async function ingestMail(deps: IngestDeps, raw: Buffer, envelope: Envelope): Promise<IngestResult> {
  try {
    return await processMail(deps, raw, envelope);
  } catch (error) {
    const id = newId();
    const at = deps.now().toISOString();
    const reason = reasonOf(error);
    await deps.db
      .insertInto("email_dead_letters")
      .values({
        id,
        mail_from: envelope.mailFrom,
        recipients: JSON.stringify(envelope.recipients),
        raw: raw.toString("base64"),
        size_bytes: raw.length,
        reason,
        case_id: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    return { outcome: "dead_letter", deadLetterId: id, reason };
  }
}

export interface DeadLetterView {
  readonly id: string;
  readonly mailFrom: string | null;
  readonly recipients: string[];
  readonly sizeBytes: number;
  readonly reason: string;
  readonly status: string;
  readonly attempts: number;
  readonly caseId: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export async function listDeadLetters(
  db: Db,
  options: { status?: string; limit?: number } = {},
): Promise<DeadLetterView[]> {
  let q = db.selectFrom("email_dead_letters").selectAll();
  if (options.status) q = q.where("status", "=", options.status);
  const rows = await q
    .orderBy("created_at", "desc")
    .limit(Math.min(options.limit ?? 100, 500))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    mailFrom: r.mail_from,
    recipients: JSON.parse(r.recipients) as string[],
    sizeBytes: r.size_bytes,
    reason: r.reason,
    status: r.status,
    attempts: r.attempts,
    caseId: r.case_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

/** Runs a dead letter through processing again (after a fix); it stays listed with its outcome. */
export async function retryDeadLetter(deps: IngestDeps, id: string): Promise<IngestResult | null> {
  const row = await deps.db
    .selectFrom("email_dead_letters")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  const at = deps.now().toISOString();
  try {
    const result = await processMail(deps, Buffer.from(row.raw, "base64"), {
      mailFrom: row.mail_from,
      recipients: JSON.parse(row.recipients) as string[],
    });
    await deps.db
      .updateTable("email_dead_letters")
      .set((eb) => ({
        status: "reprocessed",
        attempts: eb("attempts", "+", 1),
        case_id: "caseId" in result ? result.caseId : null,
        updated_at: at,
      }))
      .where("id", "=", id)
      .execute();
    return result;
  } catch (error) {
    const reason = reasonOf(error);
    await deps.db
      .updateTable("email_dead_letters")
      .set((eb) => ({ attempts: eb("attempts", "+", 1), reason, updated_at: at }))
      .where("id", "=", id)
      .execute();
    return { outcome: "dead_letter", deadLetterId: id, reason };
  }
}
