import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

describe("loadConfig", () => {
  it("defaults to an embedded SQLite store and no mail relay or rephrasing service", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      databaseUrl: "sqlite:./data/aftercare.db",
      port: 3000,
      host: "127.0.0.1",
      portalBaseUrl: "http://127.0.0.1:3000",
      smtp: null,
      assistantLlm: null,
    });
  });

  it("treats empty values as unset and reads optional services when given", () => {
    const config = loadConfig({
      DATABASE_URL: "",
      PORT: "8080",
      PORTAL_BASE_URL: "https://care.example.com/",
      SMTP_HOST: "smtp.example.com",
      ASSISTANT_LLM_URL: "http://127.0.0.1:11434/v1",
    });
    expect(config.databaseUrl).toBe("sqlite:./data/aftercare.db");
    expect(config.portalBaseUrl).toBe("https://care.example.com");
    expect(config.smtp).toMatchObject({ host: "smtp.example.com", port: 587, secure: false });
    expect(config.assistantLlm?.url).toBe("http://127.0.0.1:11434/v1");
  });

  it("fails with one message naming every bad setting", () => {
    expect(() => loadConfig({ DATABASE_URL: "mysql://x", PORT: "eighty" })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: "mysql://x", PORT: "eighty" })).toThrow(
      /DATABASE_URL[\s\S]*PORT/,
    );
  });
});
