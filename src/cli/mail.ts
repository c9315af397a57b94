// `aftercare mail test --to ADDRESS [--brand SLUG]`: sends one sample message through the SMTP relay in
// SMTP_URL, rendered with the brand's template, to check the relay before shoppers depend on it.
// `aftercare mail dead-letters [--retry ID]`: inbound mail that could not be stored, and processing one
// again after a fix.
import { createEvidenceStorage } from "../app/claims/evidence-storage.ts";
import { brandMail } from "../email/brand-mail.ts";
import { listDeadLetters, retryDeadLetter } from "../email/ingest.ts";
import { createTransport, newMessageId } from "../email/outgoing.ts";
import { renderMail } from "../email/templates/layout.ts";
import { parseCommandArgs } from "./args.ts";
import { CliError } from "./cli-error.ts";
import { withStore } from "./with-store.ts";

const USAGE = "usage: aftercare mail test --to ADDRESS [--brand SLUG] | mail dead-letters [--retry ID]";

async function sendTest(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("mail test", argv, {
    to: { type: "string" },
    brand: { type: "string" },
  });
  if (positionals.length) throw new CliError(`mail test: unexpected argument '${positionals[0]}'`);
  const to = values.to?.trim();
  if (!to || !/^[^\s@]+@[^\s@]+$/.test(to))
    throw new CliError(`mail test: --to needs an email address\n${USAGE}`);
  return withStore(async ({ db }, config) => {
    if (!config.smtpUrl) {
      throw new CliError("mail test: SMTP_URL is not set, so mail is only kept in the outbox for staff", 2);
    }
    const brand = values.brand
      ? await db.selectFrom("brands").select("id").where("slug", "=", values.brand).executeTakeFirst()
      : await db.selectFrom("brands").select("id").orderBy("slug").executeTakeFirst();
    if (!brand)
      throw new CliError(
        values.brand ? `mail test: no brand '${values.brand}'` : "mail test: no brands yet",
        1,
      );
    const { look } = await brandMail(db, brand.id, config.portalBaseUrl);
    const rendered = renderMail(look, {
      subject: `${look.name}: test message from Aftercare`,
      heading: "Mail from Aftercare works",
      paragraphs: [`This is a test sent by \`aftercare mail test\` at ${new Date().toISOString()}.`],
      facts: [
        ["Brand", look.name],
        ["Sent from", look.supportEmail],
      ],
      button: { label: "Open the portal", url: `${config.portalBaseUrl}/b/${look.slug}` },
    });
    const transport = createTransport(config.smtpUrl);
    if (!transport) throw new CliError("mail test: SMTP_URL is not set", 2);
    try {
      const info = await transport.sendMail({
        from: `"${look.name.replaceAll('"', "")}" <${look.supportEmail}>`,
        to,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        messageId: newMessageId(look.supportEmail),
        headers: { "Auto-Submitted": "auto-generated" },
      });
      process.stdout.write(
        `sent ${info.messageId} to ${(info.accepted ?? []).join(", ")} through ${config.smtpUrl.replace(/\/\/[^@/]*@/, "//")}\n`,
      );
      return 0;
    } catch (error) {
      throw new CliError(
        `mail test: the relay refused: ${error instanceof Error ? error.message : String(error)}`,
        1,
      );
    } finally {
      transport.close();
    }
  });
}

async function deadLetters(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("mail dead-letters", argv, { retry: { type: "string" } });
  if (positionals.length) throw new CliError(`mail dead-letters: unexpected argument '${positionals[0]}'`);
  return withStore(async ({ db }, config) => {
    if (values.retry) {
      const result = await retryDeadLetter(
        {
          db,
          evidence: createEvidenceStorage({ dataDir: config.dataDir }),
          dataDir: config.dataDir,
          now: () => new Date(),
        },
        values.retry,
      );
      if (!result) throw new CliError(`mail dead-letters: no dead letter '${values.retry}'`, 1);
      process.stdout.write(`${values.retry}: ${JSON.stringify(result)}\n`);
      return result.outcome === "dead_letter" ? 1 : 0;
    }
    const letters = await listDeadLetters(db);
    if (!letters.length) {
      process.stdout.write("no dead letters\n");
      return 0;
    }
    for (const l of letters) {
      process.stdout.write(
        `${l.id}  ${l.createdAt}  ${l.status.padEnd(11)} tries ${l.attempts}  from ${l.mailFrom ?? "-"}  ${l.reason}\n`,
      );
    }
    return 0;
  });
}

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === "test") return sendTest(rest);
  if (sub === "dead-letters") return deadLetters(rest);
  throw new CliError(USAGE);
}
