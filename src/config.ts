// Aftercare's settings, read from the environment once at start-up and passed down from there:
// nothing else in the code reads process.env, so a wrong setting fails the start with one clear
// message instead of a request later, and tests can build a config from a plain object.
import { isIP } from "node:net";
import { z } from "zod";

/** Raised when the environment does not describe a usable install; the message lists every problem. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

// Env files often carry `NAME=` for "not set"; treating "" as missing keeps those files usable.
const optionalText = z.preprocess((v) => (v === "" ? undefined : v), z.string().optional());
const optionalUrl = z.preprocess((v) => (v === "" ? undefined : v), z.url().optional());
const optionalPort = z.preprocess(
  (v) => (v === "" ? undefined : v),
  z.coerce.number().int().min(1).max(65535).optional(),
);

/**
 * Which proxies in front of Aftercare are believed about the caller's address and the scheme they
 * used (X-Forwarded-For, X-Forwarded-Proto): none, all, the nearest `hops` of them, or those at the
 * listed addresses and ranges.
 */
export type TrustProxy = boolean | { readonly hops: number } | { readonly addresses: readonly string[] };

// proxy-addr's names for the private ranges a container network or cloud load balancer uses.
const NAMED_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);

function isAddressOrRange(entry: string): boolean {
  if (NAMED_RANGES.has(entry) || isIP(entry) !== 0) return true;
  const match = /^([^/]+)\/(\d{1,3})$/.exec(entry);
  if (!match?.[1] || !match[2]) return false;
  const version = isIP(match[1]);
  const bits = Number(match[2]);
  return version !== 0 && bits <= (version === 4 ? 32 : 128);
}

const ZTrustProxy = z.preprocess(
  (v) => (v === "" ? undefined : v),
  z
    .string()
    .optional()
    .transform((text, ctx): TrustProxy => {
      const value = (text ?? "false").trim();
      if (/^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
      if (/^\d+$/.test(value)) {
        const hops = Number(value);
        if (hops >= 1 && hops <= 100) return { hops };
        ctx.addIssue({ code: "custom", message: "a hop count must be 1 to 100 (false trusts no proxy)" });
        return z.NEVER;
      }
      const addresses = value.split(",").map((entry) => entry.trim());
      const bad = addresses.filter((entry) => !isAddressOrRange(entry));
      if (bad.length === 0) return { addresses };
      ctx.addIssue({
        code: "custom",
        message:
          `'${bad.join("', '")}' is not an IP address or CIDR range; use true, false, a hop count, ` +
          "or a comma list such as 10.0.0.0/8,::1 (loopback, linklocal and uniquelocal are also known)",
      });
      return z.NEVER;
    }),
);

const ZEnv = z.object({
  DATABASE_URL: z
    .preprocess((v) => (v === "" ? undefined : v), z.string().default("sqlite:./data/aftercare.db"))
    .refine((url) => /^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(url), {
      message: "must be sqlite:PATH or postgres://user@host:port/db",
    }),
  DATA_DIR: z.preprocess((v) => (v === "" ? undefined : v), z.string().default("./data")),
  PORT: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.coerce.number().int().min(0).max(65535).default(3000),
  ),
  HOST: z.preprocess((v) => (v === "" ? undefined : v), z.string().default("127.0.0.1")),
  TRUST_PROXY: ZTrustProxy,
  PORTAL_BASE_URL: optionalUrl,
  LOG_LEVEL: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ),
  SESSION_SECRET: optionalText,
  SMTP_URL: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .regex(/^smtps?:\/\/.+/, "must be smtp://user:password@host:port or smtps://…")
      .optional(),
  ),
  SMTP_HOST: optionalText,
  SMTP_PORT: optionalPort,
  SMTP_USER: optionalText,
  SMTP_PASSWORD: optionalText,
  SMTP_FROM: optionalText,
  SMTP_SECURE: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["true", "false"]).optional()),
  // 0 picks a free port (tests); the one in use is printed at start-up.
  INBOUND_SMTP_PORT: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.coerce.number().int().min(0).max(65535).optional(),
  ),
  ASSISTANT_LLM_URL: optionalUrl,
  ASSISTANT_LLM_MODEL: optionalText,
  ASSISTANT_LLM_API_KEY: optionalText,
});

export interface SmtpConfig {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly user: string | undefined;
  readonly password: string | undefined;
  readonly from: string | undefined;
}

export interface AssistantLlmConfig {
  readonly url: string;
  readonly model: string | undefined;
  readonly apiKey: string | undefined;
}

export interface Config {
  readonly databaseUrl: string;
  /** Uploaded evidence and other files live here (the SQLite file usually does too). */
  readonly dataDir: string;
  readonly port: number;
  readonly host: string;
  /** Proxies believed about the client's address and scheme; off unless the install sits behind one. */
  readonly trustProxy: TrustProxy;
  /** Where shoppers reach the portal; links in emails and assistant answers start with it. */
  readonly portalBaseUrl: string;
  readonly logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** Optional here so that CLI commands run without one; the server insists on it at start-up. */
  readonly sessionSecret: string | undefined;
  /** Outbound mail relay; without one, mail stays in the outbox and shows in the console. */
  readonly smtp: SmtpConfig | null;
  /** The relay as one URL for nodemailer: SMTP_URL, or one built from SMTP_HOST and friends. */
  readonly smtpUrl: string | null;
  readonly inboundSmtpPort: number | undefined;
  /** Optional rephrasing endpoint for the assistant; off unless set. */
  readonly assistantLlm: AssistantLlmConfig | null;
}

export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n${problems.join("\n")}`);
  }
  const e = parsed.data;
  const smtp: SmtpConfig | null = e.SMTP_HOST
    ? {
        host: e.SMTP_HOST,
        port: e.SMTP_PORT ?? (e.SMTP_SECURE === "true" ? 465 : 587),
        secure: e.SMTP_SECURE === "true",
        user: e.SMTP_USER,
        password: e.SMTP_PASSWORD,
        from: e.SMTP_FROM,
      }
    : null;
  const displayHost = e.HOST === "0.0.0.0" || e.HOST === "::" ? "localhost" : e.HOST;
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    port: e.PORT,
    host: e.HOST,
    trustProxy: e.TRUST_PROXY,
    portalBaseUrl: (e.PORTAL_BASE_URL ?? `http://${displayHost}:${e.PORT}`).replace(/\/+$/, ""),
    logLevel: e.LOG_LEVEL,
    sessionSecret: e.SESSION_SECRET,
    smtp,
    smtpUrl: e.SMTP_URL ?? (smtp ? smtpUrlOf(smtp) : null),
    inboundSmtpPort: e.INBOUND_SMTP_PORT,
    assistantLlm: e.ASSISTANT_LLM_URL
      ? { url: e.ASSISTANT_LLM_URL, model: e.ASSISTANT_LLM_MODEL, apiKey: e.ASSISTANT_LLM_API_KEY }
      : null,
  };
}

function smtpUrlOf(smtp: SmtpConfig): string {
  const auth = smtp.user
    ? `${encodeURIComponent(smtp.user)}${smtp.password ? `:${encodeURIComponent(smtp.password)}` : ""}@`
    : "";
  return `${smtp.secure ? "smtps" : "smtp"}://${auth}${smtp.host}:${smtp.port}`;
}
