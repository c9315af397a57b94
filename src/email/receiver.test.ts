// Speaks real SMTP to the receiver with a nodemailer client: cases open and thread, Message-IDs are
// stored once, bad mail is dead-lettered without blocking the next, images become evidence, auto-replies
// open nothing, the partnerships address makes applications, and unknown recipients are refused.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IMAGE_BYTES } from "../../test/support/claims-test-seed.ts";
import { seedBrand, seedOrder } from "../../test/support/test-seed.ts";
import { getCase } from "../app/cases/get-case.ts";
import { getMessageAttachment } from "../app/cases/get-message-attachment.ts";
import { createEvidenceStorage } from "../app/claims/evidence-storage.ts";
import type { Store } from "../db/database.ts";
import { testDatabases } from "../db/test-db.ts";
import { silentLogger } from "../jobs/definition.ts";
import type { IngestResult } from "./ingest.ts";
import { listDeadLetters, retryDeadLetter } from "./ingest.ts";
import { type Receiver, startReceiver } from "./receiver.ts";

const NOW = new Date("2026-03-10T10:00:00Z");

describe.each(testDatabases())("mail receiver on $name", (target) => {
  let store: Store;
  let receiver: Receiver;
  let client: Transporter;
  let dataDir: string;
  const results: IngestResult[] = [];
  let orderNumber = "";
  let orderEmail = "";

  beforeAll(async () => {
    store = await target.open();
    dataDir = mkdtempSync(join(tmpdir(), "aftercare-mail-"));
    const kallesia = await seedBrand(store.db, "kallesia");
    await seedBrand(store.db, "castella");
    const order = await seedOrder(store.db, {
      brandId: kallesia.id,
      currency: "GBP",
      number: "KAL-20001",
      email: "amelia@example.com",
      status: "delivered",
      placedAt: "2026-03-01T10:00:00Z",
      deliveredAt: "2026-03-05T10:00:00Z",
      lines: [{ key: "1", unitPrice: 5000 }],
    });
    orderNumber = order.number;
    orderEmail = order.email;
    receiver = await startReceiver({
      db: store.db,
      evidence: createEvidenceStorage({ dataDir }),
      dataDir,
      now: () => NOW,
      port: 0,
      logger: silentLogger,
      onProcessed: (r) => results.push(r),
    });
    client = nodemailer.createTransport({
      host: "127.0.0.1",
      port: receiver.port,
      secure: false,
      ignoreTLS: true,
    });
  });
  afterAll(async () => {
    client.close();
    await receiver.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const lastResult = () => results.at(-1);

  it("opens a case for a new message, linked to the order quoted by its own shopper", async () => {
    await client.sendMail({
      from: `Amelia <${orderEmail}>`,
      to: "help@kallesia.com",
      subject: `Wrong size on ${orderNumber}`,
      text: "The dress is too small, can I return it?",
      messageId: "<first@example.com>",
    });
    const result = lastResult();
    expect(result?.outcome).toBe("new_case");
    const caseId = result && "caseId" in result ? result.caseId : "";
    const row = await store.db
      .selectFrom("support_cases")
      .selectAll()
      .where("id", "=", caseId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      channel: "email",
      customer_email: orderEmail,
      request_type: "return_question",
      mailbox: "support",
    });
    expect(row.order_id).not.toBeNull();
    expect(row.first_response_due_at).not.toBeNull();
  });

  it("threads a reply by In-Reply-To and by the reply token, and stores a Message-ID once", async () => {
    const first = await store.db
      .selectFrom("case_messages")
      .select("case_id")
      .where("email_message_id", "=", "<first@example.com>")
      .executeTakeFirstOrThrow();
    await client.sendMail({
      from: orderEmail,
      to: "help@kallesia.com",
      subject: "Re: Wrong size",
      text: "Any news?",
      messageId: "<second@example.com>",
      inReplyTo: "<first@example.com>",
      references: ["<first@example.com>"],
    });
    expect(lastResult()).toMatchObject({ outcome: "threaded", caseId: first.case_id });
    const token = (
      await store.db
        .selectFrom("support_cases")
        .select("reply_token")
        .where("id", "=", first.case_id)
        .executeTakeFirstOrThrow()
    ).reply_token;
    await client.sendMail({
      from: orderEmail,
      to: `help+r-${token}@kallesia.com`,
      subject: "my client dropped the headers",
      text: "Still here.",
      messageId: "<third@example.com>",
    });
    expect(lastResult()).toMatchObject({ outcome: "threaded", caseId: first.case_id });
    await client.sendMail({
      from: orderEmail,
      to: "help@kallesia.com",
      subject: "Re: Wrong size",
      text: "Any news?",
      messageId: "<second@example.com>",
    });
    expect(lastResult()).toMatchObject({ outcome: "duplicate", caseId: first.case_id });
    const copies = await store.db
      .selectFrom("case_messages")
      .select("id")
      .where("email_message_id", "=", "<second@example.com>")
      .execute();
    expect(copies).toHaveLength(1);
    const thread = await store.db
      .selectFrom("case_messages")
      .select("id")
      .where("case_id", "=", first.case_id)
      .execute();
    expect(thread).toHaveLength(3);
  });

  it("does not link an order quoted by someone else", async () => {
    await client.sendMail({
      from: "stranger@example.net",
      to: "help@kallesia.com",
      subject: `Order ${orderNumber}`,
      text: "What is the address on this order?",
    });
    const result = lastResult();
    const caseId = result && "caseId" in result ? result.caseId : "";
    const row = await store.db
      .selectFrom("support_cases")
      .selectAll()
      .where("id", "=", caseId)
      .executeTakeFirstOrThrow();
    expect(row.order_id).toBeNull();
    const note = await store.db
      .selectFrom("case_messages")
      .select(["body", "is_internal"])
      .where("case_id", "=", caseId)
      .where("direction", "=", "internal")
      .executeTakeFirstOrThrow();
    expect(note.is_internal).toBe(1);
    expect(note.body).toContain(orderNumber);
  });

  it("dead-letters a malformed message and processes the next one", async () => {
    await client.sendMail({
      envelope: { from: "someone@example.com", to: ["help@kallesia.com"] },
      raw: "this is not a mail message at all\r\n",
    });
    const dead = lastResult();
    expect(dead?.outcome).toBe("dead_letter");
    await client.sendMail({
      from: "next@example.com",
      to: "help@kallesia.com",
      subject: "Discount code did not work",
      text: "My promo code was refused at checkout.",
    });
    const next = lastResult();
    expect(next?.outcome).toBe("new_case");
    const letters = await listDeadLetters(store.db);
    expect(letters).toHaveLength(1);
    expect(letters[0]?.reason).toMatch(/sender/);
    const again = await retryDeadLetter(
      { db: store.db, evidence: createEvidenceStorage({ dataDir }), dataDir, now: () => NOW },
      letters[0]?.id ?? "",
    );
    expect(again?.outcome).toBe("dead_letter");
    expect((await listDeadLetters(store.db))[0]?.attempts).toBe(2);
    const nextCase = next && "caseId" in next ? next.caseId : "";
    const row = await store.db
      .selectFrom("support_cases")
      .select("request_type")
      .where("id", "=", nextCase)
      .executeTakeFirstOrThrow();
    expect(row.request_type).toBe("discount");
  });

  it("keeps an image attachment as evidence, its type read from the bytes", async () => {
    const jpeg = Buffer.concat([Buffer.from(IMAGE_BYTES.jpeg), Buffer.alloc(64, 1)]);
    await client.sendMail({
      from: orderEmail,
      to: "help@kallesia.com",
      subject: "Broken zip",
      text: "The zip broke on the first day, photo attached.",
      attachments: [
        { filename: "fault.txt", content: jpeg, contentType: "text/plain" },
        {
          filename: "notes.jpg",
          content: Buffer.from("plain words, not a picture"),
          contentType: "image/jpeg",
        },
      ],
    });
    const result = lastResult();
    const caseId = result && "caseId" in result ? result.caseId : "";
    const message = await store.db
      .selectFrom("case_messages")
      .select("attachments")
      .where("case_id", "=", caseId)
      .executeTakeFirstOrThrow();
    const attachments = JSON.parse(message.attachments) as {
      contentType: string;
      evidence: boolean;
      storageName: string;
    }[];
    expect(attachments.map((a) => [a.contentType, a.evidence])).toEqual([
      ["image/jpeg", true],
      ["application/octet-stream", false],
    ]);
    const evidence = createEvidenceStorage({ dataDir });
    expect((await evidence.read(attachments[0]?.storageName ?? "")).equals(jpeg)).toBe(true);
    const row = await store.db
      .selectFrom("support_cases")
      .select("request_type")
      .where("id", "=", caseId)
      .executeTakeFirstOrThrow();
    expect(row.request_type).toBe("faulty_item");
    // The desk sees the files on the message, with the type read from the bytes.
    const detail = await getCase(store.db, { caseId, actor: { type: "system", id: "t" } });
    expect(detail.messages[0]?.attachments).toEqual([
      { name: "fault.txt", contentType: "image/jpeg", sizeBytes: jpeg.length, evidence: true },
      { name: "notes.jpg", contentType: "application/octet-stream", sizeBytes: 26, evidence: false },
    ]);
    // Each file opens for the desk with the bytes that arrived; the shopper's session does not open them.
    const files = { evidence, dataDir };
    const messageId = detail.messages[0]?.id ?? "";
    const system = { type: "system" as const, id: "t" };
    const photo = await getMessageAttachment(store.db, files, { actor: system, caseId, messageId, index: 0 });
    expect([photo.contentType, photo.bytes.equals(jpeg)]).toEqual(["image/jpeg", true]);
    const other = await getMessageAttachment(store.db, files, { actor: system, caseId, messageId, index: 1 });
    expect([other.name, other.bytes.toString()]).toEqual(["notes.jpg", "plain words, not a picture"]);
    await expect(
      getMessageAttachment(store.db, files, { actor: system, caseId, messageId, index: 2 }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const order = await store.db
      .selectFrom("orders")
      .select(["id", "brand_id"])
      .where("number", "=", orderNumber)
      .executeTakeFirstOrThrow();
    const shopper = {
      type: "shopper" as const,
      orderId: order.id,
      brandId: order.brand_id,
      email: orderEmail,
    };
    await expect(
      getMessageAttachment(store.db, files, { actor: shopper, caseId, messageId, index: 0 }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("opens nothing for an auto-reply or a bounce", async () => {
    const before = await store.db.selectFrom("support_cases").select("id").execute();
    await client.sendMail({
      from: orderEmail,
      to: "help@kallesia.com",
      subject: "Out of office",
      text: "I am away until Monday.",
      headers: { "Auto-Submitted": "auto-replied" },
    });
    expect(lastResult()).toMatchObject({ outcome: "ignored" });
    await client.sendMail({
      from: "MAILER-DAEMON@mx.example.net",
      to: "help@kallesia.com",
      subject: "Undelivered Mail Returned to Sender",
      text: "delivery failed",
    });
    expect(lastResult()).toMatchObject({ outcome: "ignored" });
    await client.sendMail({
      from: "news@shop.example",
      to: "help@kallesia.com",
      subject: "Weekly deals",
      text: "deals",
      headers: { Precedence: "bulk" },
    });
    expect(lastResult()).toMatchObject({ outcome: "ignored" });
    const after = await store.db.selectFrom("support_cases").select("id").execute();
    expect(after).toHaveLength(before.length);
  });

  it("turns mail to the partnerships address into a collaboration application", async () => {
    await client.sendMail({
      from: "Rosa Creator <rosa@example.org>",
      to: "collaborations@kallesia.com",
      subject: "Collaboration",
      text: "Hi! I post outfits on Instagram as @rosa.styles and would love to work together.",
    });
    const result = lastResult();
    expect(result?.outcome).toBe("application");
    const app = await store.db
      .selectFrom("collaboration_applications")
      .selectAll()
      .where("email", "=", "rosa@example.org")
      .executeTakeFirstOrThrow();
    expect(app).toMatchObject({ platform: "Instagram", handle: "rosa.styles", name: "Rosa Creator" });
  });

  it("refuses an unknown recipient at RCPT time", async () => {
    const count = results.length;
    await expect(
      client.sendMail({ from: orderEmail, to: "nobody@kallesia.com", subject: "hello", text: "hi" }),
    ).rejects.toMatchObject({ responseCode: 550 });
    await expect(
      client.sendMail({ from: orderEmail, to: "help@elsewhere.example", subject: "hello", text: "hi" }),
    ).rejects.toMatchObject({ responseCode: 550 });
    expect(results.length).toBe(count);
  });
});
