// Aftercare's settings, read from the environment once at start-up and passed down from there:
// nothing else in the code reads process.env, so a wrong setting fails the start with one clear
// message instead of a request later, and tests can build a config from a plain object.
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
  PORTAL_BASE_URL: optionalUrl,
  LOG_LEVEL: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ),
  SESSION_SECRET: optionalText,
  SMTP_HOST: optionalText,
  SMTP_PORT: optionalPort,
  SMTP_USER: optionalText,
  SMTP_PASSWORD: optionalText,
  SMTP_FROM: optionalText,
  SMTP_SECURE: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["true", "false"]).optional()),
  INBOUND_SMTP_PORT: optionalPort,
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
  /** Where shoppers reach the portal; links in emails and assistant answers start with it. */
  readonly portalBaseUrl: string;
  readonly logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** Optional here so that CLI commands run without one; the server insists on it at start-up. */
  readonly sessionSecret: string | undefined;
  /** Outbound mail relay; without one, mail stays in the outbox and shows in the console. */
  readonly smtp: SmtpConfig | null;
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
    portalBaseUrl: (e.PORTAL_BASE_URL ?? `http://${displayHost}:${e.PORT}`).replace(/\/+$/, ""),
    logLevel: e.LOG_LEVEL,
    sessionSecret: e.SESSION_SECRET,
    smtp,
    inboundSmtpPort: e.INBOUND_SMTP_PORT,
    assistantLlm: e.ASSISTANT_LLM_URL
      ? { url: e.ASSISTANT_LLM_URL, model: e.ASSISTANT_LLM_MODEL, apiKey: e.ASSISTANT_LLM_API_KEY }
      : null,
  };
}
