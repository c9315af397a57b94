import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { addBrand } from "../brands/add-brand.ts";
import { askAssistant, loadBrandPassages } from "./ask-assistant.ts";
import { importKnowledge } from "./import-knowledge.ts";

const northReturns = `# Returns

You can send items back within 14 days of delivery for a refund to your original payment method.

# Delivery

Parcels leave our warehouse within two working days.
`;
const northReturnsRevised = `# Returns

You can send items back within 30 days of delivery for a refund to your original payment method.
`;
const southFaq = `# Refunds

Refunds reach your bank within 10 working days after we receive the returned parcel.
`;

describe.each(testDatabases())("knowledge base on $name", (target) => {
  let store: Store;
  beforeAll(async () => {
    store = await target.open();
    await addBrand(store.db, { slug: "north", name: "North" });
    await addBrand(store.db, { slug: "south", name: "South" });
  });
  afterAll(async () => {
    await store.close();
  });

  async function passagesOf(slug: string) {
    const brand = await store.db
      .selectFrom("brands")
      .select("id")
      .where("slug", "=", slug)
      .executeTakeFirstOrThrow();
    return loadBrandPassages(store.db, brand.id);
  }

  it("imports a document as passages", async () => {
    const result = await importKnowledge(store.db, {
      brandSlug: "north",
      name: "returns.md",
      content: northReturns,
    });
    expect(result.replaced).toBe(false);
    expect(result.passages).toBeGreaterThan(0);
    const passages = await passagesOf("north");
    expect(passages).toHaveLength(result.passages);
    expect(passages.every((p) => p.document === "returns.md")).toBe(true);
    expect(passages.some((p) => p.text.includes("within 14 days"))).toBe(true);
  });

  it("replaces a document imported again under the same name", async () => {
    const result = await importKnowledge(store.db, {
      brandSlug: "north",
      name: "returns.md",
      content: northReturnsRevised,
    });
    expect(result.replaced).toBe(true);
    const passages = await passagesOf("north");
    expect(passages).toHaveLength(result.passages);
    expect(passages.some((p) => p.text.includes("within 30 days"))).toBe(true);
    expect(passages.some((p) => p.text.includes("14 days"))).toBe(false);
    const docs = await store.db.selectFrom("kb_documents").select("name").execute();
    expect(docs.filter((d) => d.name === "returns.md")).toHaveLength(1);
  });

  it("refuses a page with no help text, keeping the document imported before under its name", async () => {
    const before = await passagesOf("north");
    await expect(
      importKnowledge(store.db, {
        brandSlug: "north",
        name: "returns.md",
        content: "\n  \n\n",
      }),
    ).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringContaining("no help text found") });
    expect(await passagesOf("north")).toEqual(before);
  });

  it("keeps brands apart: same file name, separate documents, answers from the asking brand only", async () => {
    await importKnowledge(store.db, { brandSlug: "south", name: "returns.md", content: southFaq });
    const north = await passagesOf("north");
    const south = await passagesOf("south");
    expect(south.some((p) => p.text.includes("10 working days"))).toBe(true);
    expect(north.some((p) => p.text.includes("10 working days"))).toBe(false);

    const answer = await askAssistant(store.db, {
      brandSlug: "south",
      question: "When will I get my refund?",
    });
    const southTexts = new Set(south.map((p) => p.text));
    for (const citation of answer.citations) expect(southTexts.has(citation.text)).toBe(true);
  });

  it("imports a help centre's articles export with each article's title and address, and updates it on re-import", async () => {
    const exported = (refundDays: number) =>
      JSON.stringify({
        articles: [
          {
            title: "Refunds for returned boots",
            html_url: "https://help.north.example/articles/11-refunds",
            draft: false,
            body: `<h2>How long refunds take</h2><p>Refunds reach your card within ${refundDays} working days.</p>`,
          },
          {
            title: "Gift wrapping",
            html_url: "https://help.north.example/articles/12-gift-wrapping",
            body: "<p>Gift wrapping costs $4 per parcel.</p>",
          },
          { title: "Unpublished", draft: true, body: "<p>Not yet live.</p>" },
        ],
      });
    const first = await importKnowledge(store.db, {
      brandSlug: "north",
      name: "help-centre.json",
      content: exported(5),
    });
    expect(first).toMatchObject({ passages: 2, replaced: false });
    const again = await importKnowledge(store.db, {
      brandSlug: "north",
      name: "help-centre.json",
      content: exported(7),
    });
    expect(again).toMatchObject({ passages: 2, replaced: true });
    const passages = (await passagesOf("north")).filter((p) => p.document === "help-centre.json");
    expect(passages.map((p) => [p.title, p.url, p.heading, p.text])).toEqual([
      [
        "Refunds for returned boots",
        "https://help.north.example/articles/11-refunds",
        "How long refunds take",
        "Refunds reach your card within 7 working days.",
      ],
      [
        "Gift wrapping",
        "https://help.north.example/articles/12-gift-wrapping",
        "Gift wrapping",
        "Gift wrapping costs $4 per parcel.",
      ],
    ]);
    const answer = await askAssistant(store.db, {
      brandSlug: "north",
      question: "how much is gift wrapping?",
    });
    expect(answer.handoff).toBe(false);
    expect(answer.citations[0]).toMatchObject({
      text: "Gift wrapping costs $4 per parcel.",
      title: "Gift wrapping",
      url: "https://help.north.example/articles/12-gift-wrapping",
    });
    expect(answer.answer).toContain("https://help.north.example/articles/12-gift-wrapping");
    await expect(
      importKnowledge(store.db, { brandSlug: "north", name: "broken.json", content: "{not json" }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("refuses unknown brands and unsupported files", async () => {
    await expect(
      importKnowledge(store.db, { brandSlug: "nobody", name: "a.md", content: "x" }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(askAssistant(store.db, { brandSlug: "nobody", question: "hello?" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      importKnowledge(store.db, { brandSlug: "north", name: "a.pdf", content: "x" }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
    });
  });
});
