// Knowledge documents through the real server: an admin imports a pasted page, sees it listed with its
// article and passages, replaces it by importing the same name again, and deletes it; the assistant
// answers from it meanwhile. Other roles are refused, bad input gets the one error shape, and every
// change leaves an audit row.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedStaff, signIn } from "../../../test/support/auth-test-helpers.ts";
import { seedBrand } from "../../../test/support/test-seed.ts";
import type { StaffRole } from "../../app/kernel/actor.ts";
import { loadConfig } from "../../config.ts";
import type { Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { CSRF_HEADER } from "../auth.ts";
import { buildServer } from "../server.ts";

const NOW = new Date("2026-03-10T10:00:00Z");
const BASE = "/api/v1/admin/brands/kallesia/knowledge";

const PAGE = `# Gift wrapping

Every order can be gift wrapped at checkout for a small charge.

## What the wrapping looks like

We fold each piece in recycled tissue paper and tie it with a cotton ribbon in the season's colour.
`;

interface Doc {
  id: string;
  name: string;
  passages: number;
  articles: { title: string; url: string | null; passages: number }[];
}

describe.each(testDatabases())("knowledge routes on $name", (target) => {
  let store: Store;
  let app: FastifyInstance;
  let admin: Record<string, string>;
  let address = 1;
  const signedIn = async (role: StaffRole) => {
    const s = await signIn(app, await seedStaff(store.db, role), `10.12.0.${address++}`);
    return { cookie: s.cookie, [CSRF_HEADER]: s.csrf };
  };
  const list = async () =>
    ((await app.inject({ method: "GET", url: BASE, headers: admin })).json() as { documents: Doc[] })
      .documents;
  const audits = (action: string) =>
    store.db
      .selectFrom("audit_log")
      .select(["entity_id", "actor_type"])
      .where("action", "=", action)
      .execute();

  beforeAll(async () => {
    store = await target.open();
    await seedBrand(store.db, "kallesia");
    app = await buildServer({
      config: loadConfig({}),
      store,
      now: () => NOW,
      sessionSecret: "test-secret-for-knowledge-routes-0123456789",
    });
    admin = await signedIn("admin");
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it("imports a pasted page, lists it, replaces it by name and deletes it, with audit rows", async () => {
    expect(await list()).toEqual([]);
    const imported = await app.inject({
      method: "POST",
      url: BASE,
      headers: admin,
      payload: { name: "gift-wrapping.md", content: PAGE },
    });
    expect(imported.statusCode).toBe(201);
    expect(imported.json()).toMatchObject({ name: "gift-wrapping.md", replaced: false });
    const [doc] = await list();
    expect(doc).toMatchObject({
      name: "gift-wrapping.md",
      articles: [{ title: "Gift wrapping", url: null }],
    });
    expect(doc?.passages).toBeGreaterThan(0);
    expect((await audits("knowledge.imported")).map((a) => a.entity_id)).toEqual([doc?.id]);

    const answer = await app.inject({
      method: "POST",
      url: "/api/v1/brands/kallesia/assistant/ask",
      payload: { question: "What ribbon do you use for gift wrapping?" },
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toContain("cotton ribbon");

    const replaced = await app.inject({
      method: "POST",
      url: BASE,
      headers: admin,
      payload: { name: "gift-wrapping.md", content: `${PAGE}\nWrapping is not available for swimwear.\n` },
    });
    expect(replaced.json()).toMatchObject({ replaced: true });
    const after = await list();
    expect(after).toHaveLength(1);
    expect(after[0]?.id).not.toBe(doc?.id);
    expect(await audits("knowledge.replaced")).toHaveLength(1);

    const removed = await app.inject({ method: "DELETE", url: `${BASE}/${after[0]?.id}`, headers: admin });
    expect(removed.statusCode).toBe(204);
    expect(await list()).toEqual([]);
    expect(await audits("knowledge.deleted")).toEqual([{ entity_id: after[0]?.id, actor_type: "staff" }]);
    const gone = await app.inject({ method: "DELETE", url: `${BASE}/${after[0]?.id}`, headers: admin });
    expect(gone.statusCode).toBe(404);
  });

  it("refuses other roles with 403", async () => {
    for (const role of ["agent", "warehouse"] as const) {
      const headers = await signedIn(role);
      expect((await app.inject({ method: "GET", url: BASE, headers })).statusCode).toBe(403);
      const post = await app.inject({
        method: "POST",
        url: BASE,
        headers,
        payload: { name: "x.md", content: PAGE },
      });
      expect(post.statusCode).toBe(403);
      expect(post.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
      expect((await app.inject({ method: "DELETE", url: `${BASE}/anything`, headers })).statusCode).toBe(403);
    }
  });

  it("answers bad input with 400 in the one error shape", async () => {
    for (const payload of [
      { name: "notes.pdf", content: PAGE },
      { name: "folder/page.md", content: PAGE },
      { name: "empty.md", content: "" },
      { content: PAGE },
    ]) {
      const res = await app.inject({ method: "POST", url: BASE, headers: admin, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      const body = res.json() as { error: { code: string; requestId: string; details: unknown } };
      expect(body.error).toMatchObject({ code: "VALIDATION" });
      expect(body.error.requestId).toBeTruthy();
    }
    expect(await list()).toEqual([]);
  });
});
