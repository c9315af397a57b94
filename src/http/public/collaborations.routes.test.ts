import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedBrand } from "../../../test/support/test-seed.ts";
import { loadConfig } from "../../config.ts";
import type { Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { buildServer } from "../server.ts";

describe.each(testDatabases())("public collaboration form on $name", (target) => {
  let store: Store;
  let app: FastifyInstance;
  beforeAll(async () => {
    store = await target.open();
    await seedBrand(store.db, "kallesia");
    app = await buildServer({ config: loadConfig({}), store, now: () => new Date("2026-03-10T12:00:00Z") });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const apply = (payload: Record<string, unknown>, brand = "kallesia") =>
    app.inject({ method: "POST", url: `/api/v1/brands/${brand}/collaborations`, payload });

  it("accepts an application once and confirms a repeat without a second one", async () => {
    const body = {
      name: "Cleo",
      email: "cleo@example.com",
      platform: "TikTok",
      handle: "@Cleo.Knits",
      message: "Knitwear reels.",
    };
    const first = await apply(body);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      handle: "cleo.knits",
      platform: "TikTok",
      received: true,
      duplicate: false,
    });
    const again = await apply({ ...body, handle: "https://www.tiktok.com/@cleo.knits" });
    expect(again.json()).toMatchObject({ id: first.json().id, duplicate: true });
    const rows = await store.db.selectFrom("collaboration_applications").select("id").execute();
    expect(rows).toHaveLength(1);
  });

  it("refuses an unknown platform, a bad handle and an unknown brand with the one error shape", async () => {
    const bad = await apply({ name: "Dee", email: "dee@example.com", platform: "Snapchat", handle: "dee" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("VALIDATION");
    const handle = await apply({
      name: "Dee",
      email: "dee@example.com",
      platform: "Instagram",
      handle: "dee styles",
    });
    expect(handle.statusCode).toBe(400);
    expect(handle.json().error.details).toMatchObject({ field: "handle" });
    const brand = await apply(
      { name: "Dee", email: "dee@example.com", platform: "Instagram", handle: "dee" },
      "nobody",
    );
    expect(brand.statusCode).toBe(404);
  });

  it("keeps the review queue behind a staff session", async () => {
    const res = await app.inject({ method: "GET", url: "/api/v1/desk/collaborations?brand=kallesia" });
    expect(res.statusCode).toBe(401);
  });
});
