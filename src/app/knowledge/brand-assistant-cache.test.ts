import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { addBrand } from "../brands/add-brand.ts";
import { AppError } from "../kernel/errors.ts";
import { createBrandAssistantCache } from "./brand-assistant-cache.ts";
import { importKnowledge } from "./import-knowledge.ts";

const V1 = "# Refunds\n\nRefunds reach your card within 5 working days of your return arriving.\n";
const V2 = "# Refunds\n\nRefunds reach your card within 9 working days of your return arriving.\n";
const NOW = new Date("2026-03-10T09:00:00Z");

describe.each(testDatabases())("brand assistant cache on $name", (target) => {
  let store: Store;
  beforeAll(async () => {
    store = await target.open();
    await addBrand(store.db, { slug: "north", name: "North" });
    await addBrand(store.db, { slug: "south", name: "South" });
  });
  afterAll(async () => {
    await store.close();
  });

  it("builds a brand's index once and rebuilds it only when its knowledge base changes", async () => {
    const cache = createBrandAssistantCache(store.db);
    await importKnowledge(store.db, { brandSlug: "north", name: "refunds.md", content: V1, now: NOW });
    const first = await cache.get("north");
    expect(first.ask("How long do refunds take?").citations[0]?.text).toContain("within 5 working days");
    expect(await cache.get("north")).toBe(first);
    await Promise.all([cache.get("north"), cache.get("north")]);
    expect(cache.builds).toBe(1);

    // Another brand's import leaves this brand's index alone.
    await importKnowledge(store.db, { brandSlug: "south", name: "refunds.md", content: V2, now: NOW });
    expect(await cache.get("north")).toBe(first);
    expect(cache.builds).toBe(1);

    // Same name, same instant: still seen as a change, because the document is new.
    await importKnowledge(store.db, { brandSlug: "north", name: "refunds.md", content: V2, now: NOW });
    const second = await cache.get("north");
    expect(second).not.toBe(first);
    expect(second.ask("How long do refunds take?").citations[0]?.text).toContain("within 9 working days");
    expect(cache.builds).toBe(2);
  });

  it("refuses an unknown brand, and builds again once a brand without documents gets one", async () => {
    const cache = createBrandAssistantCache(store.db);
    const refused = await cache.get("nowhere").catch((error: unknown) => error);
    expect(refused instanceof AppError && refused.code).toBe("NOT_FOUND");
    await addBrand(store.db, { slug: "empty", name: "Empty" });
    const bare = await cache.get("empty");
    expect(await cache.get("empty")).toBe(bare);
    expect(cache.builds).toBe(1);
    await importKnowledge(store.db, { brandSlug: "empty", name: "refunds.md", content: V1, now: NOW });
    const built = await cache.get("empty");
    expect(built).not.toBe(bare);
    expect(built.ask("How long do refunds take?").citations[0]?.text).toContain("within 5 working days");
    expect(cache.builds).toBe(2);
  });

  it("answers a question asked again from the index's own memory, the same answer, unchangeable", async () => {
    const cache = createBrandAssistantCache(store.db);
    await importKnowledge(store.db, { brandSlug: "north", name: "refunds.md", content: V1, now: NOW });
    const assistant = await cache.get("north");
    const first = assistant.ask("How long do refunds take?");
    expect(assistant.ask("  How long do refunds take?\n")).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.citations[0])).toBe(true);
    expect(() => {
      (first as { answer: string }).answer = "changed";
    }).toThrow(TypeError);
    // A new index answers afresh from the new text.
    await importKnowledge(store.db, { brandSlug: "north", name: "refunds.md", content: V2, now: NOW });
    const again = (await cache.get("north")).ask("How long do refunds take?");
    expect(again.citations[0]?.text).toContain("within 9 working days");
  });
});
