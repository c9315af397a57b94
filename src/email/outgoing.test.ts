// Outbound mail through a local SMTP sink (an smtp-server inside the test): threading headers, the
// reply token, both parts and the brand's name; a failed send retried by the queue arrives once, and an
// event handed over twice makes one message.
import type { ParsedMail } from "mailparser";
import nodemailer, { type Transporter } from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliver, MAIL_SETTINGS as SETTINGS, type Sink, startSink } from "../../test/support/mail.ts";
import { seedBrand, staff } from "../../test/support/test-seed.ts";
import { receiveEmailMessage } from "../app/cases/receive-email-message.ts";
import { replyToCase } from "../app/cases/reply-to-case.ts";
import { newRelayPass, type OutboxEvent } from "../app/integrations/outbox-relay.ts";
import type { Store } from "../db/database.ts";
import { testDatabases } from "../db/test-db.ts";
import { enqueue } from "../jobs/queue.ts";
import { createEmailSubscriber } from "./event-mail.ts";
import { createEmailSendJob } from "./outgoing.ts";

const T0 = new Date("2026-03-10T10:00:00Z");

describe.each(testDatabases())("outbound mail on $name", (target) => {
  let store: Store;
  let sink: Sink;
  let transport: Transporter;
  let brandId = "";

  beforeAll(async () => {
    store = await target.open();
    brandId = (await seedBrand(store.db, "kallesia")).id;
    sink = await startSink();
    transport = nodemailer.createTransport({ host: "127.0.0.1", port: sink.port, ignoreTLS: true });
  });
  afterAll(async () => {
    transport.close();
    await sink.close();
    await store.close();
  });

  it("sends a staff reply threaded to the shopper's mail, with a reply token, both parts and the brand", async () => {
    const db = store.db;
    const inbound = await receiveEmailMessage(db, {
      brandId,
      mailbox: "support",
      from: "ines@example.com",
      fromName: "Ines",
      subject: "Size question",
      text: "Does the linen dress run small?",
      messageId: "<in-1@example.com>",
      inReplyTo: null,
      references: [],
      replyToken: null,
      attachments: [],
      now: T0,
    });
    await replyToCase(db, {
      caseId: inbound.caseId,
      body: "It runs true to size; take your usual one.",
      actor: staff("agent", brandId),
      now: new Date(T0.getTime() + 60_000),
    });
    const later = new Date(T0.getTime() + 120_000);
    sink.failNext(1);
    expect(await deliver(db, transport, later)).toEqual(["retrying"]);
    expect(sink.received).toHaveLength(0);
    // The queue's backoff (30 s for the first retry) has passed: the same message goes out once.
    expect(await deliver(db, transport, new Date(later.getTime() + 31_000))).toEqual(["done"]);
    expect(sink.received).toHaveLength(1);

    const mail = sink.received[0] as ParsedMail;
    const row = await db
      .selectFrom("email_outbox")
      .selectAll()
      .where("case_id", "=", inbound.caseId)
      .executeTakeFirstOrThrow();
    const supportCase = await db
      .selectFrom("support_cases")
      .select("reply_token")
      .where("id", "=", inbound.caseId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "sent", template: "staff_reply", attempts: 2 });
    expect(mail.messageId).toBe(row.message_id);
    expect(mail.inReplyTo).toBe("<in-1@example.com>");
    expect([mail.references].flat()).toContain("<in-1@example.com>");
    expect(mail.replyTo?.value[0]?.address).toBe(`help+r-${supportCase.reply_token}@kallesia.com`);
    expect(mail.from?.value[0]).toMatchObject({ name: "Kallesia", address: "help@kallesia.com" });
    expect(mail.subject).toBe("Re: Size question");
    expect(mail.text).toContain("It runs true to size; take your usual one.");
    expect(mail.html).toContain("It runs true to size; take your usual one.");
    expect(mail.text).toContain("Kallesia");
    expect(mail.html).toContain("Kallesia");
    // A person wrote it: not marked as automatic.
    expect(mail.headers.get("auto-submitted")).toBeUndefined();
    // The outbound message is stamped on the case message, so an answer to it threads back.
    const stamped = await db
      .selectFrom("case_messages")
      .select("email_message_id")
      .where("case_id", "=", inbound.caseId)
      .where("direction", "=", "outbound")
      .executeTakeFirstOrThrow();
    expect(stamped.email_message_id).toBe(row.message_id);

    // The same event handed over again (a relay crash) and the send job run again: still one message.
    const event = await db
      .selectFrom("outbox")
      .selectAll()
      .where("event_type", "=", "case.replied")
      .executeTakeFirstOrThrow();
    const asEvent: OutboxEvent = {
      id: event.id,
      brandId: event.brand_id,
      type: event.event_type,
      aggregateType: event.aggregate_type,
      aggregateId: event.aggregate_id,
      createdAt: event.created_at,
      payload: JSON.parse(event.payload) as unknown,
    };
    await createEmailSubscriber(SETTINGS)(db, asEvent, later, newRelayPass());
    await enqueue(db, createEmailSendJob(), { emailId: row.id }, { now: later });
    await deliver(db, transport, new Date(later.getTime() + 60_000));
    expect(sink.received).toHaveLength(1);
    expect(
      await db.selectFrom("email_outbox").select("id").where("case_id", "=", inbound.caseId).execute(),
    ).toHaveLength(1);
  });

  it("keeps mail in the outbox as held when no SMTP relay is configured", async () => {
    const db = store.db;
    const inbound = await receiveEmailMessage(db, {
      brandId,
      mailbox: "support",
      from: "held@example.com",
      fromName: null,
      subject: "Question",
      text: "Hello",
      messageId: "<in-2@example.com>",
      inReplyTo: null,
      references: [],
      replyToken: null,
      attachments: [],
      now: T0,
    });
    await replyToCase(db, {
      caseId: inbound.caseId,
      body: "Hello back",
      actor: staff("agent", brandId),
      now: T0,
    });
    await deliver(db, null, T0);
    const row = await db
      .selectFrom("email_outbox")
      .selectAll()
      .where("case_id", "=", inbound.caseId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("held");
    expect(sink.received.some((m) => m.to && JSON.stringify(m.to).includes("held@example.com"))).toBe(false);
  });
});
