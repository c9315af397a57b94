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
      smtpUrl: null,
      assistantLlm: null,
      trustProxy: false,
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
    expect(config.smtpUrl).toBe("smtp://smtp.example.com:587");
    expect(loadConfig({ SMTP_URL: "smtp://u:p@mail.example.com:2587" }).smtpUrl).toBe(
      "smtp://u:p@mail.example.com:2587",
    );
    expect(() => loadConfig({ SMTP_URL: "mail.example.com" })).toThrow(/SMTP_URL/);
    expect(config.assistantLlm?.url).toBe("http://127.0.0.1:11434/v1");
  });

  it("fails with one message naming every bad setting", () => {
    expect(() => loadConfig({ DATABASE_URL: "mysql://x", PORT: "eighty" })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: "mysql://x", PORT: "eighty" })).toThrow(
      /DATABASE_URL[\s\S]*PORT/,
    );
  });

  it("reads TRUST_PROXY as a yes or no, a hop count, or a list of proxy addresses and ranges", () => {
    expect(loadConfig({ TRUST_PROXY: "" }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "false" }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "TRUE" }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: "2" }).trustProxy).toEqual({ hops: 2 });
    expect(loadConfig({ TRUST_PROXY: "10.0.0.0/8, 192.168.1.7,fd00::/8,::1, loopback" }).trustProxy).toEqual({
      addresses: ["10.0.0.0/8", "192.168.1.7", "fd00::/8", "::1", "loopback"],
    });
  });

  it("refuses a TRUST_PROXY it cannot read, naming the setting and the bad entry", () => {
    for (const bad of ["yes", "0", "-1", "1.5", "10.0.0.0/33", "::1/129", "10.0.0.1,", "proxy.internal"]) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(ConfigError);
    }
    expect(() => loadConfig({ TRUST_PROXY: "10.0.0.0/8,lb.example.com" })).toThrow(
      /TRUST_PROXY: 'lb\.example\.com' is not an IP address or CIDR range/,
    );
    expect(() => loadConfig({ TRUST_PROXY: "0" })).toThrow(/TRUST_PROXY: a hop count must be 1 to 100/);
  });
});
