// `aftercare brand webhook-secret SLUG [--clear | --status]`: a self-hoster stores the secret their store
// platform signs order webhooks with, without going through the admin API. The secret is read from
// standard input (the first line, trimmed), never from an argument, so it stays out of shell history and
// process lists; on a terminal it is typed or pasted without being echoed. Nothing prints it back.

import { getStoreWebhookSecret } from "../app/integrations/get-store-webhook-secret.ts";
import { setStoreWebhookSecret } from "../app/integrations/set-store-webhook-secret.ts";
import { SYSTEM } from "../app/kernel/actor.ts";
import type { Db } from "../db/database.ts";
import { parseCommandArgs } from "./args.ts";
import { CliError } from "./cli-error.ts";
import { withStore } from "./with-store.ts";

export const WEBHOOK_SECRET_USAGE = `  aftercare brand webhook-secret SLUG [--clear | --status]
      (reads the store platform's order webhook signing secret from standard input and never shows it;
       --clear goes back to the API key alone, --status says whether one is set and since when)
`;

interface Output {
  write(chunk: string): unknown;
}

/** Standard input, or a stand-in for it in tests. */
export interface SecretInput extends AsyncIterable<Buffer | string> {
  readonly isTTY?: boolean;
  setRawMode?(raw: boolean): unknown;
}

export interface WebhookSecretCommandOptions {
  readonly slug: string;
  readonly action: "set" | "clear" | "status";
  readonly input: SecretInput;
  readonly out: Output;
  /** Where the prompt goes when the secret is typed at a terminal. */
  readonly err: Output;
  readonly now?: Date;
}

export async function webhookSecret(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("brand webhook-secret", argv, {
    clear: { type: "boolean" },
    status: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    process.stdout.write(`usage:\n${WEBHOOK_SECRET_USAGE}`);
    return 0;
  }
  const [slug, extra] = positionals;
  if (!slug || extra !== undefined)
    throw new CliError(`brand webhook-secret: expected one SLUG\nusage:\n${WEBHOOK_SECRET_USAGE}`);
  if (values.clear && values.status)
    throw new CliError("brand webhook-secret: use either --clear or --status, not both");
  const action = values.clear ? "clear" : values.status ? "status" : "set";
  return withStore(({ db }) =>
    webhookSecretCommand(db, {
      slug,
      action,
      input: process.stdin,
      out: process.stdout,
      err: process.stderr,
    }),
  );
}

/** The command's work on an open store, with its streams given, so tests can drive it. */
export async function webhookSecretCommand(db: Db, options: WebhookSecretCommandOptions): Promise<number> {
  const { slug, out } = options;
  // Checked first, so an unknown brand fails before anyone types a secret for it.
  const current = await getStoreWebhookSecret(db, { brandSlug: slug }, SYSTEM);
  if (options.action === "status") {
    out.write(
      current.configured
        ? `brand ${slug}: store webhook secret set ${current.updatedAt}; order webhooks need a valid X-Shopify-Hmac-Sha256\n`
        : `brand ${slug}: no store webhook secret; order webhooks are checked by API key alone\n`,
    );
    return 0;
  }
  if (options.action === "clear") {
    if (!current.configured) {
      out.write(`brand ${slug} has no store webhook secret; nothing to remove\n`);
      return 0;
    }
    await setStoreWebhookSecret(db, { brandSlug: slug, secret: null }, SYSTEM, options.now ?? new Date());
    out.write(
      `removed the store webhook secret of brand ${slug}; order webhooks are checked by API key alone\n`,
    );
    return 0;
  }
  if (options.input.isTTY) options.err.write(`store webhook secret for brand ${slug} (not shown): `);
  const secret = (await readSecretLine(options.input, options.err)).trim();
  if (!secret) {
    throw new CliError(
      `brand webhook-secret: no secret on standard input; pipe it in, e.g. \`aftercare brand webhook-secret ${slug} < secret.txt\``,
      1,
    );
  }
  const stored = await setStoreWebhookSecret(
    db,
    { brandSlug: slug, secret },
    SYSTEM,
    options.now ?? new Date(),
  );
  out.write(
    `${current.configured ? "replaced" : "stored"} the store webhook secret of brand ${slug} at ${stored.updatedAt}; order webhooks now need a valid X-Shopify-Hmac-Sha256\n`,
  );
  return 0;
}

/**
 * The first line of the input. On a terminal the input is switched to raw mode so the keys typed or the
 * text pasted are not echoed; backspace works, Enter or Ctrl-D ends it, Ctrl-C cancels.
 */
export async function readSecretLine(input: SecretInput, err: Output): Promise<string> {
  let raw = input.isTTY === true && typeof input.setRawMode === "function";
  // Back to a normal terminal before the loop ends: leaving it closes standard input.
  const restore = () => {
    if (!raw) return;
    raw = false;
    input.setRawMode?.(false);
    err.write("\n");
  };
  if (raw) input.setRawMode?.(true);
  const terminal = raw;
  let line = "";
  let ended: "line" | "cancelled" | null = null;
  try {
    for await (const chunk of input) {
      for (const c of typeof chunk === "string" ? chunk : chunk.toString("utf8")) {
        if (c === "\n" || c === "\r" || (terminal && c === "\u0004")) ended = "line";
        else if (terminal && c === "\u0003") ended = "cancelled";
        else if (terminal && (c === "\u007f" || c === "\b")) line = line.slice(0, -1);
        else line += c;
        if (ended) break;
      }
      if (ended) {
        restore();
        break;
      }
    }
  } finally {
    restore();
  }
  if (ended === "cancelled") throw new CliError("brand webhook-secret: cancelled, nothing changed", 130);
  return line;
}
