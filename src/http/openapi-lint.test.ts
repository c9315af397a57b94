// The OpenAPI document passes Redocly's recommended lint, so generated clients get documented error
// responses in the shared error shape and a usable server entry.
import { createConfig, lintFromString } from "@redocly/openapi-core";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config.ts";
import type { Store } from "../db/database.ts";
import { testDatabases } from "../db/test-db.ts";
import { buildServer } from "./server.ts";

const [sqlite] = testDatabases();

describe("OpenAPI document", () => {
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    if (!sqlite) throw new Error("SQLite test database missing");
    store = await sqlite.open();
    app = await buildServer(
      { config: loadConfig({}), store, now: () => new Date(), sessionSecret: "x".repeat(32) },
      { web: false },
    );
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it("passes Redocly's recommended rules with no errors or warnings", async () => {
    const res = await app.inject({ method: "GET", url: "/api/v1/openapi.json" });
    expect(res.statusCode).toBe(200);
    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lintFromString({ source: res.body, absoluteRef: "/openapi.json", config });
    const listed = problems.map(
      (p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ""}`,
    );
    expect(listed).toEqual([]);
  });

  it("documents the shared error shape for client errors on every operation", async () => {
    const doc = (await app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json() as {
      servers: unknown[];
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(doc.servers.length).toBeGreaterThan(0);
    let operations = 0;
    for (const methods of Object.values(doc.paths)) {
      for (const op of Object.values(methods)) {
        operations++;
        const fourXX = Object.keys(op.responses).filter((code) => /^4\d\d$/.test(code));
        expect(fourXX.length).toBeGreaterThan(0);
      }
    }
    expect(operations).toBeGreaterThan(70);
  });
});
